# Runs one example and checks what it printed. Usage (see CMakeLists.txt):
#   cmake -DPROGRAM=... [-DARGS=a|b] -DCONTAINS=x|y [-DLACKS=z] -P check_output.cmake
# The example must exit 0 with an empty stderr; its stdout must hold each CONTAINS text and no LACKS text
# (plain text, not regular expressions).
cmake_minimum_required(VERSION 3.14)

string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${args} RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)

set(failures "")
if(NOT status STREQUAL "0")
  string(APPEND failures "\nexit status ${status}, expected 0")
endif()
if(NOT "${stderr}" STREQUAL "")
  string(APPEND failures "\nstderr: ${stderr}")
endif()
string(REPLACE "|" ";" wanted "${CONTAINS}")
foreach(text IN LISTS wanted)
  string(FIND "${stdout}" "${text}" at)
  if(at EQUAL -1)
    string(APPEND failures "\nstdout lacks [${text}]")
  endif()
endforeach()
string(REPLACE "|" ";" unwanted "${LACKS}")
foreach(text IN LISTS unwanted)
  string(FIND "${stdout}" "${text}" at)
  if(NOT at EQUAL -1)
    string(APPEND failures "\nstdout holds [${text}], which it must not")
  endif()
endforeach()
if(failures)
  message(FATAL_ERROR "${PROGRAM} ${ARGS}:${failures}\n--- stdout:\n${stdout}")
endif()
