/*
 * asm/bitops.h — bit operations on unsigned long arrays (libdde emulation).
 *
 * The plain names are atomic (they order like Linux's locked x86 ops); the
 * double-underscore names are not.
 */
#ifndef _ASM_BITOPS_H
#define _ASM_BITOPS_H

#include <linux/compiler.h>

#define BITS_PER_LONG (8 * (int)sizeof(long))
#define BIT_WORD(nr)  ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)  (1UL << ((nr) % BITS_PER_LONG))

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
	                   __ATOMIC_SEQ_CST);
}

static inline void change_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline int test_and_set_bit(int nr, volatile unsigned long *addr)
{
	return !!(__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
	                            __ATOMIC_SEQ_CST) &
	          BIT_MASK(nr));
}

static inline int test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	return !!(__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
	                             __ATOMIC_SEQ_CST) &
	          BIT_MASK(nr));
}

static inline int test_and_change_bit(int nr, volatile unsigned long *addr)
{
	return !!(__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr),
	                             __ATOMIC_SEQ_CST) &
	          BIT_MASK(nr));
}

static inline int test_bit(int nr, const volatile unsigned long *addr)
{
	return !!(__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) &
	          BIT_MASK(nr));
}

static inline void __set_bit(int nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(int nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void __change_bit(int nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static inline int __test_and_set_bit(int nr, volatile unsigned long *addr)
{
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old | BIT_MASK(nr);
	return !!(old & BIT_MASK(nr));
}

static inline int __test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old & ~BIT_MASK(nr);
	return !!(old & BIT_MASK(nr));
}

#define smp_mb__before_clear_bit() dde_linux26_fence()
#define smp_mb__after_clear_bit()  dde_linux26_fence()

/* __ffs()/ffz(): undefined for 0 / ~0UL, as in Linux. */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* ffs()/fls(): 1-based, 0 for no bit set. ffs is renamed because the C
 * library's <string.h> declares one of its own. */
#define ffs dde_linux26_ffs
static inline int ffs(int x)
{
	return __builtin_ffs(x);
}

static inline int fls(int x)
{
	return x ? 32 - __builtin_clz((unsigned int)x) : 0;
}

static inline int fls64(unsigned long long x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned int hweight32(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w);
}

static inline unsigned int hweight16(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w & 0xffff);
}

static inline unsigned int hweight8(unsigned int w)
{
	return (unsigned int)__builtin_popcount(w & 0xff);
}

static inline unsigned long hweight64(unsigned long long w)
{
	return (unsigned long)__builtin_popcountll(w);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
                            unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
                                 unsigned long offset);
#define find_first_bit(addr, size)      find_next_bit((addr), (size), 0)
#define find_first_zero_bit(addr, size) find_next_zero_bit((addr), (size), 0)

#endif /* _ASM_BITOPS_H */
