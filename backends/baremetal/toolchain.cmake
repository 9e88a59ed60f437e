# toolchain.cmake — build libdde for bare x86_64 with the host's gcc.
#
#   cmake -S . -B build-bm -DCMAKE_TOOLCHAIN_FILE=backends/baremetal/toolchain.cmake \
#         -DLIBDDE_BACKEND=baremetal
#
# Why each flag:
#  -ffreestanding -nostdinc  no hosted libc: <string.h> and <stdlib.h> come
#                            from backends/baremetal/libc, the rest (stdint,
#                            stddef, stdarg, limits) from gcc's own headers.
#  -fno-pic -fno-pie         one image linked at a fixed address (1 MiB).
#  -mno-red-zone             interrupts arrive on the running thread's stack
#                            (ring 0 to ring 0 switches no stack), so the
#                            128 bytes below %rsp are not the function's own.
#  -mgeneral-regs-only       the compiler never touches SSE/x87 registers, so
#                            a context switch saves general registers only.
#  -fno-stack-protector      no __stack_chk_guard / TLS canary here.
#  -fno-omit-frame-pointer   panics print a backtrace by walking %rbp.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
if(NOT CMAKE_C_COMPILER)
  set(CMAKE_C_COMPILER gcc)
endif()
set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})
# Test programs cannot link without our linker script: compile-only checks.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include
  OUTPUT_VARIABLE _bm_gcc_include OUTPUT_STRIP_TRAILING_WHITESPACE)

# uthash is header-only and freestanding-safe once string.h exists; it lives
# in /usr/include next to glibc, which -nostdinc must keep out. A copy of the
# one header goes into a directory of its own.
find_file(_bm_uthash uthash.h PATHS /usr/include /usr/local/include NO_CACHE)
set(_bm_extra ${CMAKE_BINARY_DIR}/baremetal-sysinclude)
if(_bm_uthash)
  file(COPY ${_bm_uthash} DESTINATION ${_bm_extra})
endif()
# Debian's libfdt (libfdt-dev) reads the hardware description: its three
# headers likewise, and its static archive links as it is (fdt.c says what
# it needs from us).
foreach(_bm_h libfdt.h libfdt_env.h fdt.h)
  find_file(_bm_fdt_h ${_bm_h} PATHS /usr/include /usr/local/include NO_CACHE)
  if(_bm_fdt_h)
    file(COPY ${_bm_fdt_h} DESTINATION ${_bm_extra})
  endif()
  unset(_bm_fdt_h)
endforeach()

set(_bm_flags "-ffreestanding -nostdinc -fno-pic -fno-pie -mno-red-zone -mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer -mcmodel=small -fno-asynchronous-unwind-tables")
set(_bm_inc "-isystem ${CMAKE_CURRENT_LIST_DIR}/libc/include -isystem ${_bm_extra} -isystem ${_bm_gcc_include}")
set(CMAKE_C_FLAGS_INIT "${_bm_flags} ${_bm_inc}")
set(CMAKE_ASM_FLAGS_INIT "${_bm_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000 -Wl,--build-id=none -Wl,--no-warn-rwx-segments")

# The project asks for position-independent code (for shared consumers on
# Linux); the image has a fixed address, so PIC/PIE options are emptied once
# the compiler's defaults are known.
set(CMAKE_USER_MAKE_RULES_OVERRIDE ${CMAKE_CURRENT_LIST_DIR}/no-pic.cmake)

# The "Generic" platform defines no $<LINK_LIBRARY:WHOLE_ARCHIVE,...>; the
# drivers need it (their only references are module_init records), and
# the linker here is GNU ld.
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE
  "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
set(CMAKE_C_LINK_LIBRARY_USING_WHOLE_ARCHIVE_SUPPORTED TRUE)
