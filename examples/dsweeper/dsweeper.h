/*
 * dsweeper.h — the front end as one call, for main.c and the tests: the
 * platform (DDEKit, bddf, the drivers) is up and the disks are announced
 * before dsweeper_run() is called.
 */
#ifndef DSWEEPER_DSWEEPER_H
#define DSWEEPER_DSWEEPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct dsweeper_io {
	FILE *out;         /* list, summary, JSON */
	FILE *err;         /* banner when --json, messages, progress */
	bool interactive;  /* a user can answer the confirmation */
	bool progress_tty; /* @err is a terminal: draw a progress bar */
	/** Read one answer line into @buf; -1 at end of input. */
	int (*read_line)(void *ctx, char *buf, size_t len);
	/** Fill @buf with @len bytes of the host's entropy; 0 or -1. */
	int (*entropy)(void *ctx, void *buf, size_t len);
	void *ctx;
	/** Why there may be no disks (e.g. no driver built in), or NULL. */
	const char *no_disks_hint;
};

/** dsweeper_run() - run the command line @argv; returns an exit code
 * (exitcodes.h). */
int dsweeper_run(int argc, char **argv, const struct dsweeper_io *io);

#endif /* DSWEEPER_DSWEEPER_H */
