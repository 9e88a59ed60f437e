/*
 * irq.c — request_irq() and friends on DDEKit interrupt attachments.
 *
 * A line used by the emulation has a descriptor owning the task record its
 * DDEKit handler thread runs under; the descriptor lives while any handler
 * is attached, and so does the thread. Each handler runs in hardirq
 * context: it holds the interrupts-off exclusion for its whole run.
 */
#include "internal.h"

#include <ddekit/interrupt.h>
#include <ddekit/printf.h>

#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/string.h>

struct irq_desc {
	unsigned int irq;
	struct task_struct task;
	struct list_head actions;
	struct list_head link;
	unsigned long unhandled;
};

struct irqaction {
	irq_handler_t handler;
	unsigned long flags;
	const char *name;
	void *dev_id;
	struct irq_desc *desc;
	struct list_head link;
};

/* Guarded by the registry lock; never touched by handlers. */
static LIST_HEAD(descs);

static struct irq_desc *find_desc(unsigned int irq)
{
	struct irq_desc *d;

	list_for_each_entry(d, &descs, link) if (d->irq == irq) return d;
	return NULL;
}

static void irq_trampoline(void *priv)
{
	struct irqaction *action = priv;
	struct irq_desc *desc = action->desc;
	irqreturn_t ret;

	/* Handlers of a line share one thread and so one task. */
	if (ddekit_thread_get_my_data() != &desc->task) {
		ddekit_thread_set_my_data(&desc->task);
		desc->task.dde.thread = ddekit_thread_myself();
	}
	dde_linux26_hardirq_enter(&desc->task);
	ret = action->handler((int)desc->irq, action->dev_id);
	dde_linux26_hardirq_exit(&desc->task);
	if (ret == IRQ_NONE)
		desc->unhandled++;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long irqflags,
                const char *devname, void *dev_id)
{
	struct irqaction *action;
	struct irq_desc *desc;
	int err = -EINVAL;

	might_sleep();
	if (!handler || ((irqflags & IRQF_SHARED) && !dev_id))
		return -EINVAL;
	action = kzalloc(sizeof(*action), GFP_KERNEL);
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->flags = irqflags;
	action->name = devname;
	action->dev_id = dev_id;

	ddekit_lock_lock(&dde_linux26_env.registry_lock);
	desc = find_desc(irq);
	if (!desc) {
		err = -ENOMEM;
		desc = kzalloc(sizeof(*desc), GFP_KERNEL);
		if (!desc)
			goto out_unlock;
		desc->irq = irq;
		desc->task.state = TASK_RUNNING;
		ddekit_snprintf(desc->task.comm, sizeof(desc->task.comm),
		                "irq/%u", irq);
		INIT_LIST_HEAD(&desc->actions);
		INIT_LIST_HEAD(&desc->task.dde.all);
		list_add(&desc->link, &descs);
	}
	action->desc = desc;
	err = -EBUSY;
	if (!ddekit_interrupt_attach((int)irq, !!(irqflags & IRQF_SHARED), NULL,
	                             irq_trampoline, action))
		goto out_desc;
	list_add_tail(&action->link, &desc->actions);
	ddekit_lock_unlock(&dde_linux26_env.registry_lock);
	return 0;

out_desc:
	if (list_empty(&desc->actions)) {
		list_del(&desc->link);
		kfree(desc);
	}
out_unlock:
	ddekit_lock_unlock(&dde_linux26_env.registry_lock);
	kfree(action);
	return err;
}

void free_irq(unsigned int irq, void *dev_id)
{
	struct irqaction *action, *found = NULL;
	struct irq_desc *desc;

	might_sleep();
	ddekit_lock_lock(&dde_linux26_env.registry_lock);
	desc = find_desc(irq);
	if (desc)
		list_for_each_entry(action, &desc->actions,
		                    link) if (action->dev_id == dev_id)
		{
			found = action;
			break;
		}
	if (!found) {
		ddekit_lock_unlock(&dde_linux26_env.registry_lock);
		printk(KERN_ERR "Trying to free already-free IRQ %u\n", irq);
		return;
	}
	/* Waits for a running handler, which needs no registry lock. */
	ddekit_interrupt_detach_handler((int)irq, found);
	list_del(&found->link);
	kfree(found);
	if (list_empty(&desc->actions)) {
		list_del(&desc->link);
		kfree(desc);
	}
	ddekit_lock_unlock(&dde_linux26_env.registry_lock);
}

void disable_irq(unsigned int irq)
{
	/* A handler waiting for the exclusion would never finish. */
	WARN_ON(irqs_disabled() && !in_irq());
	ddekit_interrupt_disable((int)irq);
}

void disable_irq_nosync(unsigned int irq)
{
	disable_irq(irq);
}

void enable_irq(unsigned int irq)
{
	ddekit_interrupt_enable((int)irq);
}

void synchronize_irq(unsigned int irq)
{
	if (in_irq())
		return;
	ddekit_interrupt_disable((int)irq);
	ddekit_interrupt_enable((int)irq);
}
