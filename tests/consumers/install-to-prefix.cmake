# Installs the awsauth build in `build_dir` into an empty `prefix`, for the consumers that use an installed
# awsauth. CTest runs it as: cmake -Dbuild_dir=... -Dprefix=... -P install-to-prefix.cmake
file(REMOVE_RECURSE "${prefix}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${build_dir}" --prefix "${prefix}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${result})")
endif()
