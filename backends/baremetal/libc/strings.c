/*
 * strings.c — strings.h for bare metal, on the string.h functions.
 */
#include <string.h>
#include <strings.h>

void bzero(void *buf, size_t len)
{
	memset(buf, 0, len);
}

void bcopy(const void *src, void *dst, size_t len)
{
	memmove(dst, src, len);
}

int bcmp(const void *a, const void *b, size_t len)
{
	return memcmp(a, b, len) != 0;
}
