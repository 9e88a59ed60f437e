/*
 * sys/types.h — basic types of the FreeBSD 7 kernel (libdde).
 *
 * On a hosted build the C library's headers include <sys/types.h> too and
 * find this file, so the host's is included first; the FreeBSD types whose
 * host meaning differs (daddr_t is 64 bits in FreeBSD) are kept apart by
 * renaming the host's while it is read.
 */
#ifndef _DDE_FBSD_SYS_TYPES_H_
#define _DDE_FBSD_SYS_TYPES_H_

#include <sys/cdefs.h>

#include <stddef.h>
#include <stdint.h>

#if defined(__has_include_next)
#if __has_include_next(<sys/types.h>)
#define daddr_t dde_fbsd_host_daddr_t
#include_next <sys/types.h>
#undef daddr_t
#define DDE_FBSD_HOSTED_TYPES 1
#endif
#endif

#ifndef DDE_FBSD_HOSTED_TYPES
typedef long ssize_t;
typedef int64_t off_t;
typedef int pid_t;
typedef uint32_t dev_t;
#endif

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef uint8_t u_int8_t;
typedef uint16_t u_int16_t;
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;
typedef char *caddr_t;
typedef const char *c_caddr_t;

typedef int64_t daddr_t;
typedef uintptr_t vm_offset_t;
typedef uintptr_t vm_size_t;
typedef uint64_t vm_paddr_t;
typedef uint64_t bus_addr_t;
typedef uint64_t bus_size_t;
typedef int boolean_t;
typedef long register_t;

#ifndef TRUE
#define TRUE  1
#define FALSE 0
#endif

#endif /* _DDE_FBSD_SYS_TYPES_H_ */
