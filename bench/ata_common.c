/*
 * ata_common.c — see ata_common.h.
 */
#include "ata_common.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double busy_seconds(void)
{
	unsigned long long v[10] = {0}, busy = 0;
	FILE *f = fopen("/proc/stat", "r");
	int n, i;

	if (!f)
		return -1;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
	           &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
	           &v[8], &v[9]);
	fclose(f);
	if (n < 7)
		return -1;
	/* user nice system idle iowait irq softirq steal…: all but idle and
	 * iowait are work. */
	for (i = 0; i < n; i++)
		if (i != 3 && i != 4)
			busy += v[i];
	return (double)busy / (double)sysconf(_SC_CLK_TCK);
}

void ata_bench_clock(struct ata_bench_clock *c)
{
	struct timespec ts;
	struct rusage ru;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	c->wall = ts.tv_sec + ts.tv_nsec / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	c->proc_cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	              ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	c->sys_busy = busy_seconds();
}

void ata_bench_fill(void *buf, uint64_t index)
{
	uint64_t *w = buf;
	size_t i;

	for (i = 0; i < ATA_BENCH_REQ / sizeof(*w); i += 512 / sizeof(*w))
		w[i] = index << 16 | i;
}

int ata_bench_check(const void *buf, uint64_t index)
{
	const uint64_t *w = buf;
	size_t i;

	for (i = 0; i < ATA_BENCH_REQ / sizeof(*w); i += 512 / sizeof(*w))
		if (w[i] != (index << 16 | i))
			return -1;
	return 0;
}

void ata_bench_report(const char *side, const char *op, uint64_t bytes,
                      const struct ata_bench_clock *t0,
                      const struct ata_bench_clock *t1)
{
	double s = t1->wall - t0->wall;

	printf("BENCH %s %s bytes=%llu s=%.3f MB/s=%.1f cpu_s=%.3f "
	       "sys_busy_s=%.2f\n",
	       side, op, (unsigned long long)bytes, s, bytes / s / 1e6,
	       t1->proc_cpu - t0->proc_cpu, t1->sys_busy - t0->sys_busy);
	fflush(stdout);
}
