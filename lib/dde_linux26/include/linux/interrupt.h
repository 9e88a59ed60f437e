/*
 * linux/interrupt.h — interrupt handlers and tasklets (libdde emulation of
 * Linux 2.6.24).
 *
 * Handlers run in hardirq context on the line's DDEKit handler thread while
 * holding the interrupts-off exclusion (linux/irqflags.h): never while any
 * thread has interrupts off, never two at once. Tasklets run in softirq
 * context on one softirq thread, so a tasklet never runs concurrently with
 * itself (nor with any other softirq).
 * Knowingly missing: IRQF_SAMPLE_RANDOM's entropy, irq affinity,
 * open_softirq/raise_softirq for new softirq numbers.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/kernel.h>
#include <linux/hardirq.h>
#include <linux/irqreturn.h>
#include <linux/bottom_half.h>
#include <linux/irqflags.h>
#include <asm/atomic.h>
#include <asm/system.h>

#define IRQF_DISABLED      0x00000020
#define IRQF_SAMPLE_RANDOM 0x00000040
#define IRQF_SHARED        0x00000080
#define IRQF_PROBE_SHARED  0x00000100
#define IRQF_TIMER         0x00000200
#define IRQF_PERCPU        0x00000400
#define IRQF_NOBALANCING   0x00000800
#define IRQF_IRQPOLL       0x00001000

typedef irqreturn_t (*irq_handler_t)(int, void *);

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long irqflags,
                const char *devname, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);
/* Both wait for a running handler (disable_irq_nosync too: DDEKit's
 * disable always does); do not call them with interrupts off. */
void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	void (*func)(unsigned long);
	unsigned long data;
};

enum { TASKLET_STATE_SCHED, TASKLET_STATE_RUN };

#define DECLARE_TASKLET(name, func, data)                                      \
	struct tasklet_struct name = {NULL, 0, ATOMIC_INIT(0), func, data}
#define DECLARE_TASKLET_DISABLED(name, func, data)                             \
	struct tasklet_struct name = {NULL, 0, ATOMIC_INIT(1), func, data}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
                  unsigned long data);
void tasklet_schedule(struct tasklet_struct *t);
void tasklet_hi_schedule(struct tasklet_struct *t);
void tasklet_disable_nosync(struct tasklet_struct *t);
void tasklet_disable(struct tasklet_struct *t);
void tasklet_enable(struct tasklet_struct *t);
#define tasklet_hi_enable(t) tasklet_enable(t)
void tasklet_kill(struct tasklet_struct *t);

#endif /* _LINUX_INTERRUPT_H */
