/*
 * linux/bitops.h — bit operations (libdde emulation of Linux 2.6.24).
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <asm/bitops.h>

#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_PER_BYTE     8

#define for_each_bit(bit, addr, size)                                          \
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size);           \
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

static inline unsigned long hweight_long(unsigned long w)
{
	return (unsigned long)__builtin_popcountl(w);
}

static inline unsigned int get_count_order(unsigned int count)
{
	int order = fls((int)count) - 1;

	if (count & (count - 1))
		order++;
	return (unsigned int)order;
}

static inline unsigned int rol32(unsigned int word, unsigned int shift)
{
	return (word << shift) | (word >> ((32 - shift) & 31));
}

static inline unsigned int ror32(unsigned int word, unsigned int shift)
{
	return (word >> shift) | (word << ((32 - shift) & 31));
}

#endif /* _LINUX_BITOPS_H */
