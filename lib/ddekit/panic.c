/*
 * panic.c — fatal errors, debug messages and failed assertions.
 *
 * Each message is formatted completely and written with one console call, so
 * that a panic racing with other output still appears as one line.
 */
#include "internal.h"

#include <ddekit/assert.h>
#include <ddekit/panic.h>
#include <ddekit/printf.h>

#include <stdarg.h>

#define MSG_MAX 1024

/* "<tag><message>\n", cut so that the newline always fits. */
static void emit_tagged(const char *tag, const char *fmt, va_list va)
{
	char buf[MSG_MAX];
	int n = ddekit_snprintf(buf, sizeof(buf), "%s", tag);
	int m;

	m = ddekit_vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, va);
	n += m;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	ddekit_host_console_write(buf, (size_t)n);
}

void ddekit_panic(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	emit_tagged("PANIC: ", fmt, va);
	va_end(va);
	ddekit_host_abort();
}

void ddekit_debug(const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	emit_tagged("DEBUG: ", fmt, va);
	va_end(va);
}

void ddekit_assert_fail(const char *expr, const char *file, int line,
                        const char *func)
{
	ddekit_panic("assertion \"%s\" failed at %s:%d in %s()", expr, file,
	             line, func);
}
