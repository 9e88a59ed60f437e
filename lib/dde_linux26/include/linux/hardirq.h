/*
 * linux/hardirq.h — which context the caller is in (libdde emulation).
 *
 * As in Linux 2.6.24, in_softirq() and in_interrupt() are also true while
 * bottom halves are disabled (local_bh_disable(), spin_lock_bh()).
 */
#ifndef _LINUX_HARDIRQ_H
#define _LINUX_HARDIRQ_H

int dde_linux26_in_irq(void);
int dde_linux26_in_softirq(void);
int dde_linux26_in_interrupt(void);
int dde_linux26_in_atomic(void);

#define in_irq()       dde_linux26_in_irq()
#define in_softirq()   dde_linux26_in_softirq()
#define in_interrupt() dde_linux26_in_interrupt()
#define in_atomic()    dde_linux26_in_atomic()

#endif /* _LINUX_HARDIRQ_H */
