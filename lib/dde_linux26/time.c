/*
 * time.c — jiffies and delays.
 */
#include "internal.h"

#include <ddekit/timer.h>

#include <linux/delay.h>
#include <linux/jiffies.h>

_Static_assert(HZ == DDEKIT_HZ, "a jiffy must be a DDEKit jiffy");

unsigned long dde_linux26_jiffies(void)
{
	return (unsigned long)ddekit_jiffies();
}

u64 get_jiffies_64(void)
{
	return ddekit_jiffies();
}

unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)(j * (1000 / HZ));
}

unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)(j * (1000000 / HZ));
}

unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)m * HZ, 1000);
}

unsigned long usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return DIV_ROUND_UP((unsigned long)u * HZ, 1000000);
}

/* Rounding to whole seconds lets Linux batch wakeups; here it only has to
 * keep the promise of "not earlier than j". */
unsigned long round_jiffies(unsigned long j)
{
	unsigned long r = roundup(j, HZ);

	return time_after(r, j) || r == j ? r : j;
}

unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return round_jiffies(j + now) - now;
}

void ndelay(unsigned long nsecs)
{
	u64 end = ddekit_clock_ns() + nsecs;

	while (ddekit_clock_ns() < end)
		cpu_relax();
}

void udelay(unsigned long usecs)
{
	ndelay(usecs * 1000);
}

void mdelay(unsigned long msecs)
{
	ndelay(msecs * 1000000);
}

void msleep(unsigned int msecs)
{
	/* +1: the current jiffy may be almost over. */
	schedule_timeout_uninterruptible((long)msecs_to_jiffies(msecs) + 1);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	msleep(msecs);
	return 0;
}
