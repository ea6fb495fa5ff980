# Finds awsauth's two dependencies as installed packages (Debian: nlohmann-json3-dev, libhowardhinnant-date-dev)
# and, only where one is missing, fetches it; the fetch needs a network, the packages do not.
include(FetchContent)

find_package(nlohmann_json 3.11 QUIET)
if(NOT nlohmann_json_FOUND AND NOT TARGET nlohmann_json::nlohmann_json)
  message(STATUS "awsauth: nlohmann_json not installed, fetching 3.11.3")
  FetchContent_Declare(nlohmann_json
    URL https://github.com/nlohmann/json/releases/download/v3.11.3/json.tar.xz)
  FetchContent_MakeAvailable(nlohmann_json)
endif()

find_package(date QUIET)
if(NOT date_FOUND AND NOT TARGET date::date)
  message(STATUS "awsauth: Howard Hinnant's date not installed, fetching 3.0.1")
  set(BUILD_TZ_LIB OFF CACHE BOOL "awsauth needs only date's header part")
  FetchContent_Declare(date
    GIT_REPOSITORY https://github.com/HowardHinnant/date.git
    GIT_TAG v3.0.1)
  FetchContent_MakeAvailable(date)
endif()
