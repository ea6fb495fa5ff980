# Runs awsauth-creds once and checks its exit status, stderr and stdout exactly. Usage (see CMakeLists.txt):
#   cmake -DTOOL=... -DARGS=a|b|c [-DSTDIN=file] -DEXIT=n [-DSTDERR_FILE=file] [-DSTDOUT_FILE=file]
#         [-DSTDOUT_CONTAINS=x|y|z] -P this
# Without STDERR_FILE stderr must be empty; without STDOUT_FILE or STDOUT_CONTAINS, stdout must be empty.
cmake_minimum_required(VERSION 3.14)

string(REPLACE "|" ";" args "${ARGS}")
set(stdin_args "")
if(STDIN)
  set(stdin_args INPUT_FILE "${STDIN}")
endif()
execute_process(COMMAND "${TOOL}" ${args} ${stdin_args}
  RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)

set(expected_stderr "")
if(STDERR_FILE)
  file(READ "${STDERR_FILE}" expected_stderr)
endif()
set(expected_stdout "")
if(STDOUT_FILE)
  file(READ "${STDOUT_FILE}" expected_stdout)
endif()

set(failures "")
if(NOT status STREQUAL "${EXIT}")
  string(APPEND failures "\nexit status ${status}, expected ${EXIT}")
endif()
if(NOT "${stderr}" STREQUAL "${expected_stderr}")
  string(APPEND failures "\nstderr:\n${stderr}expected:\n${expected_stderr}")
endif()
if(STDOUT_CONTAINS)
  string(REPLACE "|" ";" wanted "${STDOUT_CONTAINS}")
  foreach(text IN LISTS wanted)
    string(FIND "${stdout}" "${text}" at)
    if(at EQUAL -1)
      string(APPEND failures "\nstdout lacks [${text}]")
    endif()
  endforeach()
elseif(NOT "${stdout}" STREQUAL "${expected_stdout}")
  string(APPEND failures "\nstdout:\n${stdout}expected:\n${expected_stdout}")
endif()
if(failures)
  message(FATAL_ERROR "awsauth-creds ${ARGS}:${failures}")
endif()
