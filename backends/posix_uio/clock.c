/*
 * clock.c — monotonic time from CLOCK_MONOTONIC.
 */
#include <ddekit/host.h>

#include <time.h>

uint64_t ddekit_host_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
