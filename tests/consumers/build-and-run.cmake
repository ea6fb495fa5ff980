# Configures, builds and runs one consumer project, from an empty build directory: a cache left by an earlier
# run would hide what adding awsauth does to a project. CTest runs it as
#   cmake -Dsource_dir=... -Dbinary_dir=... -Dprogram=... -Dprogram_argument=... -P build-and-run.cmake
#         -- <arguments for the consumer's configure step>
include("${CMAKE_CURRENT_LIST_DIR}/arguments-after-separator.cmake")
awsauth_arguments_after_separator(configure_arguments)

file(REMOVE_RECURSE "${binary_dir}")
foreach(step IN ITEMS configure build run)
  if(step STREQUAL "configure")
    set(command "${CMAKE_COMMAND}" -S "${source_dir}" -B "${binary_dir}" ${configure_arguments})
  elseif(step STREQUAL "build")
    set(command "${CMAKE_COMMAND}" --build "${binary_dir}")
  else()
    set(command "${binary_dir}/${program}" "${program_argument}")
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer ${source_dir}: ${step} failed (${result})")
  endif()
endforeach()
