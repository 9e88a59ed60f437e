/*
 * stdlib.h — the stdlib functions of the bare-metal libc subset. The heap
 * is the backend's own (the same one ddekit_host_mem_alloc() serves with
 * flags 0); abort() stops QEMU with the failure exit code.
 */
#ifndef BAREMETAL_LIBC_STDLIB_H
#define BAREMETAL_LIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void free(void *p);
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void exit(int status);

#endif /* BAREMETAL_LIBC_STDLIB_H */
