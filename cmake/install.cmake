# Installation: headers, the static libraries, a CMake package (libdde::*)
# and a pkg-config file. Included at the end of the top-level CMakeLists.txt,
# after every target exists. The mock machine is a test fixture and is never
# installed.
#
# Installed tree:
#   include/ddekit/*.h                 the DDEKit ABI, plus host.h for backend writers
#   lib/libddekit.a                    libdde::ddekit
#   lib/libddekit_<backend>.a          libdde::<backend>
#   lib/cmake/libdde/                  libddeConfig.cmake, ...ConfigVersion.cmake, targets
#   lib/pkgconfig/libdde.pc
include(CMakePackageConfigHelpers)

set(LIBDDE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/libdde)
set(LIBDDE_PKGCONFIG_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Exported names drop the redundant prefix: libdde::ddekit, libdde::posix_uio
# and libdde::libdde (the ABI plus the configured backend).
set_target_properties(ddekit PROPERTIES EXPORT_NAME ddekit)
set_target_properties(ddekit_${LIBDDE_BACKEND} PROPERTIES EXPORT_NAME ${LIBDDE_BACKEND})
set_target_properties(libdde PROPERTIES EXPORT_NAME libdde)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ddekit
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT libdde_development
  FILES_MATCHING PATTERN "*.h")

install(TARGETS ddekit ddekit_${LIBDDE_BACKEND} libdde
  EXPORT libddeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT libdde_development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(EXPORT libddeTargets
  NAMESPACE libdde::
  DESTINATION ${LIBDDE_CMAKE_DIR}
  COMPONENT libdde_development)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/libddeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/libddeConfig.cmake
  INSTALL_DESTINATION ${LIBDDE_CMAKE_DIR})

# The ABI promise (include/ddekit/version.h): same major, any newer minor.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/libddeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)

install(FILES
  ${PROJECT_BINARY_DIR}/libddeConfig.cmake
  ${PROJECT_BINARY_DIR}/libddeConfigVersion.cmake
  DESTINATION ${LIBDDE_CMAKE_DIR}
  COMPONENT libdde_development)

# pkg-config: paths relative to the .pc file itself, so the tree stays usable
# when installed with `cmake --install --prefix <elsewhere>` or moved.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(LIBDDE_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  set(LIBDDE_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(LIBDDE_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(LIBDDE_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(IS_ABSOLUTE "${LIBDDE_PKGCONFIG_DIR}")
  set(LIBDDE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  # From <prefix>/<libdir>/pkgconfig back up to <prefix>; libdir may have
  # several components (lib/x86_64-linux-gnu on Debian).
  file(RELATIVE_PATH LIBDDE_PC_UP
    /libdde-prefix/${LIBDDE_PKGCONFIG_DIR} /libdde-prefix)
  string(REGEX REPLACE "/$" "" LIBDDE_PC_UP "${LIBDDE_PC_UP}")
  set(LIBDDE_PC_PREFIX "\${pcfiledir}/${LIBDDE_PC_UP}")
endif()

configure_file(${CMAKE_CURRENT_LIST_DIR}/libdde.pc.in
  ${PROJECT_BINARY_DIR}/libdde.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/libdde.pc
  DESTINATION ${LIBDDE_PKGCONFIG_DIR}
  COMPONENT libdde_development)
