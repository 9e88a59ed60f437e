/*
 * progress.c — progress output (progress.h).
 */
#include <string.h>

#include "progress.h"

#define BAR_WIDTH 30

static const char *const phase_name[] = {
    [SWEEP_PHASE_WRITE] = "write",
    [SWEEP_PHASE_VERIFY] = "verify",
    [SWEEP_PHASE_READ] = "read",
};

void dsw_progress_init(struct dsw_progress *pg, FILE *out, bool tty)
{
	memset(pg, 0, sizeof(*pg));
	pg->out = out;
	pg->tty = tty;
	pg->last_index = -1;
	pg->last_phase = -1;
}

/* "1:02:03" or "2:03"; "?" before the rate is known. */
static void fmt_eta(char *buf, size_t len, const struct sweep_progress *p)
{
	uint64_t left, s;

	if (!p->done || !p->elapsed_ns || p->done >= p->total) {
		snprintf(buf, len, p->done >= p->total ? "0:00" : "?");
		return;
	}
	left = p->total - p->done;
	s = (uint64_t)((double)left * (double)p->elapsed_ns / (double)p->done /
	               1e9);
	if (s >= 3600)
		snprintf(buf, len, "%llu:%02llu:%02llu",
		         (unsigned long long)(s / 3600),
		         (unsigned long long)(s / 60 % 60),
		         (unsigned long long)(s % 60));
	else
		snprintf(buf, len, "%llu:%02llu", (unsigned long long)(s / 60),
		         (unsigned long long)(s % 60));
}

static double rate_mbs(const struct sweep_progress *p)
{
	if (!p->elapsed_ns)
		return 0;
	return (double)p->done / ((double)p->elapsed_ns / 1e9) / 1e6;
}

static double percent(const struct sweep_progress *p)
{
	return p->total ? 100.0 * (double)p->done / (double)p->total : 100.0;
}

static void what(char *buf, size_t len, const struct sweep_progress *p)
{
	if (p->phase == SWEEP_PHASE_WRITE && p->passes > 1)
		snprintf(buf, len, "%s %s %u/%u", p->name, phase_name[p->phase],
		         p->pass + 1, p->passes);
	else
		snprintf(buf, len, "%s %s", p->name, phase_name[p->phase]);
}

static void draw_bar(struct dsw_progress *pg, const struct sweep_progress *p)
{
	char bar[BAR_WIDTH + 1], eta[24], cur[96];
	int fill = (int)(percent(p) * BAR_WIDTH / 100.0), i;

	for (i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = 0;
	fmt_eta(eta, sizeof(eta), p);
	what(cur, sizeof(cur), p);
	/* \033[K: clear what a longer earlier line left on the right. */
	fprintf(pg->out, "\r[%s] %5.1f%% %8.1f MB/s  ETA %-8s %s\033[K", bar,
	        percent(p), rate_mbs(p), eta, cur);
	pg->drawn = true;
	if (p->final) {
		fputc('\n', pg->out);
		pg->drawn = false;
	}
	fflush(pg->out);
}

static void print_line(struct dsw_progress *pg, const struct sweep_progress *p)
{
	char eta[24], cur[96];

	fmt_eta(eta, sizeof(eta), p);
	what(cur, sizeof(cur), p);
	fprintf(pg->out, "progress: %5.1f%% %.1f MB/s ETA %s (%s)\n",
	        percent(p), rate_mbs(p), eta, cur);
	fflush(pg->out);
}

void dsw_progress_cb(void *arg, const struct sweep_progress *p)
{
	struct dsw_progress *pg = arg;
	bool changed = p->index != pg->last_index ||
	               (int)p->phase != pg->last_phase ||
	               p->pass != pg->last_pass;
	uint64_t every = pg->tty ? DSW_PROGRESS_TTY_NS : DSW_PROGRESS_LINE_NS;

	if (!changed && !p->final && p->elapsed_ns - pg->last_ns < every)
		return;
	pg->last_ns = p->elapsed_ns;
	pg->last_index = p->index;
	pg->last_phase = (int)p->phase;
	pg->last_pass = p->pass;
	if (pg->tty)
		draw_bar(pg, p);
	else
		print_line(pg, p);
}
