# Compiles one source file with the compiler alone (no CMake package, no target) and runs the program: how the
# single header is used, and how a pkg-config user builds. CTest runs it as
#   cmake -Dcompiler=... -Dsource=... -Dprogram=... -Dprogram_argument=... [-Dpkg_config=... -Dpkg_config_path=...
#         -Dexpected_version=...] -P compile-and-run.cmake -- <compiler flags>
# With pkg_config, `pkg-config --cflags awsauth` adds its flags after checking `--modversion`.
include("${CMAKE_CURRENT_LIST_DIR}/arguments-after-separator.cmake")
awsauth_arguments_after_separator(flags)

if(pkg_config)
  set(ENV{PKG_CONFIG_PATH} "${pkg_config_path}")
  execute_process(COMMAND "${pkg_config}" --modversion awsauth
    OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
  if(NOT result EQUAL 0 OR NOT version STREQUAL expected_version)
    message(FATAL_ERROR "pkg-config --modversion awsauth: '${version}' (${result}), expected ${expected_version}")
  endif()
  execute_process(COMMAND "${pkg_config}" --cflags awsauth
    OUTPUT_VARIABLE cflags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags awsauth failed (${result})")
  endif()
  message(STATUS "pkg-config --cflags awsauth: ${cflags}")
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  list(APPEND flags ${cflags})
endif()

file(REMOVE "${program}")
execute_process(COMMAND "${compiler}" ${flags} "${source}" -o "${program}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "compiling ${source} failed (${result}): ${compiler} ${flags}")
endif()
execute_process(COMMAND "${program}" "${program_argument}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${program} failed (${result})")
endif()
