/*
 * runner.c — runs the conformance areas and prints the report.
 *
 * Everything goes through ddekit_printf(): the same report comes out of the
 * mock's stderr, a guest's serial console and a bare-metal UART.
 */
#include "runner.h"

#include <stdarg.h>
#include <string.h>

#include <ddekit/printf.h>
#include <ddekit/timer.h>
#include <ddekit/version.h>

/* Failed test names kept for the summary at the end. */
#define MAX_LISTED_FAILURES 64

struct run_state {
	unsigned passed;
	unsigned failed;
	const char *failed_area[MAX_LISTED_FAILURES];
	const char *failed_test[MAX_LISTED_FAILURES];
};

uint64_t conf_now_ns(void)
{
	return ddekit_clock_ns();
}

unsigned conf_iters(const struct conf_test_ctx *t, unsigned full,
                    unsigned quick)
{
	return t->cfg->quick ? quick : full;
}

void conf_fail(struct conf_test_ctx *t, const char *file, int line,
               const char *fmt, ...)
{
	va_list va;

	if (t->failed++)
		return;
	t->file = file;
	t->line = line;
	va_start(va, fmt);
	ddekit_vsnprintf(t->msg, sizeof(t->msg), fmt, va);
	va_end(va);
}

void conf_note(struct conf_test_ctx *t, const char *fmt, ...)
{
	size_t room = sizeof(t->notes) - t->notes_len;
	va_list va;
	int n;

	if (room < 2)
		return;
	va_start(va, fmt);
	n = ddekit_vsnprintf(t->notes + t->notes_len, room - 1, fmt, va);
	va_end(va);
	if (n < 0)
		return;
	t->notes_len += (size_t)n < room - 2 ? (size_t)n : room - 2;
	t->notes[t->notes_len++] = '\n';
	t->notes[t->notes_len] = '\0';
}

void conf_lateness_init(struct conf_lateness *s)
{
	s->min_ns = INT64_MAX;
	s->max_ns = INT64_MIN;
	s->sum_ns = 0;
	s->n = 0;
}

void conf_lateness_add(struct conf_lateness *s, int64_t late_ns)
{
	if (late_ns < s->min_ns)
		s->min_ns = late_ns;
	if (late_ns > s->max_ns)
		s->max_ns = late_ns;
	s->sum_ns += late_ns;
	s->n++;
}

void conf_lateness_note(struct conf_test_ctx *t, const char *what,
                        const struct conf_lateness *s)
{
	if (!s->n) {
		conf_note(t, "%s lateness: no samples", what);
		return;
	}
	conf_note(t,
	          "%s lateness: min %lld us, avg %lld us, max %lld us (%u "
	          "samples)",
	          what, (long long)(s->min_ns / 1000),
	          (long long)(s->sum_ns / s->n / 1000),
	          (long long)(s->max_ns / 1000), s->n);
}

/* Writes "12.3 ms" (or "4.6 s" from 10 s on) into @buf. */
static void format_duration(char *buf, size_t size, uint64_t ns)
{
	uint64_t tenths;

	if (ns < 10000000000ull) {
		tenths = (ns + 50000) / 100000;
		ddekit_snprintf(buf, size, "%llu.%llu ms",
		                (unsigned long long)(tenths / 10),
		                (unsigned long long)(tenths % 10));
	} else {
		tenths = (ns + 50000000) / 100000000;
		ddekit_snprintf(buf, size, "%llu.%llu s",
		                (unsigned long long)(tenths / 10),
		                (unsigned long long)(tenths % 10));
	}
}

/* __FILE__ may carry the build's absolute path; the report wants the name. */
static const char *base_name(const char *path)
{
	const char *name = path;

	for (; *path; path++)
		if (*path == '/')
			name = path + 1;
	return name;
}

/* Does "<area>.<test>" start with @prefix? */
static int selected(const char *prefix, const char *area, const char *test)
{
	size_t alen = strlen(area);
	size_t plen;

	if (!prefix)
		return 1;
	plen = strlen(prefix);
	if (plen <= alen)
		return strncmp(prefix, area, plen) == 0;
	if (strncmp(prefix, area, alen) != 0 || prefix[alen] != '.')
		return 0;
	return strncmp(prefix + alen + 1, test, plen - alen - 1) == 0;
}

/* The formatter has no '*' width, so lines are copied out one by one. */
static void print_notes(const char *notes)
{
	const char *line = notes;
	const char *nl;
	char buf[sizeof(((struct conf_test_ctx *)0)->notes)];
	size_t len;

	while (*line) {
		for (nl = line; *nl && *nl != '\n'; nl++)
			;
		len = (size_t)(nl - line);
		memcpy(buf, line, len);
		buf[len] = '\0';
		ddekit_printf("      %s\n", buf);
		line = *nl ? nl + 1 : nl;
	}
}

static void run_test(struct run_state *st, const struct ddekit_conf_config *cfg,
                     const struct conf_area *area, const struct conf_test *test,
                     unsigned *area_passed, unsigned *area_failed)
{
	struct conf_test_ctx t;
	char name[96];
	char took[32];
	uint64_t start;

	memset(&t, 0, sizeof(t));
	t.cfg = cfg;
	ddekit_snprintf(name, sizeof(name), "%s.%s", area->name, test->name);

	start = conf_now_ns();
	test->fn(&t);
	format_duration(took, sizeof(took), conf_now_ns() - start);

	if (!t.failed) {
		/* Padded so the timings form a column. */
		ddekit_printf("PASS  %-60s (%s)\n", name, took);
		st->passed++;
		(*area_passed)++;
	} else {
		ddekit_printf("FAIL  %s: %s\n", name, t.msg);
		ddekit_printf("      at %s:%d, after %s\n", base_name(t.file),
		              t.line, took);
		if (st->failed < MAX_LISTED_FAILURES) {
			st->failed_area[st->failed] = area->name;
			st->failed_test[st->failed] = test->name;
		}
		st->failed++;
		(*area_failed)++;
	}
	print_notes(t.notes);
}

static void run_area(struct run_state *st, const struct ddekit_conf_config *cfg,
                     const struct conf_area *area)
{
	unsigned passed = 0, failed = 0, i;
	int header = 0;
	char took[32];
	uint64_t start = conf_now_ns();

	for (i = 0; i < area->count; i++) {
		if (!selected(cfg->only, area->name, area->tests[i].name))
			continue;
		if (!header) {
			ddekit_printf("\n[%s]\n", area->name);
			header = 1;
		}
		run_test(st, cfg, area, &area->tests[i], &passed, &failed);
	}
	if (!header)
		return;
	format_duration(took, sizeof(took), conf_now_ns() - start);
	ddekit_printf("%s: %u passed, %u failed (%s)\n", area->name, passed,
	              failed, took);
}

static void print_header(const struct ddekit_conf_config *cfg)
{
	unsigned abi = ddekit_abi_version();

	ddekit_printf("ddekit conformance suite\n");
	ddekit_printf("  ABI:     library %u.%u, headers %u.%u\n", abi >> 16,
	              abi & 0xffff, (unsigned)DDEKIT_ABI_VERSION_MAJOR,
	              (unsigned)DDEKIT_ABI_VERSION_MINOR);
	ddekit_printf("  backend: %s\n",
	              cfg->backend ? cfg->backend : "(unknown)");
	if (cfg->edu_vendor || cfg->edu_device)
		ddekit_printf("  device:  edu %04x:%04x\n", cfg->edu_vendor,
		              cfg->edu_device);
	else
		ddekit_printf("  device:  none configured\n");
	if (cfg->port_base)
		ddekit_printf("  port:    0x%lx\n", cfg->port_base);
	else
		ddekit_printf("  port:    none configured\n");
	ddekit_printf("  mode:    %s%s%s\n", cfg->quick ? "quick" : "full",
	              cfg->only ? ", only " : "", cfg->only ? cfg->only : "");
}

int conf_run(const struct ddekit_conf_config *cfg,
             const struct conf_area *const *areas, unsigned count)
{
	struct run_state st;
	char took[32];
	uint64_t start = conf_now_ns();
	unsigned i;

	memset(&st, 0, sizeof(st));
	print_header(cfg);
	for (i = 0; i < count; i++)
		run_area(&st, cfg, areas[i]);

	format_duration(took, sizeof(took), conf_now_ns() - start);
	ddekit_printf("\ntotal time %s\n", took);
	if (st.failed) {
		ddekit_printf("failed tests:\n");
		for (i = 0; i < st.failed && i < MAX_LISTED_FAILURES; i++)
			ddekit_printf("  %s.%s\n", st.failed_area[i],
			              st.failed_test[i]);
	}
	if (!st.passed && !st.failed)
		ddekit_printf("no test matched \"%s\"\n",
		              cfg->only ? cfg->only : "");
	ddekit_printf("%u passed, %u failed\n", st.passed, st.failed);
	/* Running nothing proves nothing, so an empty run does not pass. */
	if (st.failed || !st.passed) {
		ddekit_printf("CONFORMANCE: FAIL\n");
		return st.failed ? (int)st.failed : 1;
	}
	ddekit_printf("CONFORMANCE: PASS\n");
	return 0;
}
