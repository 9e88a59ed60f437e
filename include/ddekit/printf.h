/*
 * ddekit/printf.h — console output.
 *
 * Output goes to the host console, one call at a time (lines of concurrent
 * callers do not interleave within a call). The formatter is DDEKit's own
 * and works without a C library: %d %i %u %x %X %o %c %s %p %% with flags
 * '-', '0', '+', ' ', '#', width, precision and the length modifiers hh h l
 * ll z t j. Any context; never sleeps for long.
 */
#ifndef DDEKIT_PRINTF_H
#define DDEKIT_PRINTF_H

#include <stdarg.h>

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/** ddekit_print() - write @msg as is; returns its length. */
int ddekit_print(const char *msg);

/** ddekit_printf() / ddekit_vprintf() - formatted output; return the number
 * of characters written (output longer than 1024 characters is cut). */
int ddekit_printf(const char *fmt, ...) DDEKIT_PRINTF(1, 2);
int ddekit_vprintf(const char *fmt, va_list va);

/** ddekit_snprintf() / ddekit_vsnprintf() - format into @buf (extension);
 * like C99 snprintf: always terminated if @size > 0, returns the length the
 * whole output would have. */
int ddekit_snprintf(char *buf, size_t size, const char *fmt, ...)
    DDEKIT_PRINTF(3, 4);
int ddekit_vsnprintf(char *buf, size_t size, const char *fmt, va_list va);

DDEKIT_END_DECLS

#endif /* DDEKIT_PRINTF_H */
