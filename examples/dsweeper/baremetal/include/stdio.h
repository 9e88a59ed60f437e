/*
 * stdio.h — the part of <stdio.h> dsweeper's front end uses, for its
 * bare-metal image (backends/baremetal has no stdio): two streams, both
 * on the console, and the formatted output functions, with %f (which
 * DDEKit's formatter does not do) for the rates and times it prints.
 */
#ifndef DSWEEPER_BAREMETAL_STDIO_H
#define DSWEEPER_BAREMETAL_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

typedef struct dsw_bm_file FILE;

extern FILE *const stdout;
extern FILE *const stderr;

int fprintf(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fputs(const char *s, FILE *f);
int fputc(int c, FILE *f);
int fflush(FILE *f);

#endif /* DSWEEPER_BAREMETAL_STDIO_H */
