# Configures, builds and runs one consumer project, from an empty build directory: a cache left by an earlier
# run would hide what adding awsauth does to a project. CTest runs it as
#   cmake -Dsource_dir=... -Dbinary_dir=... -Dprogram=... -Dprogram_argument=... -P build-and-run.cmake
#         -- <arguments for the consumer's configure step>
set(configure_arguments "")
set(after_separator OFF)
math(EXPR last_argument "${CMAKE_ARGC} - 1")
foreach(index RANGE ${last_argument})
  if(after_separator)
    list(APPEND configure_arguments "${CMAKE_ARGV${index}}")
  elseif(CMAKE_ARGV${index} STREQUAL "--")
    set(after_separator ON)
  endif()
endforeach()

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
