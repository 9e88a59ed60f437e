/*
 * linux/string.h — string and memory helpers (libdde emulation).
 *
 * The C-library names come from the host's <string.h> (the one part of a C
 * library every libdde host has); the kernel-only helpers are libdde's.
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>

#include <linux/types.h>

/* Renamed so that a C library that has its own strlcpy() cannot clash. */
size_t dde_linux26_strlcpy(char *dest, const char *src, size_t size);
size_t dde_linux26_strlcat(char *dest, const char *src, size_t size);
#define strlcpy dde_linux26_strlcpy
#define strlcat dde_linux26_strlcat

char *kstrdup(const char *s, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);

#endif /* _LINUX_STRING_H */
