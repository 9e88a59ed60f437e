/*
 * asm/system.h — memory barriers, xchg/cmpxchg, interrupt flags
 * (libdde emulation of Linux 2.6.24 x86).
 */
#ifndef _ASM_SYSTEM_H
#define _ASM_SYSTEM_H

#include <linux/compiler.h>
#include <linux/irqflags.h>

#define mb()      dde_linux26_fence()
#define rmb()     dde_linux26_fence()
#define wmb()     dde_linux26_fence()
#define smp_mb()  mb()
#define smp_rmb() rmb()
#define smp_wmb() wmb()
#define read_barrier_depends()                                                 \
	do {                                                                   \
	} while (0)
#define smp_read_barrier_depends()                                             \
	do {                                                                   \
	} while (0)
#define set_mb(var, value)                                                     \
	do {                                                                   \
		__atomic_store_n(&(var), (value), __ATOMIC_SEQ_CST);           \
	} while (0)

#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, old, new)                                                 \
	({                                                                     \
		__typeof__(*(ptr)) __cx_old = (old);                           \
		__atomic_compare_exchange_n((ptr), &__cx_old, (new), 0,        \
		                            __ATOMIC_SEQ_CST,                  \
		                            __ATOMIC_SEQ_CST);                 \
		__cx_old;                                                      \
	})

#endif /* _ASM_SYSTEM_H */
