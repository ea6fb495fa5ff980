# Finds awsauth's two dependencies as installed packages (Debian: nlohmann-json3-dev, libhowardhinnant-date-dev)
# and, only where one is missing, fetches it; the fetch needs a network, the packages do not.
# Nothing here may set a cache variable: a parent project that adds awsauth would inherit it. (FetchContent, which
# defines FETCHCONTENT_* cache variables, is included only when something is missing.)

set(awsauth_nlohmann_json_minimum 3.11)  # also what the installed package config and pkg-config file require

find_package(nlohmann_json ${awsauth_nlohmann_json_minimum} QUIET)
if(NOT nlohmann_json_FOUND AND NOT TARGET nlohmann_json::nlohmann_json)
  message(STATUS "awsauth: nlohmann_json not installed, fetching 3.11.3")
  include(FetchContent)
  FetchContent_Declare(nlohmann_json
    URL https://github.com/nlohmann/json/releases/download/v3.11.3/json.tar.xz)
  FetchContent_MakeAvailable(nlohmann_json)
endif()

find_package(date QUIET)
if(NOT date_FOUND AND NOT TARGET date::date)
  message(STATUS "awsauth: Howard Hinnant's date not installed, fetching 3.0.1")
  # awsauth needs only date's header part. A normal variable, not a cache entry, so it stays in this directory;
  # policy CMP0077 NEW lets it override date's option() of that name.
  set(CMAKE_POLICY_DEFAULT_CMP0077 NEW)
  set(BUILD_TZ_LIB OFF)
  include(FetchContent)
  FetchContent_Declare(date
    GIT_REPOSITORY https://github.com/HowardHinnant/date.git
    GIT_TAG v3.0.1)
  FetchContent_MakeAvailable(date)
endif()

# expat, for the wire codec alone (awsauth::wire, <awsauth/wire.hpp>): JSON-only users need no XML library, so a
# missing expat only leaves awsauth::wire undefined. Debian's libexpat1-dev ships a package config (expat::expat);
# elsewhere CMake's own FindEXPAT gives EXPAT::EXPAT.
find_package(expat CONFIG QUIET)
if(TARGET expat::expat)
  set(awsauth_expat_target expat::expat)
else()
  find_package(EXPAT QUIET)
  if(TARGET EXPAT::EXPAT)
    set(awsauth_expat_target EXPAT::EXPAT)
  endif()
endif()
