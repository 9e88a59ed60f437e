/*
 * linux/jiffies.h — the tick counter (libdde emulation of Linux 2.6.24).
 *
 * jiffies reads the DDEKit monotonic clock each time it is used; it is an
 * unsigned long expression, not an lvalue. Compare times only with
 * time_after() and friends: they are correct across wrap-around.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <asm/param.h>

/* Keep <ddekit/timer.h>, if a server includes it too, from defining its
 * own jiffies and HZ. */
#ifndef DDEKIT_NO_LEGACY_TIMER_NAMES
#define DDEKIT_NO_LEGACY_TIMER_NAMES
#endif

unsigned long dde_linux26_jiffies(void);
u64 get_jiffies_64(void);

#define jiffies (dde_linux26_jiffies())

#define time_after(a, b)       ((long)((b) - (a)) < 0)
#define time_before(a, b)      time_after(b, a)
#define time_after_eq(a, b)    ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)   time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))

#define time_after64(a, b)     ((s64)((b) - (a)) < 0)
#define time_before64(a, b)    time_after64(b, a)
#define time_after_eq64(a, b)  ((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b) time_after_eq64(b, a)

#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
unsigned long msecs_to_jiffies(const unsigned int m);
unsigned long usecs_to_jiffies(const unsigned int u);

unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);

#endif /* _LINUX_JIFFIES_H */
