/*
 * options.h — dsweeper's command line.
 */
#ifndef DSWEEPER_OPTIONS_H
#define DSWEEPER_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "sweep.h"

#define DSW_MAX_TARGETS 64

struct dsw_options {
	bool list, json, help, yes, seed_given;
	struct sweep_params sweep;
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
