/*
 * ata_common.h — what the two sides of the ATA benchmark share: the
 * pattern, the clocks (wall, the process's CPU time, the whole guest's busy
 * time from /proc/stat), and the result line check-log.sh reads.
 */
#ifndef BENCH_ATA_COMMON_H
#define BENCH_ATA_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define ATA_BENCH_REQ (64 * 1024) /* bytes per request, as tiobench did */

struct ata_bench_clock {
	double wall;     /* s */
	double proc_cpu; /* s, user + system of this process, all threads */
	double sys_busy; /* s, every non-idle CPU state in /proc/stat */
};

void ata_bench_clock(struct ata_bench_clock *c);
/* Marks each request's data with its index, so reads check placement. */
void ata_bench_fill(void *buf, uint64_t index);
int ata_bench_check(const void *buf, uint64_t index);
/* "BENCH <side> <op> bytes=... s=... MB/s=... cpu_s=... sys_busy_s=..." */
void ata_bench_report(const char *side, const char *op, uint64_t bytes,
                      const struct ata_bench_clock *t0,
                      const struct ata_bench_clock *t1);

#endif
