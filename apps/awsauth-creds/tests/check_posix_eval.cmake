# The recipe of docs/awsauth-creds.md, run for real: eval "$(awsauth-creds --format env FILE)" in sh, then print the four
# variables one per line; they must be the values in the payload (EXPECTED_FILE). This checks the quoting by
# the shell that reads it rather than by comparing text. Usage (see CMakeLists.txt):
#   cmake -DSH=... -DTOOL=... -DINPUT=... -DNOW=... -DEXPECTED_FILE=... -P this
cmake_minimum_required(VERSION 3.14)

# Long-term keys set neither AWS_SESSION_TOKEN nor AWS_CREDENTIAL_EXPIRATION: those print as "(unset)", and none of
# the four is inherited from the environment the test runs in.
set(script [[unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION
eval "$("$@")" && printf '%s\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "${AWS_SESSION_TOKEN-(unset)}" "${AWS_CREDENTIAL_EXPIRATION-(unset)}"]])
execute_process(COMMAND "${SH}" -c "${script}" sh "${TOOL}" --now "${NOW}" --format env "${INPUT}"
  RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
file(READ "${EXPECTED_FILE}" expected)
if(NOT status STREQUAL "0" OR NOT "${stderr}" STREQUAL "" OR NOT "${stdout}" STREQUAL "${expected}")
  message(FATAL_ERROR "sh eval of awsauth-creds --format env ${INPUT}: exit ${status}, stderr [${stderr}]\n"
                      "got:\n${stdout}expected:\n${expected}")
endif()
