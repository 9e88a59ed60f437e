# libdde_qemu_scenario(): a ctest test that boots a Linux guest in QEMU (TCG)
# and runs a scenario script in it. Documented in tests/qemu/README.md.
#
#   libdde_qemu_scenario(<name>
#     MACHINE pc | q35-iommu
#     SCRIPT <guest script>          # busybox sh; its exit status is the result
#     [DEVICES <qemu args...>]       # relative paths resolve in the work dir
#     [BINARIES <targets or absolute paths...>]   # static executables -> /bin
#     [MODULES <modules...>]         # loaded in order, dependencies first
#     [KERNEL_ARGS <args...>]
#     [PREPARE <command...>]         # host, work dir, before boot
#     [HOST_CHECK <command...>]      # host, work dir, after the guest exited
#     [FILES <host path>=<guest path>...]        # extra files in the guest
#     [LABELS <labels...>]           # appended to "qemu;posix_uio"
#     [TIMEOUT <seconds>])           # hard limit for the guest, default 120
#   -> ctest test qemu_<name>, work dir <build>/tests/qemu/<name>
#
# This file may be included from any directory (include_guard): the function
# only registers tests when the QEMU tests are enabled (LIBDDE_QEMU_TESTS and
# no sanitizer: a sanitized build adds nothing a guest could check, costs
# minutes under TCG, and cannot link static binaries), and is a no-op otherwise
# apart from checking its arguments.
include_guard(GLOBAL)

set(LIBDDE_QEMU_TESTS ON CACHE BOOL
    "Register the QEMU Linux-guest scenarios (never in sanitizer builds)")

# True when scenarios are registered in this build tree; callers use it to
# skip building their static guest binaries otherwise.
if(LIBDDE_QEMU_TESTS AND "${LIBDDE_SANITIZE}" STREQUAL "")
  set(LIBDDE_QEMU_ENABLED TRUE CACHE INTERNAL "")
else()
  set(LIBDDE_QEMU_ENABLED FALSE CACHE INTERNAL "")
endif()

set(LIBDDE_QEMU_HARNESS_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "")
set(LIBDDE_QEMU_KERNEL_CACHE ${CMAKE_BINARY_DIR}/qemu-kernel CACHE INTERNAL "")

# _libdde_qemu_sh_array(<out> <items...>): a bash array literal of the items,
# each single-quoted so that nothing in it is expanded.
function(_libdde_qemu_sh_array out)
  set(s "(")
  foreach(item IN LISTS ARGN)
    string(REPLACE "'" "'\\''" item "${item}")
    string(APPEND s " '${item}'")
  endforeach()
  set(${out} "${s} )" PARENT_SCOPE)
endfunction()

# _libdde_qemu_sh_quote(<out> <string>): a single-quoted bash word.
function(_libdde_qemu_sh_quote out str)
  string(REPLACE "'" "'\\''" str "${str}")
  set(${out} "'${str}'" PARENT_SCOPE)
endfunction()

# The kernel is fetched once per build tree by this fixture test; every
# scenario requires it, so `ctest -R qemu_x` fetches first too.
function(_libdde_qemu_kernel_fixture)
  get_property(done GLOBAL PROPERTY LIBDDE_QEMU_FIXTURE_ADDED)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY LIBDDE_QEMU_FIXTURE_ADDED TRUE)
  add_test(NAME qemu_kernel_fetch
    COMMAND ${LIBDDE_QEMU_HARNESS_DIR}/fetch-kernel.sh ${LIBDDE_QEMU_KERNEL_CACHE})
  set_tests_properties(qemu_kernel_fetch PROPERTIES
    LABELS "qemu;posix_uio"
    FIXTURES_SETUP libdde_qemu_kernel
    TIMEOUT 900)
endfunction()

function(libdde_qemu_scenario name)
  cmake_parse_arguments(PARSE_ARGV 1 S "" "MACHINE;SCRIPT;TIMEOUT"
    "DEVICES;BINARIES;MODULES;KERNEL_ARGS;PREPARE;HOST_CHECK;FILES;LABELS")
  if(S_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): unknown arguments: ${S_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT name MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): the name may hold letters, digits and _ only")
  endif()
  # The work dir <build>/tests/qemu/<name> is emptied on every run: it must
  # not be the build dir of a subdirectory of tests/qemu.
  if(IS_DIRECTORY ${LIBDDE_QEMU_HARNESS_DIR}/${name} OR name STREQUAL "CMakeFiles")
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): the name is taken by tests/qemu/${name}")
  endif()
  if(NOT S_MACHINE MATCHES "^(pc|q35-iommu)$")
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): MACHINE must be pc or q35-iommu, not '${S_MACHINE}'")
  endif()
  if(NOT S_SCRIPT)
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): SCRIPT is required")
  endif()
  cmake_path(ABSOLUTE_PATH S_SCRIPT BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  if(NOT EXISTS ${S_SCRIPT})
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): SCRIPT ${S_SCRIPT} does not exist")
  endif()
  if(NOT DEFINED S_TIMEOUT)
    set(S_TIMEOUT 120)
  endif()
  if(NOT S_TIMEOUT MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): TIMEOUT must be a number of seconds")
  endif()
  get_property(registered GLOBAL PROPERTY LIBDDE_QEMU_SCENARIOS)
  if(name IN_LIST registered)
    message(FATAL_ERROR "libdde_qemu_scenario(${name}): registered twice")
  endif()
  set_property(GLOBAL APPEND PROPERTY LIBDDE_QEMU_SCENARIOS ${name})

  if(NOT LIBDDE_QEMU_ENABLED)
    return()
  endif()
  _libdde_qemu_kernel_fixture()

  # Targets resolve at generate time, so they may be defined after this call.
  set(binaries "")
  set(targets "")
  foreach(b IN LISTS S_BINARIES)
    if(IS_ABSOLUTE "${b}")
      list(APPEND binaries "${b}")
    else()
      list(APPEND binaries "$<TARGET_FILE:${b}>")
      list(APPEND targets ${b})
    endif()
  endforeach()
  if(targets)
    add_custom_target(qemu_${name}_binaries ALL)
    add_dependencies(qemu_${name}_binaries ${targets})
  endif()

  set(work ${CMAKE_BINARY_DIR}/tests/qemu/${name})
  set(conf "# Generated by libdde_qemu_scenario(${name}); read by run-scenario.sh.\n")
  foreach(var IN ITEMS DEVICES BINARIES MODULES KERNEL_ARGS PREPARE HOST_CHECK FILES)
    if(var STREQUAL "BINARIES")
      _libdde_qemu_sh_array(value ${binaries})
    else()
      _libdde_qemu_sh_array(value ${S_${var}})
    endif()
    string(APPEND conf "${var}=${value}\n")
  endforeach()
  foreach(pair IN ITEMS "SCENARIO_NAME=${name}" "MACHINE=${S_MACHINE}"
      "SCRIPT=${S_SCRIPT}" "TIMEOUT=${S_TIMEOUT}" "WORK_DIR=${work}"
      "KERNEL_CACHE=${LIBDDE_QEMU_KERNEL_CACHE}"
      "HARNESS_DIR=${LIBDDE_QEMU_HARNESS_DIR}"
      "SOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}")
    string(FIND "${pair}" "=" eq)
    string(SUBSTRING "${pair}" 0 ${eq} var)
    math(EXPR eq "${eq} + 1")
    string(SUBSTRING "${pair}" ${eq} -1 value)
    _libdde_qemu_sh_quote(value "${value}")
    string(APPEND conf "${var}=${value}\n")
  endforeach()
  file(GENERATE OUTPUT ${work}/scenario.conf CONTENT "${conf}")

  add_test(NAME qemu_${name}
    COMMAND ${LIBDDE_QEMU_HARNESS_DIR}/run-scenario.sh ${work}/scenario.conf)
  # ctest's limit covers the runner's own steps around the guest's TIMEOUT.
  math(EXPR ctest_timeout "${S_TIMEOUT} + 120")
  set(labels qemu posix_uio ${S_LABELS})
  list(REMOVE_DUPLICATES labels)
  set_tests_properties(qemu_${name} PROPERTIES
    LABELS "${labels}"
    FIXTURES_REQUIRED libdde_qemu_kernel
    TIMEOUT ${ctest_timeout})
endfunction()
