/*
 * context.c — the execution model: hardirq/softirq/process context,
 * interrupts off, bottom halves off, might_sleep().
 */
#include "internal.h"

#include <ddekit/printf.h>

#include <linux/bottom_half.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>

#define env dde_linux26_env

void dde_linux26_bh_get(struct task_struct *t)
{
	if (t->dde.bh_refs++ == 0)
		ddekit_lock_lock(&env.bh_lock);
}

void dde_linux26_bh_put(struct task_struct *t)
{
	if (--t->dde.bh_refs == 0)
		ddekit_lock_unlock(&env.bh_lock);
}

void dde_linux26_softirq_enter(struct task_struct *t)
{
	dde_linux26_bh_get(t);
	t->dde.softirq++;
}

void dde_linux26_softirq_exit(struct task_struct *t)
{
	t->dde.softirq--;
	dde_linux26_bh_put(t);
}

void dde_linux26_hardirq_enter(struct task_struct *t)
{
	ddekit_lock_lock(&env.irq_lock);
	t->dde.hardirq = 1;
}

void dde_linux26_hardirq_exit(struct task_struct *t)
{
	t->dde.hardirq = 0;
	ddekit_lock_unlock(&env.irq_lock);
}

/*
 * Interrupts off in process or softirq context: the bh exclusion first (a
 * uniprocessor runs no softirq while interrupts are off, and a single lock
 * order bh -> irq cannot deadlock), then the irq exclusion. In a hardirq
 * handler the exclusion is already held for the handler's whole run.
 */
static void irq_off(struct task_struct *t)
{
	if (t->dde.hardirq || t->dde.irq_off)
		return;
	dde_linux26_bh_get(t);
	ddekit_lock_lock(&env.irq_lock);
	t->dde.irq_off = 1;
}

static void irq_on(struct task_struct *t)
{
	if (t->dde.hardirq || !t->dde.irq_off)
		return;
	t->dde.irq_off = 0;
	ddekit_lock_unlock(&env.irq_lock);
	dde_linux26_bh_put(t);
}

unsigned long dde_linux26_irq_save(void)
{
	struct task_struct *t = dde_linux26_task();
	unsigned long flags = t->dde.irq_off || t->dde.hardirq;

	irq_off(t);
	return flags;
}

void dde_linux26_irq_restore(unsigned long flags)
{
	struct task_struct *t = dde_linux26_task();

	if (flags)
		irq_off(t);
	else
		irq_on(t);
}

void dde_linux26_irq_disable(void)
{
	irq_off(dde_linux26_task());
}

void dde_linux26_irq_enable(void)
{
	irq_on(dde_linux26_task());
}

int dde_linux26_irqs_disabled(void)
{
	struct task_struct *t = dde_linux26_task();

	return t->dde.irq_off || t->dde.hardirq;
}

void local_bh_disable(void)
{
	struct task_struct *t = dde_linux26_task();

	t->dde.bh_disable++;
	/* A handler must not wait for a softirq (lock order bh -> irq). */
	if (!t->dde.hardirq)
		dde_linux26_bh_get(t);
}

void local_bh_enable(void)
{
	struct task_struct *t = dde_linux26_task();

	if (WARN_ON(t->dde.bh_disable <= 0))
		return;
	t->dde.bh_disable--;
	if (!t->dde.hardirq)
		dde_linux26_bh_put(t);
}

int dde_linux26_in_irq(void)
{
	return dde_linux26_task()->dde.hardirq != 0;
}

int dde_linux26_in_softirq(void)
{
	struct task_struct *t = dde_linux26_task();

	return t->dde.softirq || t->dde.bh_disable;
}

int dde_linux26_in_interrupt(void)
{
	struct task_struct *t = dde_linux26_task();

	return t->dde.hardirq || t->dde.softirq || t->dde.bh_disable;
}

int dde_linux26_in_atomic(void)
{
	struct task_struct *t = dde_linux26_task();

	return t->dde.hardirq || t->dde.softirq || t->dde.bh_disable ||
	       t->dde.spin_depth;
}

void dde_linux26_might_sleep(const char *file, int line)
{
	struct task_struct *t = dde_linux26_task();

	if (!dde_linux26_in_atomic() && !t->dde.irq_off)
		return;
	ddekit_printf("BUG: sleeping function called from invalid context at "
	              "%s:%d\n",
	              file, line);
	ddekit_printf("in_irq(): %d, in_softirq(): %d, irqs_disabled(): %d, "
	              "spinlocks held: %d, task: %s\n",
	              t->dde.hardirq, t->dde.softirq || t->dde.bh_disable,
	              t->dde.irq_off || t->dde.hardirq, t->dde.spin_depth,
	              t->comm);
	dde_linux26_warn(file, line);
}
