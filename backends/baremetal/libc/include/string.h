/*
 * string.h — the string functions of the bare-metal libc subset: what
 * lib/ddekit, uthash and the conformance suite use, and what gcc may emit
 * calls to on its own (memcpy, memmove, memset, memcmp).
 */
#ifndef BAREMETAL_LIBC_STRING_H
#define BAREMETAL_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *restrict dst, const char *restrict src);
size_t strcspn(const char *s, const char *reject);

#endif /* BAREMETAL_LIBC_STRING_H */
