/*
 * report.h — what dsweeper prints: the disk list, the final summary and
 * the --json report.
 */
#ifndef DSWEEPER_REPORT_H
#define DSWEEPER_REPORT_H

#include <stdio.h>

#include "options.h"
#include "sweep.h"

/** "1.5 MiB": @bytes in binary units, into @buf. */
char *dsw_fmt_size(char *buf, size_t len, uint64_t bytes);

/** The list of --list: devices as bddf_devices() gives them. */
void dsw_list_text(FILE *out, const struct bddf_dev_info *d, int n);
void dsw_list_json(FILE *out, const struct bddf_dev_info *d, int n);

/** Human summary of a finished run; says when nothing was written. */
void dsw_report_text(FILE *out, const struct dsw_options *o,
                     const struct sweep_target *t, int n);
/** The --json report: one object, newline-terminated. */
void dsw_report_json(FILE *out, const struct dsw_options *o,
                     const struct sweep_target *t, int n, int exit_code);

/** Seed as 64 lower-case hex digits (+ NUL) into @buf. */
void dsw_fmt_seed(char buf[2 * CHACHA20_KEY_BYTES + 1],
                  const uint8_t seed[CHACHA20_KEY_BYTES]);

#endif /* DSWEEPER_REPORT_H */
