/*
 * options.h — dsweeper's command line.
 */
#ifndef DSWEEPER_OPTIONS_H
#define DSWEEPER_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "sweep.h"

#define DSW_MAX_TARGETS 64

/* How progress is shown: a terminal decides (auto), or the user does,
 * e.g. a bar on a serial console that is not a tty. */
enum dsw_progress_mode {
	DSW_PROGRESS_AUTO,
	DSW_PROGRESS_BAR,
	DSW_PROGRESS_LINES,
	DSW_PROGRESS_NONE,
};

struct dsw_options {
	bool list, json, help, yes, seed_given;
	struct sweep_params sweep;
	enum dsw_progress_mode progress;
	int ntargets;
	/* Each with the option that named it: --disk takes whole disks,
	 * --partition partitions. */
	char target[DSW_MAX_TARGETS][BDDF_NAME_MAX];
	bool target_is_disk[DSW_MAX_TARGETS];
};

/**
 * dsw_parse() - fill @o from @argv. Returns 0, or -1 after printing what
 * is wrong to @err.
 */
int dsw_parse(int argc, char **argv, struct dsw_options *o, FILE *err);

void dsw_usage(FILE *out);

#endif /* DSWEEPER_OPTIONS_H */
