# The warning set awsauth's own targets compile with; CI builds it with g++ and clang++ as errors.
add_library(awsauth_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(awsauth_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    $<$<BOOL:${AWSAUTH_WERROR}>:-Werror>)
elseif(MSVC)
  target_compile_options(awsauth_warnings INTERFACE /W4 $<$<BOOL:${AWSAUTH_WERROR}>:/WX>)
endif()
