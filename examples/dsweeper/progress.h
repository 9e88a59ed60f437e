/*
 * progress.h — progress of a run on stderr: a bar redrawn in place on a
 * terminal (percent, MB/s, ETA, current device), plain lines every few
 * seconds otherwise.
 */
#ifndef DSWEEPER_PROGRESS_H
#define DSWEEPER_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "sweep.h"

#define DSW_PROGRESS_TTY_NS  (200ull * 1000 * 1000)
#define DSW_PROGRESS_LINE_NS (5ull * 1000 * 1000 * 1000)

struct dsw_progress {
	FILE *out;
	bool tty;
	bool drawn;       /* a bar is on the current line */
	uint64_t last_ns; /* elapsed time of the last output */
	int last_index;
	int last_phase;
	unsigned last_pass;
};

void dsw_progress_init(struct dsw_progress *pg, FILE *out, bool tty);
/** The sweep_params.progress callback; @arg is a struct dsw_progress. */
void dsw_progress_cb(void *arg, const struct sweep_progress *p);

#endif /* DSWEEPER_PROGRESS_H */
