/*
 * intr.c — bus_setup_intr() handlers on DDEKit interrupt lines.
 *
 * One event per line, attached to DDEKit once (shared, so other users of
 * the line coexist). On each interrupt the line's thread runs every filter
 * with "interrupts off" (the intr_lock), then, without it, the ithread
 * handler of each handler whose filter asked for it (or that has no filter).
 * DDEKit unmasks the line only afterwards, so a level-triggered source stays
 * quiet until the ithread has dealt with it — FreeBSD's ithread masking.
 */
#include "internal.h"

#include <ddekit/errno.h>
#include <ddekit/interrupt.h>

#include <sys/mutex.h>

struct intr_handler {
	driver_filter_t *filter;
	driver_intr_t *handler;
	void *arg;
	int flags;
	int run_thread; /* set by the filter pass, used by the thread pass */
	device_t dev;
	struct intr_event *ie;
	TAILQ_ENTRY(intr_handler) link;
};

struct intr_event {
	int line;
	struct thread td; /* the line's DDEKit handler thread */
	int td_entered;
	unsigned long stray;
	TAILQ_HEAD(, intr_handler) handlers;
	LIST_ENTRY(intr_event) link;
};

MALLOC_DEFINE(M_INTR, "intr", "interrupt handlers");

/* Guarded by intr_reg_lock, never taken by the handler threads (teardown
 * waits for them while holding it). */
static LIST_HEAD(, intr_event) events = LIST_HEAD_INITIALIZER(events);

static void intr_event_run(void *priv)
{
	struct intr_event *ie = priv;
	struct thread *td = &ie->td;
	struct intr_handler *ih;
	int any = 0, thread = 0, r;

	if (!ie->td_entered) {
		dde_fbsd_thread_enter(td);
		ie->td_entered = 1;
	}
	dde_fbsd_intr_off(td);
	td->td_intr_nesting_level++;
	TAILQ_FOREACH(ih, &ie->handlers, link)
	{
		if (!ih->filter) {
			ih->run_thread = 1;
			thread = 1;
			continue;
		}
		r = ih->filter(ih->arg);
		if (r & (FILTER_HANDLED | FILTER_SCHEDULE_THREAD))
			any = 1;
		ih->run_thread = (r & FILTER_SCHEDULE_THREAD) && ih->handler;
		thread |= ih->run_thread;
	}
	td->td_intr_nesting_level--;
	dde_fbsd_intr_on(td);
	if (!any && !thread)
		ie->stray++;
	if (!thread)
		return;
	td->td_dde_no_sleeping++;
	TAILQ_FOREACH(ih, &ie->handlers, link)
	{
		if (!ih->run_thread)
			continue;
		ih->run_thread = 0;
		if (!(ih->flags & INTR_MPSAFE))
			mtx_lock(&Giant);
		ih->handler(ih->arg);
		if (!(ih->flags & INTR_MPSAFE))
			mtx_unlock(&Giant);
	}
	td->td_dde_no_sleeping--;
}

static struct intr_event *find_event(int line)
{
	struct intr_event *ie;

	LIST_FOREACH(ie, &events, link)
	{
		if (ie->line == line)
			return ie;
	}
	return NULL;
}

int dde_fbsd_intr_setup(device_t dev, int line, int flags,
                        driver_filter_t *filter, driver_intr_t *handler,
                        void *arg, void **cookiep)
{
	struct intr_event *ie;
	struct intr_handler *ih;
	int err = 0;

	dde_fbsd_assert_sleepable("bus_setup_intr", __FILE__, __LINE__);
	ih = malloc(sizeof(*ih), M_INTR, M_WAITOK | M_ZERO);
	ih->filter = filter;
	ih->handler = handler;
	ih->arg = arg;
	ih->flags = flags;
	ih->dev = dev;
	ddekit_lock_lock(&dde_fbsd_env.intr_reg_lock);
	ie = find_event(line);
	if (ie) {
		struct intr_handler *first = TAILQ_FIRST(&ie->handlers);

		if ((flags & INTR_EXCL) || (first->flags & INTR_EXCL)) {
			err = EBUSY;
			goto out;
		}
		/* The line's thread must not walk the list meanwhile. */
		ddekit_interrupt_disable(line);
		ih->ie = ie;
		TAILQ_INSERT_TAIL(&ie->handlers, ih, link);
		ddekit_interrupt_enable(line);
		goto out;
	}
	ie = malloc(sizeof(*ie), M_INTR, M_WAITOK | M_ZERO);
	ie->line = line;
	TAILQ_INIT(&ie->handlers);
	dde_fbsd_thread_init(&ie->td, "irq");
	snprintf(ie->td.td_name, sizeof(ie->td.td_name), "irq%d", line);
	ih->ie = ie;
	TAILQ_INSERT_TAIL(&ie->handlers, ih, link);
	if (!ddekit_interrupt_attach(line, 1, NULL, intr_event_run, ie)) {
		free(ie, M_INTR);
		err = ENXIO;
		goto out;
	}
	LIST_INSERT_HEAD(&events, ie, link);
out:
	ddekit_lock_unlock(&dde_fbsd_env.intr_reg_lock);
	if (err)
		free(ih, M_INTR);
	else
		*cookiep = ih;
	return err;
}

int dde_fbsd_intr_teardown(void *cookie)
{
	struct intr_handler *ih = cookie;
	struct intr_event *ie;

	if (!ih)
		return EINVAL;
	dde_fbsd_assert_sleepable("bus_teardown_intr", __FILE__, __LINE__);
	ddekit_lock_lock(&dde_fbsd_env.intr_reg_lock);
	ie = ih->ie;
	if (TAILQ_FIRST(&ie->handlers) == ih && !TAILQ_NEXT(ih, link)) {
		/* Waits for a running handler, ends the thread. */
		ddekit_interrupt_detach_handler(ie->line, ie);
		LIST_REMOVE(ie, link);
		free(ie, M_INTR);
	} else {
		ddekit_interrupt_disable(ie->line);
		TAILQ_REMOVE(&ie->handlers, ih, link);
		ddekit_interrupt_enable(ie->line);
	}
	ddekit_lock_unlock(&dde_fbsd_env.intr_reg_lock);
	free(ih, M_INTR);
	return 0;
}
