/*
 * log.c — formatted messages of the POSIX hosts, sent through the host
 * console so that a host that captures its console (the mock machine) sees
 * them too.
 */
#include "posix_core.h"

#include <ddekit/host.h>

#include <stdarg.h>
#include <stdio.h>

void posix_core_log(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	ddekit_host_console_write(buf, (size_t)n);
}
