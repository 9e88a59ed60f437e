# toolchain.cmake — build libdde as L4Re programs with what an L4Re build
# directory exports. Loaded by the top-level CMakeLists.txt when
#   -DLIBDDE_BACKEND=l4re -DDDE_L4RE_BUILD_DIR=<L4Re build dir>
# are given (or by hand with -DCMAKE_TOOLCHAIN_FILE).
#
# An L4Re build directory (`make O=<dir>` in L4Re's l4/ tree, built through)
# holds l4defs.mk.inc: L4Re's build system's compiler (L4_CC), its flags
# (L4_CFLAGS, L4_CPPFLAGS: -nostdinc and L4Re's libc headers), its link
# flags, and the call of its pkg-config (l4-bender, which reads the pc/
# directory of the build dir). Programs are linked the way L4Re links its
# own: l4-bender with L4Re's linker spec, the libraries named by package
# (-PC<pkg>) and placed by the spec.
#
# Variables for the project: DDE_L4RE_TOOLCHAIN (set), DDE_L4RE_L4DIR (the
# L4Re source tree), DDE_L4RE_SYSTEM (e.g. amd64_gen).
if(NOT DDE_L4RE_BUILD_DIR)
  message(FATAL_ERROR "backends/l4re/toolchain.cmake needs -DDDE_L4RE_BUILD_DIR=<L4Re build dir>")
endif()
get_filename_component(DDE_L4RE_BUILD_DIR "${DDE_L4RE_BUILD_DIR}" ABSOLUTE)
set(_l4 ${DDE_L4RE_BUILD_DIR})
if(NOT EXISTS ${_l4}/l4defs.mk.inc OR NOT EXISTS ${_l4}/source/mk/bid-bender.spec)
  message(FATAL_ERROR "${_l4} is not a built L4Re build directory: it needs "
    "l4defs.mk.inc (written at the end of a successful `make`) and the "
    "'source' link to L4Re's l4/ tree")
endif()
# try_compile projects re-read this file: hand the option on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES DDE_L4RE_BUILD_DIR)

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
# Test programs cannot be linked before the link rule below exists.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The libraries the backend uses (l4re_sys.h), by L4Re package name.
set(DDE_L4RE_PACKAGES stdlibs libpthread l4re_c-util l4re_c libio libio-vbus
    l4util l4sys)

string(JOIN " " _pkgs ${DDE_L4RE_PACKAGES})
# Expand the make definitions with make itself, as L4Re's build does.
set(_mk ${CMAKE_BINARY_DIR}/l4re-defs.mk)
file(WRITE ${_mk} "include ${_l4}/l4defs.mk.inc
L4DIR := $(realpath ${_l4}/source)
# A marker word in the packages' Cflags tells BID to allow
# -fstack-protector; it is no compiler option.
pc = $(filter-out bid_allow_stack_protector,$(call L4_BID_PKG_CONFIG_CALL,${_l4},$(1),$(2)))
all:
\t@printf '%s\\n' '$(L4_CC)'
\t@printf '%s\\n' '$(L4_LD)'
\t@printf '%s\\n' '$(L4_SYSTEM)'
\t@printf '%s\\n' '$(L4DIR)'
\t@printf '%s\\n' '$(filter-out -W% -std=%,$(L4_CFLAGS)) $(L4_CPPFLAGS) $(call pc,--cflags,${_pkgs})'
\t@printf '%s\\n' '$(L4_LDFLAGS_LD_STATIC)'
\t@printf '%s\\n' '$(patsubst -L%,%,$(L4_GCCSYSLIBDIRS))'
\t@printf '%s\\n' '$(LDFLAGS_all_static)'
")
find_program(_dde_l4re_make NAMES make gmake REQUIRED)
execute_process(COMMAND ${_dde_l4re_make} -s --no-print-directory -f ${_mk}
  OUTPUT_VARIABLE _out RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "reading ${_l4}/l4defs.mk.inc failed: ${_err}")
endif()
string(REPLACE "\n" ";" _lines "${_out}")
list(GET _lines 0 _cc)
list(GET _lines 1 _ld)
list(GET _lines 2 DDE_L4RE_SYSTEM)
list(GET _lines 3 DDE_L4RE_L4DIR)
list(GET _lines 4 _cflags)
list(GET _lines 5 _ldflags)
list(GET _lines 6 _gcclibdir)
list(GET _lines 7 _mode_ldflags)
string(STRIP "${_gcclibdir}" _gcclibdir)
set(DDE_L4RE_TOOLCHAIN ON)

# L4_CC may carry options (e.g. "gcc -m64"): the first word is the compiler.
separate_arguments(_cc_list UNIX_COMMAND "${_cc}")
list(POP_FRONT _cc_list _cc_prog)
string(JOIN " " _cc_opts ${_cc_list})
find_program(_cc_path ${_cc_prog} REQUIRED NO_CACHE)
set(CMAKE_C_COMPILER ${_cc_path})

# uthash (header-only) lives in /usr/include next to glibc, which L4Re's
# -nostdinc keeps out: a copy of the one header in a directory of its own.
find_file(_dde_uthash uthash.h PATHS /usr/include /usr/local/include NO_CACHE)
set(_extra ${CMAKE_BINARY_DIR}/l4re-sysinclude)
if(_dde_uthash)
  file(COPY ${_dde_uthash} DESTINATION ${_extra})
endif()

# L4Re's warning options and C dialect are its own packages' policy; the
# project states its own (-Wall -Wextra -Werror, gnu11), so they are left out.
set(CMAKE_C_FLAGS_INIT "${_cc_opts} ${_cflags} -isystem ${_extra}")

# The link: L4Re's l4-bender with its spec, as BID's prog.mk calls it.
set(_bender ${DDE_L4RE_L4DIR}/tool/bin/l4-bender)
set(_pcs "")
foreach(_p ${DDE_L4RE_PACKAGES} compiler-rt)
  string(APPEND _pcs " -PC${_p}")
endforeach()
string(JOIN " " _link
  "${_bender} -t ld -Dl4obj=${_l4} -Dl4dir=${DDE_L4RE_L4DIR}"
  "\"-Dgcclibdir=${_gcclibdir}\" -Dl4system=${DDE_L4RE_SYSTEM} -Dl4api=l4f"
  "\"-Dlinker=${_ld}\" --spec=${DDE_L4RE_L4DIR}/mk/bid-bender.spec --"
  "-o <TARGET> ${_pcs} ${_mode_ldflags} ${_ldflags} <LINK_FLAGS>"
  "<OBJECTS> <LINK_LIBRARIES>")
set(CMAKE_C_LINK_EXECUTABLE "${_link}")

