# What adding awsauth (add_subdirectory or FetchContent) must leave alone in the parent project: its cache, its
# flags, its tests. Shared by the add-subdirectory and fetch-content consumers; a leak fails their configure.

# Call before adding awsauth.
macro(awsauth_consumer_snapshot)
  get_cmake_property(awsauth_consumer_cache_before CACHE_VARIABLES)
  set(awsauth_consumer_cxx_flags_before "${CMAKE_CXX_FLAGS}")
  get_directory_property(awsauth_consumer_compile_options_before COMPILE_OPTIONS)
endmacro()

# Call after adding awsauth, with the directory it was added from.
function(awsauth_consumer_check_no_leaks awsauth_dir)
  set(leaks "")

  # Our cache variables are prefixed. Besides them, only FetchContent's own, find_package's record of where it
  # found a dependency, and CMake's INTERNAL and STATIC bookkeeping may appear (project(VERSION) sets
  # CMAKE_PROJECT_VERSION when the parent has none; date's package config runs FindThreads).
  get_cmake_property(cache_after CACHE_VARIABLES)
  foreach(variable IN LISTS cache_after)
    get_property(type CACHE "${variable}" PROPERTY TYPE)
    if(NOT variable IN_LIST awsauth_consumer_cache_before
       AND NOT variable MATCHES "^(AWSAUTH_|awsauth_|FETCHCONTENT_)"
       AND NOT variable MATCHES "^(nlohmann_json|date|expat)_DIR$"
       AND NOT type MATCHES "^(INTERNAL|STATIC)$")
      list(APPEND leaks "unprefixed cache variable ${variable} (${type})")
    endif()
  endforeach()

  foreach(option IN ITEMS AWSAUTH_TEST AWSAUTH_EXAMPLES AWSAUTH_INSTALL AWSAUTH_WERROR)
    if(NOT DEFINED ${option})
      list(APPEND leaks "${option} is not defined (the option is gone or renamed: update this check)")
    elseif(${option})
      list(APPEND leaks "${option} is ON in a parent project")
    endif()
  endforeach()

  if(NOT CMAKE_CXX_FLAGS STREQUAL awsauth_consumer_cxx_flags_before)
    list(APPEND leaks "CMAKE_CXX_FLAGS changed to '${CMAKE_CXX_FLAGS}'")
  endif()
  if(DEFINED CMAKE_CXX_STANDARD)
    list(APPEND leaks "CMAKE_CXX_STANDARD set to ${CMAKE_CXX_STANDARD}")
  endif()
  get_directory_property(compile_options COMPILE_OPTIONS)
  if(NOT compile_options STREQUAL awsauth_consumer_compile_options_before)
    list(APPEND leaks "the parent's COMPILE_OPTIONS changed to '${compile_options}'")
  endif()

  # awsauth's own directory defines the library and nothing else: no tests, examples or helper targets.
  get_property(targets DIRECTORY "${awsauth_dir}" PROPERTY BUILDSYSTEM_TARGETS)
  list(REMOVE_ITEM targets awsauth_wire)  # the wire codec's target, beside the library's own
  if(NOT targets STREQUAL "awsauth")
    string(REPLACE ";" ", " targets "${targets}")
    list(APPEND leaks "targets defined besides awsauth: ${targets}")
  endif()
  get_property(tests DIRECTORY "${awsauth_dir}" PROPERTY TESTS)
  if(tests)
    string(REPLACE ";" ", " tests "${tests}")
    list(APPEND leaks "tests registered: ${tests}")
  endif()
  get_property(subdirectories DIRECTORY "${awsauth_dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    string(FIND "${subdirectory}/" "${awsauth_dir}/" at)
    if(at EQUAL 0)
      list(APPEND leaks "awsauth's subdirectory ${subdirectory} was added")
    endif()
  endforeach()

  if(NOT TARGET awsauth::awsauth)
    list(APPEND leaks "no target awsauth::awsauth")
  endif()
  if(leaks)
    list(JOIN leaks "\n  " leaks)
    message(FATAL_ERROR "adding awsauth from ${awsauth_dir} leaked into the parent project:\n  ${leaks}")
  endif()
  message(STATUS "awsauth consumer: nothing leaked from ${awsauth_dir}")
endfunction()
