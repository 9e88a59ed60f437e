/*
 * stdlib.c — stdlib.h for bare metal: number parsing, and malloc/free on
 * the backend's heap. free() is not told the size, so each block carries it
 * in a 16-byte header (16 keeps the payload aligned like glibc's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../bm.h"

#define HDR 16u

void *malloc(size_t size)
{
	size_t *p;

	if (size > SIZE_MAX - HDR)
		return NULL;
	p = bm_heap_alloc(size + HDR, 0);
	if (!p)
		return NULL;
	*p = size + HDR;
	return (char *)p + HDR;
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return malloc(n * size); /* the heap hands out zeroed memory */
}

void free(void *p)
{
	size_t *h;

	if (!p)
		return;
	h = (size_t *)((char *)p - HDR);
	bm_heap_free(h, *h);
}

static int digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;
	const char *start = s;
	int neg = 0, any = 0, d;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && digit(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (; (d = digit(*s)) < base; s++, any = 1)
		v = v * base + d;
	if (end)
		*end = (char *)(any ? s : start);
	return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	return (long)strtoul(s, end, base);
}

void abort(void)
{
	bm_exit(BM_EXIT_FAILURE);
}

void exit(int status)
{
	bm_exit(status == 0 ? BM_EXIT_SUCCESS : BM_EXIT_FAILURE);
}
