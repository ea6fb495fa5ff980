# cpp-httplib, for the programs that serve HTTP (awsauth-creds serve, examples/fake_sts); the library never links it.
include_guard(GLOBAL)

# awsauth_find_cpp_httplib(<variable>): sets <variable> to the target that brings cpp-httplib, or to "" where it is
# not installed. cpp-httplib installed by its own CMake build has a package config. Debian's is a compiled library
# with only a pkg-config file, whose compile definitions (CPPHTTPLIB_OPENSSL_SUPPORT, ...) change the library's
# types: they must come along, so the header alone is not enough there. Imported targets belong to the directory
# that finds them, so each directory calls this itself; <variable> also names the pkg-config prefix, which keeps
# the callers' cached results apart.
function(awsauth_find_cpp_httplib variable)
  set(${variable} "" PARENT_SCOPE)
  find_package(httplib CONFIG QUIET)
  if(TARGET httplib::httplib)
    set(${variable} httplib::httplib PARENT_SCOPE)
    return()
  endif()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(${variable} QUIET IMPORTED_TARGET cpp-httplib)
    if(TARGET PkgConfig::${variable})
      set(${variable} PkgConfig::${variable} PARENT_SCOPE)
    endif()
  endif()
endfunction()
