/*
 * linux/irqflags.h — "interrupts off" (libdde emulation of Linux 2.6.24).
 *
 * libdde execution model: turning interrupts off takes one environment-wide
 * exclusion that every hardirq handler also holds while it runs, so no
 * handler runs while any thread has interrupts off — the guarantee a
 * uniprocessor kernel gives. Interrupts off also keeps softirqs (timers,
 * tasklets) off, as on a uniprocessor. The state is per thread and is a
 * flag, not a counter: local_irq_enable() enables whatever came before.
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

unsigned long dde_linux26_irq_save(void);
void dde_linux26_irq_restore(unsigned long flags);
void dde_linux26_irq_disable(void);
void dde_linux26_irq_enable(void);
int dde_linux26_irqs_disabled(void);

#define local_irq_save(flags)                                                  \
	do {                                                                   \
		(flags) = dde_linux26_irq_save();                              \
	} while (0)
#define local_irq_restore(flags) dde_linux26_irq_restore(flags)
#define local_irq_disable()      dde_linux26_irq_disable()
#define local_irq_enable()       dde_linux26_irq_enable()
#define local_save_flags(flags)                                                \
	do {                                                                   \
		(flags) = (unsigned long)dde_linux26_irqs_disabled();          \
	} while (0)
#define irqs_disabled()            dde_linux26_irqs_disabled()
#define irqs_disabled_flags(flags) ((flags) != 0)

#endif /* _LINUX_IRQFLAGS_H */
