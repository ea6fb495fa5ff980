# awsauth's install rules: the headers, a CMake package (find_package(awsauth CONFIG) gives awsauth::awsauth)
# and a pkg-config file. A header-only library has nothing architecture specific, so the package files go under
# share/, where find_package and pkg-config look as well as under lib/.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# An installed awsauth finds its dependencies as installed packages; one that this build fetched (or a parent
# project built itself) is in no install tree, and install(EXPORT) would fail on it at generate time.
foreach(awsauth_dependency IN ITEMS nlohmann_json::nlohmann_json date::date)
  get_target_property(awsauth_dependency_imported ${awsauth_dependency} IMPORTED)
  if(NOT awsauth_dependency_imported)
    message(WARNING "awsauth: not installing: ${awsauth_dependency} was built here, not found as an installed "
                    "package, so an installed awsauth could not find it. Install it (docs/integration.md) or set AWSAUTH_INSTALL=OFF.")
    return()
  endif()
endforeach()

set(awsauth_install_cmakedir "${CMAKE_INSTALL_DATADIR}/cmake/awsauth")
set(awsauth_install_pkgconfigdir "${CMAKE_INSTALL_DATADIR}/pkgconfig")

install(TARGETS awsauth EXPORT awsauthTargets INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# awsauth::wire in an export set of its own: an installed awsauth loads it only where it finds expat too.
if(TARGET awsauth_wire)
  install(TARGETS awsauth_wire EXPORT awsauthWireTargets)
  install(EXPORT awsauthWireTargets NAMESPACE awsauth:: DESTINATION "${awsauth_install_cmakedir}")
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/awsauth" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")
install(EXPORT awsauthTargets NAMESPACE awsauth:: DESTINATION "${awsauth_install_cmakedir}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/awsauthConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/package/awsauthConfig.cmake"
  INSTALL_DESTINATION "${awsauth_install_cmakedir}")
# Before 1.0 a minor release may break the API, so only the same major.minor satisfies a request.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(awsauth_version_compatibility SameMinorVersion)
else()
  set(awsauth_version_compatibility SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/package/awsauthConfigVersion.cmake"
  COMPATIBILITY ${awsauth_version_compatibility}
  ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/package/awsauthConfig.cmake" "${PROJECT_BINARY_DIR}/package/awsauthConfigVersion.cmake"
        DESTINATION "${awsauth_install_cmakedir}")

# The .pc file finds the prefix from its own location, so the tree can be installed with --prefix or moved.
file(RELATIVE_PATH awsauth_pc_prefix_from_pcfiledir
  "${CMAKE_INSTALL_PREFIX}/${awsauth_install_pkgconfigdir}" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" awsauth_pc_prefix_from_pcfiledir "${awsauth_pc_prefix_from_pcfiledir}")
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(awsauth_pc_includedir "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(awsauth_pc_includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/awsauth.pc.in" "${PROJECT_BINARY_DIR}/package/awsauth.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/package/awsauth.pc" DESTINATION "${awsauth_install_pkgconfigdir}")
