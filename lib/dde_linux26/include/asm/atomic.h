/*
 * asm/atomic.h — atomic_t and atomic_long_t (libdde emulation of Linux
 * 2.6.24, where these live in <asm/atomic.h>). All operations are atomic;
 * those returning a value are full barriers, as in Linux.
 */
#ifndef _ASM_ATOMIC_H
#define _ASM_ATOMIC_H

#include <linux/types.h>
#include <asm/system.h>

#define ATOMIC_INIT(i)                                                         \
	{                                                                      \
		(i)                                                            \
	}
#define ATOMIC_LONG_INIT(i)                                                    \
	{                                                                      \
		(i)                                                            \
	}

#define DDE_ATOMIC_OPS(pfx, atype, vtype)                                      \
	static inline vtype pfx##_read(const atype *v)                         \
	{                                                                      \
		return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);         \
	}                                                                      \
	static inline void pfx##_set(atype *v, vtype i)                        \
	{                                                                      \
		__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);            \
	}                                                                      \
	static inline void pfx##_add(vtype i, atype *v)                        \
	{                                                                      \
		__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);          \
	}                                                                      \
	static inline void pfx##_sub(vtype i, atype *v)                        \
	{                                                                      \
		__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);          \
	}                                                                      \
	static inline void pfx##_inc(atype *v)                                 \
	{                                                                      \
		pfx##_add(1, v);                                               \
	}                                                                      \
	static inline void pfx##_dec(atype *v)                                 \
	{                                                                      \
		pfx##_sub(1, v);                                               \
	}                                                                      \
	static inline vtype pfx##_add_return(vtype i, atype *v)                \
	{                                                                      \
		return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);   \
	}                                                                      \
	static inline vtype pfx##_sub_return(vtype i, atype *v)                \
	{                                                                      \
		return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);   \
	}                                                                      \
	static inline vtype pfx##_inc_return(atype *v)                         \
	{                                                                      \
		return pfx##_add_return(1, v);                                 \
	}                                                                      \
	static inline vtype pfx##_dec_return(atype *v)                         \
	{                                                                      \
		return pfx##_sub_return(1, v);                                 \
	}                                                                      \
	static inline int pfx##_sub_and_test(vtype i, atype *v)                \
	{                                                                      \
		return pfx##_sub_return(i, v) == 0;                            \
	}                                                                      \
	static inline int pfx##_dec_and_test(atype *v)                         \
	{                                                                      \
		return pfx##_sub_return(1, v) == 0;                            \
	}                                                                      \
	static inline int pfx##_inc_and_test(atype *v)                         \
	{                                                                      \
		return pfx##_add_return(1, v) == 0;                            \
	}                                                                      \
	static inline int pfx##_add_negative(vtype i, atype *v)                \
	{                                                                      \
		return pfx##_add_return(i, v) < 0;                             \
	}                                                                      \
	static inline vtype pfx##_xchg(atype *v, vtype i)                      \
	{                                                                      \
		return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);  \
	}                                                                      \
	static inline vtype pfx##_cmpxchg(atype *v, vtype old, vtype new)      \
	{                                                                      \
		__atomic_compare_exchange_n(&v->counter, &old, new, 0,         \
		                            __ATOMIC_SEQ_CST,                  \
		                            __ATOMIC_SEQ_CST);                 \
		return old;                                                    \
	}                                                                      \
	static inline int pfx##_add_unless(atype *v, vtype a, vtype u)         \
	{                                                                      \
		vtype c = pfx##_read(v);                                       \
                                                                               \
		while (c != u) {                                               \
			if (__atomic_compare_exchange_n(                       \
			        &v->counter, &c, c + a, 0, __ATOMIC_SEQ_CST,   \
			        __ATOMIC_RELAXED))                             \
				return 1;                                      \
		}                                                              \
		return 0;                                                      \
	}

DDE_ATOMIC_OPS(atomic, atomic_t, int)
DDE_ATOMIC_OPS(atomic_long, atomic_long_t, long)
#undef DDE_ATOMIC_OPS

#define atomic_inc_not_zero(v)      atomic_add_unless((v), 1, 0)
#define atomic_long_inc_not_zero(v) atomic_long_add_unless((v), 1, 0)

#define smp_mb__before_atomic_dec() dde_linux26_fence()
#define smp_mb__after_atomic_dec()  dde_linux26_fence()
#define smp_mb__before_atomic_inc() dde_linux26_fence()
#define smp_mb__after_atomic_inc()  dde_linux26_fence()

#endif /* _ASM_ATOMIC_H */
