/*
 * sys/cdefs.h — compiler helper macros of the FreeBSD 7 kernel (libdde).
 *
 * On a hosted build the C library's own <sys/cdefs.h> is found through this
 * one (its headers include it by the same name), so it is included first and
 * only the FreeBSD-only macros are added, each where the host lacks it.
 */
#ifndef _DDE_FBSD_SYS_CDEFS_H_
#define _DDE_FBSD_SYS_CDEFS_H_

#if defined(__has_include_next)
#if __has_include_next(<sys/cdefs.h>)
#include_next <sys/cdefs.h>
#endif
#endif

#ifndef __BEGIN_DECLS
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#ifndef __CONCAT
#define __CONCAT1(x, y) x##y
#define __CONCAT(x, y)  __CONCAT1(x, y)
#endif
#ifndef __STRING
#define __STRING(x) #x
#endif
#ifndef __XSTRING
#define __XSTRING(x) __STRING(x)
#endif
#define __FBSDID(s) struct __hack
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __unused
#define __unused __attribute__((__unused__))
#endif
#ifndef __used
#define __used __attribute__((__used__))
#endif
#ifndef __dead2
#define __dead2 __attribute__((__noreturn__))
#endif
#ifndef __pure2
#define __pure2 __attribute__((__const__))
#endif
#ifndef __section
#define __section(x) __attribute__((__section__(x)))
#endif
#ifndef __printflike
#define __printflike(f, a) __attribute__((__format__(__printf__, f, a)))
#endif
#ifndef __noinline
#define __noinline __attribute__((__noinline__))
#endif
#ifndef __predict_true
#define __predict_true(e)  __builtin_expect(!!(e), 1)
#define __predict_false(e) __builtin_expect(!!(e), 0)
#endif
#ifndef __offsetof
#define __offsetof(type, field) __builtin_offsetof(type, field)
#endif
#ifndef __DECONST
#define __DECONST(type, var)    ((type)(__UINTPTR_TYPE__)(const void *)(var))
#define __DEVOLATILE(type, var) ((type)(__UINTPTR_TYPE__)(volatile void *)(var))
#endif
#ifndef __containerof
#define __containerof(x, s, m) ((s *)(void *)((char *)(x)-__offsetof(s, m)))
#endif

#endif /* _DDE_FBSD_SYS_CDEFS_H_ */
