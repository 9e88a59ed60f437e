/*
 * tsc.c — the monotonic clock: the time-stamp counter scaled to
 * nanoseconds. The TSC counts at a constant rate on every CPU of the last
 * 15 years ("invariant TSC", SDM vol. 3B, 17.17.1) and in QEMU; its rate is
 * measured against the PIT once at boot. ns = ticks * mult >> 32 with a
 * 128-bit product, so nothing overflows for centuries.
 */
#include "bm.h"

#define CAL_MS 50

static uint64_t tsc0, mult;
static uint64_t tsc_hz;

void bm_tsc_init(void)
{
	uint64_t ticks = bm_pit_measure_tsc(CAL_MS);

	tsc_hz = ticks * (1000 / CAL_MS);
	if (!tsc_hz)
		bm_panic("the TSC does not count");
	mult = (1000000000ull << 32) / tsc_hz;
	tsc0 = bm_rdtsc();
	bm_printf("bare metal: TSC %lu.%03lu MHz\n", tsc_hz / 1000000,
	          tsc_hz / 1000 % 1000);
}

uint64_t bm_clock_ns(void)
{
	if (!mult) /* before calibration: no clock yet */
		return 0;
	return (uint64_t)(((unsigned __int128)(bm_rdtsc() - tsc0) * mult) >>
	                  32);
}
