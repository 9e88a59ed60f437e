/*
 * irq_common.c — see irq_common.h.
 */
#include "irq_common.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *program = "irq";

static void on_watchdog(int sig)
{
	static const char msg[] = ": watchdog: an interrupt did not arrive\n";

	(void)sig;
	/* Only async-signal-safe calls here; the process ends either way. */
	if (write(STDERR_FILENO, program, strlen(program)) < 0 ||
	    write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
	}
	_exit(1);
}

void irq_set_program(const char *name)
{
	program = name;
}

void irq_watchdog(int on)
{
	if (on)
		signal(SIGALRM, on_watchdog);
	alarm(on ? WATCHDOG_S : 0);
}

void irq_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", program);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

uint64_t irq_context_switches(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_nvcsw + ru.ru_nivcsw);
}

int irq_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void irq_append_samples(const char *path, const struct sample *s,
                        unsigned long n)
{
	unsigned long i;
	FILE *f = fopen(path, "a");

	if (!f)
		irq_die("%s: %s", path, strerror(errno));
	for (i = 0; i < n; i++)
		fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
		        s[i].handler_ns, s[i].roundtrip_ns, s[i].csw);
	if (fclose(f) != 0)
		irq_die("%s: %s", path, strerror(errno));
}
