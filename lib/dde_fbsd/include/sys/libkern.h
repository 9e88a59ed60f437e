/*
 * sys/libkern.h — small kernel library helpers (FreeBSD 7, libdde).
 */
#ifndef _DDE_FBSD_SYS_LIBKERN_H_
#define _DDE_FBSD_SYS_LIBKERN_H_

#include <sys/types.h>

static __inline int imax(int a, int b)
{
	return a > b ? a : b;
}
static __inline int imin(int a, int b)
{
	return a < b ? a : b;
}
static __inline long lmax(long a, long b)
{
	return a > b ? a : b;
}
static __inline long lmin(long a, long b)
{
	return a < b ? a : b;
}
static __inline u_int max(u_int a, u_int b)
{
	return a > b ? a : b;
}
static __inline u_int min(u_int a, u_int b)
{
	return a < b ? a : b;
}
static __inline u_long ulmax(u_long a, u_long b)
{
	return a > b ? a : b;
}
static __inline u_long ulmin(u_long a, u_long b)
{
	return a < b ? a : b;
}
static __inline uint64_t qmin(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Renamed so that a C library with its own strlcpy() cannot clash. */
size_t dde_fbsd_strlcpy(char *dst, const char *src, size_t size);
#define strlcpy dde_fbsd_strlcpy

#endif /* _DDE_FBSD_SYS_LIBKERN_H_ */
