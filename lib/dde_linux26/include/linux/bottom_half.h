/*
 * linux/bottom_half.h — bottom-half exclusion (libdde emulation).
 *
 * local_bh_disable() takes the environment-wide softirq exclusion that every
 * softirq (timer function, tasklet) holds while it runs; it nests per
 * thread. In hardirq context it only counts (Linux forbids the pairing).
 */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

void local_bh_disable(void);
void local_bh_enable(void);

#endif /* _LINUX_BH_H */
