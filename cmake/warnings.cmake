# The warning set awsauth's own targets compile with; CI builds it with g++ and clang++ as errors.
# awsauth_warning_flags is the same set as compiler flags, for what is built outside this project: the consumer
# projects in tests/consumers compile with it, so the headers are warning-free as users include them too.
add_library(awsauth_warnings INTERFACE)
set(awsauth_warning_flags "")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(awsauth_warning_flags -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow)
  if(AWSAUTH_WERROR)
    list(APPEND awsauth_warning_flags -Werror)
  endif()
elseif(MSVC)
  set(awsauth_warning_flags /W4)
  if(AWSAUTH_WERROR)
    list(APPEND awsauth_warning_flags /WX)
  endif()
endif()
target_compile_options(awsauth_warnings INTERFACE ${awsauth_warning_flags})
