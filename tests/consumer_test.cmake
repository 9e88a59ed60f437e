# consumer_test.cmake — does an installed libdde work for another project?
#
#   cmake -DLIBDDE_SOURCE_DIR=... -DLIBDDE_BUILD_DIR=... -DWORK_DIR=...
#         [-DBACKEND=posix_uio] [-DC_COMPILER=...] [-DGENERATOR=...] [-DMAKE_PROGRAM=...]
#         [-DGNU_MAKE=...] [-DPKG_CONFIG=...] [-DEXTRA_FLAGS="..."]
#         [-DCONFIG=...] -P consumer_test.cmake
#
# 1. cmake --install the libdde build into WORK_DIR/prefix and check the
#    tree: every public header (host.h included), the two static libraries,
#    the CMake package and the pkg-config file, and nothing of the mock.
# 2. Build tests/consumer with CMake (find_package(libdde), libdde::libdde).
# 3. Build it with make (pkg-config --cflags --libs libdde).
# 4. Run both programs; each must exit 0 and print "consumer: OK".
#
# Every failed step is a FATAL_ERROR: this test never skips.
cmake_minimum_required(VERSION 3.25)

foreach(var LIBDDE_SOURCE_DIR LIBDDE_BUILD_DIR WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "consumer_test: -D${var}=... is required")
  endif()
endforeach()
set(CONSUMER_SOURCE_DIR ${LIBDDE_SOURCE_DIR}/tests/consumer)
if(NOT BACKEND)
  set(BACKEND posix_uio)
endif()
if(NOT GENERATOR)
  set(GENERATOR "Ninja")
endif()
if(NOT GNU_MAKE)
  find_program(GNU_MAKE NAMES make gmake)
endif()
if(NOT PKG_CONFIG)
  find_program(PKG_CONFIG NAMES pkg-config pkgconf)
endif()
foreach(tool GNU_MAKE PKG_CONFIG)
  if(NOT ${tool} OR NOT EXISTS "${${tool}}")
    message(FATAL_ERROR "consumer_test: ${tool} not found (install build-essential and pkg-config)")
  endif()
endforeach()

set(PREFIX ${WORK_DIR}/prefix)

# run(<step> <out-var> COMMAND ...): run a command, show its output, stop the
# test with the step's name if it fails.
function(run step outvar)
  cmake_parse_arguments(R "" "WORKING_DIRECTORY" "COMMAND" ${ARGN})
  if(NOT R_WORKING_DIRECTORY)
    set(R_WORKING_DIRECTORY ${WORK_DIR})
  endif()
  message(STATUS "[${step}] ${R_COMMAND}")
  execute_process(COMMAND ${R_COMMAND}
    WORKING_DIRECTORY ${R_WORKING_DIRECTORY}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out
    TIMEOUT 240)
  message("${out}")
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "consumer_test: step '${step}' failed (${rc})")
  endif()
  set(${outvar} "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR} ${WORK_DIR}/make)

# ---- 1. install ---------------------------------------------------------------
set(install_cmd ${CMAKE_COMMAND} --install ${LIBDDE_BUILD_DIR} --prefix ${PREFIX})
if(CONFIG)
  list(APPEND install_cmd --config ${CONFIG})
endif()
run(install out COMMAND ${install_cmd})

file(GLOB_RECURSE installed RELATIVE ${PREFIX} ${PREFIX}/*)
list(SORT installed)
string(REPLACE ";" "\n  " listing "${installed}")
message(STATUS "installed tree:\n  ${listing}")

file(GLOB expected_headers RELATIVE ${LIBDDE_SOURCE_DIR}/include
  ${LIBDDE_SOURCE_DIR}/include/ddekit/*.h)
if(NOT expected_headers)
  message(FATAL_ERROR "consumer_test: no headers found in the source tree")
endif()
foreach(h ${expected_headers})
  if(NOT EXISTS ${PREFIX}/include/${h})
    message(FATAL_ERROR "consumer_test: ${h} was not installed")
  endif()
endforeach()

set(pc_file "")
set(config_file "")
foreach(f ${installed})
  if(f MATCHES "mock")
    message(FATAL_ERROR "consumer_test: the mock machine must not be installed: ${f}")
  elseif(f MATCHES "(^|/)libdde\\.pc$")
    set(pc_file ${PREFIX}/${f})
  elseif(f MATCHES "(^|/)libddeConfig\\.cmake$")
    set(config_file ${PREFIX}/${f})
  endif()
endforeach()
foreach(lib libddekit.a libddekit_${BACKEND}.a)
  set(found ${installed})
  list(FILTER found INCLUDE REGEX "(^|/)${lib}$")
  if(NOT found)
    message(FATAL_ERROR "consumer_test: ${lib} was not installed")
  endif()
endforeach()
if(NOT pc_file)
  message(FATAL_ERROR "consumer_test: libdde.pc was not installed")
endif()
if(NOT config_file)
  message(FATAL_ERROR "consumer_test: libddeConfig.cmake was not installed")
endif()
get_filename_component(pc_dir ${pc_file} DIRECTORY)
get_filename_component(config_dir ${config_file} DIRECTORY)

# ---- 2. CMake consumer ----------------------------------------------------------
set(cmake_cfg ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${WORK_DIR}/cmake
  -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${PREFIX}
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
  list(APPEND cmake_cfg -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(C_COMPILER)
  list(APPEND cmake_cfg -DCMAKE_C_COMPILER=${C_COMPILER})
endif()
if(EXTRA_FLAGS)
  # A sanitizer build of libdde needs the sanitizer runtime in the consumer.
  list(APPEND cmake_cfg "-DCMAKE_C_FLAGS=${EXTRA_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}")
endif()
run(cmake-configure out COMMAND ${cmake_cfg})
file(STRINGS ${WORK_DIR}/cmake/CMakeCache.txt found_dir REGEX "^libdde_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
get_filename_component(found_dir "${found_dir}" REALPATH)
get_filename_component(want_dir "${config_dir}" REALPATH)
if(NOT found_dir STREQUAL want_dir)
  message(FATAL_ERROR "consumer_test: find_package used '${found_dir}', not the fresh install '${want_dir}'")
endif()
run(cmake-build out COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/cmake --verbose)

# ---- 3. make + pkg-config consumer -------------------------------------------
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
run(pkg-config out COMMAND ${PKG_CONFIG} --cflags --libs libdde)
run(pkg-config-dir found_pc_dir COMMAND ${PKG_CONFIG} --variable=pcfiledir libdde)
string(STRIP "${found_pc_dir}" found_pc_dir)
get_filename_component(found_pc_dir "${found_pc_dir}" REALPATH)
get_filename_component(pc_dir_real "${pc_dir}" REALPATH)
if(NOT found_pc_dir STREQUAL pc_dir_real)
  message(FATAL_ERROR "consumer_test: pkg-config used '${found_pc_dir}', not the fresh install '${pc_dir_real}'")
endif()

set(make_cmd ${GNU_MAKE} -f ${CONSUMER_SOURCE_DIR}/Makefile PKG_CONFIG=${PKG_CONFIG})
if(C_COMPILER)
  list(APPEND make_cmd CC=${C_COMPILER})
endif()
if(EXTRA_FLAGS)
  list(APPEND make_cmd "CFLAGS=-O2 -g ${EXTRA_FLAGS}" "LDFLAGS=${EXTRA_FLAGS}")
endif()
run(make-build out COMMAND ${make_cmd} WORKING_DIRECTORY ${WORK_DIR}/make)

# ---- 4. run both --------------------------------------------------------------
foreach(exe ${WORK_DIR}/cmake/consumer ${WORK_DIR}/make/consumer)
  if(NOT EXISTS ${exe})
    message(FATAL_ERROR "consumer_test: ${exe} was not built")
  endif()
  run("run ${exe}" out COMMAND ${exe})
  if(NOT out MATCHES "consumer: OK")
    message(FATAL_ERROR "consumer_test: ${exe} did not print 'consumer: OK'")
  endif()
endforeach()

message(STATUS "consumer_test: both consumers built against ${PREFIX} and ran: PASS")
