/*
 * strings.h — the BSD memory functions of the bare-metal libc subset
 * (POSIX's <strings.h>): lib/dde_fbsd's sys/systm.h declares them as the
 * FreeBSD kernel has them and, on a hosted build, leaves them to the C
 * library; here this subset is that library.
 */
#ifndef BAREMETAL_LIBC_STRINGS_H
#define BAREMETAL_LIBC_STRINGS_H

#include <stddef.h>

void bzero(void *buf, size_t len);
/* Overlapping ranges are allowed, as with memmove. */
void bcopy(const void *src, void *dst, size_t len);
int bcmp(const void *a, const void *b, size_t len);

#endif /* BAREMETAL_LIBC_STRINGS_H */
