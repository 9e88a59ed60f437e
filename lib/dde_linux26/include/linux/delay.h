/*
 * linux/delay.h — delays (libdde emulation of Linux 2.6.24).
 *
 * udelay()/ndelay()/mdelay() busy-wait on the DDEKit clock and are allowed in
 * any context; msleep() and ssleep() sleep and are process context only.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/kernel.h>

void ndelay(unsigned long nsecs);
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

void msleep(unsigned int msecs);
/* No signals reach a DDE thread, so this always sleeps the full time and
 * returns 0. */
unsigned long msleep_interruptible(unsigned int msecs);

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

#endif /* _LINUX_DELAY_H */
