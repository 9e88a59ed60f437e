/*
 * interrupt.c — interrupt sources, their handlers and handler threads.
 *
 * Each source (a legacy line, or a PCI function's INTx / MSI / MSI-X vector
 * under a dynamic number) has one thread that waits on the host, runs the
 * handlers and unmasks the source again. Everything about sources is guarded
 * by one host mutex; threads that must wait for a source's thread (attach
 * for thread_init, disable for a running handler, detach for the thread's
 * end) sleep on the source's wait queue with that mutex as guard.
 *
 * Attach and detach are serialised by a sleeping "control" lock, because
 * both call the host (which may sleep) between looking a source up and
 * publishing or removing it.
 */
#include "internal.h"

#include <ddekit/interrupt.h>
#include <ddekit/pci.h>
#include <ddekit/printf.h>

#include <string.h>

struct irq_handler {
	struct irq_handler *next; /* attach order */
	void (*handler)(void *);
	void (*thread_init)(void *);
	void *priv;
	bool shared;
	bool initialised; /* thread_init has run */
};

struct irq_source {
	struct irq_source *next;
	int number;
	struct ddekit_host_irq *host;
	struct ddekit_thread *thread;
	struct irq_handler *handlers;
	int disabled;  /* ddekit_interrupt_disable() depth */
	int users;     /* threads sleeping on @waiters that use the record */
	bool pending;  /* reported by the host, not yet handled */
	bool busy;     /* the thread runs client code (init or handlers) */
	bool stopping; /* detach asked the thread to end */
	bool failed;   /* the host wait failed; only detach can help */
	bool done;     /* the thread has released the host source */
	struct ddekit__waitq thread_q; /* the handler thread, held back */
	struct ddekit__waitq waiters;  /* everyone else */
};

static struct ddekit_host_mutex *irq_lock;
static struct irq_source *sources;
static unsigned next_dynamic;
static bool ctl_busy;
static struct ddekit__waitq ctl_q;

/* --- helpers ------------------------------------------------------------- */

/* Caller holds irq_lock. */
static struct irq_source *source_find(int number)
{
	struct irq_source *src;

	for (src = sources; src; src = src->next)
		if (src->number == number)
			return src;
	return NULL;
}

static void ctl_enter(void)
{
	ddekit__thread_self();
	ddekit_host_mutex_lock(irq_lock);
	while (ctl_busy)
		ddekit__waitq_wait(&ctl_q, irq_lock, DDEKIT_HOST_FOREVER);
	ctl_busy = true;
	ddekit_host_mutex_unlock(irq_lock);
}

static void ctl_leave(void)
{
	struct ddekit__wakeups wk = {0};

	ddekit_host_mutex_lock(irq_lock);
	ctl_busy = false;
	ddekit__waitq_wake_all(&ctl_q, &wk);
	ddekit_host_mutex_unlock(irq_lock);
	ddekit__wakeups_deliver(&wk);
}

/* Is the caller the handler thread of @src? Caller holds irq_lock. */
static bool in_source_thread(const struct irq_source *src)
{
	return src->thread && ddekit__thread_current() == src->thread;
}

/* --- the handler thread -------------------------------------------------- */

/* Runs thread_init of handlers that have not had it. irq_lock held. */
static void run_inits(struct irq_source *src)
{
	struct irq_handler *h;

	for (;;) {
		for (h = src->handlers; h && h->initialised; h = h->next)
			;
		if (!h)
			return;
		if (h->thread_init) {
			void (*fn)(void *) = h->thread_init;
			void *priv = h->priv;

			/* busy keeps detach_handler from freeing h meanwhile */
			src->busy = true;
			ddekit_host_mutex_unlock(irq_lock);
			fn(priv);
			ddekit_host_mutex_lock(irq_lock);
			src->busy = false;
		}
		h->initialised = true;
		ddekit__waitq_wake_all(&src->waiters, NULL);
	}
}

/* Runs every initialised handler once, then unmasks. irq_lock held. */
static void deliver(struct irq_source *src, struct ddekit_thread *self)
{
	struct irq_handler *h;

	src->pending = false;
	src->busy = true;
	self->irq = src->number;
	/*
	 * Handlers are only removed while the source is not busy, so h stays
	 * valid while unlocked; h->next is read under the lock because attach
	 * may append meanwhile.
	 */
	for (h = src->handlers; h; h = h->next) {
		void (*fn)(void *) = h->handler;
		void *priv = h->priv;

		if (!h->initialised)
			continue;
		ddekit_host_mutex_unlock(irq_lock);
		fn(priv);
		ddekit_host_mutex_lock(irq_lock);
	}
	self->irq = -1;
	src->busy = false;
	ddekit_host_irq_unmask(src->host);
	/*
	 * Under irq_lock, which the thread keeps: nobody waits here on the
	 * interrupt path (only a disable or detach in progress does).
	 */
	ddekit__waitq_wake_all(&src->waiters, NULL);
}

static void irq_thread(void *arg)
{
	struct irq_source *src = arg;
	struct ddekit_thread *self = ddekit__thread_self();
	struct ddekit__wakeups wk = {0};
	int n;

	self->irq = -1;
	ddekit_host_mutex_lock(irq_lock);
	/* Set here too: thread_init may run before attach records it. */
	src->thread = self;
	for (;;) {
		run_inits(src);
		if (src->stopping)
			break;
		if (src->pending && !src->disabled) {
			deliver(src, self);
			continue;
		}
		if (src->pending || src->failed) {
			/* Held back (the source stays masked) until enable,
			 * or parked until detach. */
			ddekit__waitq_wait(&src->thread_q, irq_lock,
			                   DDEKIT_HOST_FOREVER);
			continue;
		}
		ddekit_host_mutex_unlock(irq_lock);
		n = ddekit_host_irq_wait(src->host);
		ddekit_host_mutex_lock(irq_lock);
		if (n > 0) {
			src->pending = true;
		} else if (n != -DDEKIT_ECANCELED) {
			ddekit_printf("irq %d: waiting failed: %s; no more "
			              "interrupts\n",
			              src->number, ddekit_strerror(n));
			src->failed = true;
		}
	}
	ddekit_host_mutex_unlock(irq_lock);

	ddekit_host_irq_detach(src->host);

	/* After this the record belongs to the detaching thread. */
	ddekit_host_mutex_lock(irq_lock);
	src->done = true;
	ddekit__waitq_wake_all(&src->waiters, &wk);
	ddekit_host_mutex_unlock(irq_lock);
	/* Touches only the woken threads' records, never @src. */
	ddekit__wakeups_deliver(&wk);
}

/* --- sources ------------------------------------------------------------- */

/* Caller holds irq_lock. */
static void source_unlink(struct irq_source *src)
{
	struct irq_source **pp;

	for (pp = &sources; *pp; pp = &(*pp)->next) {
		if (*pp == src) {
			*pp = src->next;
			return;
		}
	}
}

static void source_free(struct irq_source *src)
{
	struct irq_handler *h;

	while ((h = src->handlers)) {
		src->handlers = h->next;
		ddekit__free(h);
	}
	ddekit__free(src);
}

/*
 * Creates the source @number with its first handler @h, starts its thread
 * and waits until the thread ran @h's thread_init. Caller is in ctl.
 */
static int source_start(int number, enum ddekit_host_irq_kind kind,
                        unsigned host_number,
                        const struct ddekit_host_pci_fn *fn,
                        struct irq_handler *h, struct ddekit_thread **thread)
{
	struct irq_source *src;
	struct ddekit_thread *t = NULL;
	char name[DDEKIT__NAME_MAX];
	int err;

	src = ddekit__zalloc(sizeof(*src));
	if (!src)
		return -DDEKIT_ENOMEM;
	src->number = number;
	err = ddekit_host_irq_attach(kind, host_number, fn, &src->host);
	if (err < 0) {
		ddekit__free(src);
		return err;
	}
	src->handlers = h;

	ddekit_host_mutex_lock(irq_lock);
	src->next = sources;
	sources = src;
	ddekit_host_mutex_unlock(irq_lock);

	ddekit_snprintf(name, sizeof(name), "irq%d", number);
	err = ddekit__thread_start(name, DDEKIT_HOST_PRIO_IRQ, irq_thread, src,
	                           &t);

	ddekit_host_mutex_lock(irq_lock);
	if (err < 0) {
		source_unlink(src);
	} else {
		src->thread = t;
		while (!h->initialised)
			ddekit__waitq_wait(&src->waiters, irq_lock,
			                   DDEKIT_HOST_FOREVER);
	}
	ddekit_host_mutex_unlock(irq_lock);

	if (err < 0) {
		ddekit_host_irq_detach(src->host);
		src->handlers = NULL; /* the caller still owns h */
		ddekit__free(src);
		return err;
	}
	if (thread)
		*thread = t;
	return 0;
}

/* Ends the thread of @src, releases the source and frees it. Caller is in
 * ctl and is not @src's thread. */
static void source_stop(struct irq_source *src)
{
	ddekit__thread_self();
	ddekit_host_mutex_lock(irq_lock);
	src->stopping = true;
	/* Under the lock, so the thread cannot have detached the source
	 * yet: it only does so after seeing stopping. */
	ddekit_host_irq_cancel(src->host);
	/* At once: we sleep under the same lock right after. */
	ddekit__waitq_wake_all(&src->thread_q, NULL);
	while (!src->done || src->users)
		ddekit__waitq_wait(&src->waiters, irq_lock,
		                   DDEKIT_HOST_FOREVER);
	source_unlink(src);
	ddekit_host_mutex_unlock(irq_lock);
	source_free(src);
}

static struct irq_handler *handler_new(void (*thread_init)(void *),
                                       void (*handler)(void *), void *priv,
                                       bool shared)
{
	struct irq_handler *h = ddekit__zalloc(sizeof(*h));

	if (h) {
		h->handler = handler;
		h->thread_init = thread_init;
		h->priv = priv;
		h->shared = shared;
	}
	return h;
}

/* --- public interface ---------------------------------------------------- */

ddekit_thread_t *ddekit_interrupt_attach(int irq, int shared,
                                         void (*thread_init)(void *),
                                         void (*handler)(void *), void *priv)
{
	struct ddekit_thread *thread = NULL;
	struct irq_source *src;
	struct irq_handler *h, **pp;
	int err = 0;

	if (irq < 0 || irq >= DDEKIT_IRQ_DYNAMIC_BASE || !handler)
		return NULL;
	h = handler_new(thread_init, handler, priv, shared != 0);
	if (!h)
		return NULL;

	ctl_enter();
	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	if (src) {
		for (pp = &src->handlers; *pp && (*pp)->shared;
		     pp = &(*pp)->next)
			;
		if (!shared || *pp || src->stopping) {
			err = -DDEKIT_EBUSY;
		} else {
			*pp = h;
			thread = src->thread;
		}
	}
	ddekit_host_mutex_unlock(irq_lock);
	if (!src)
		err = source_start(irq, DDEKIT_HOST_IRQ_LINE, (unsigned)irq,
		                   NULL, h, &thread);
	ctl_leave();

	if (err < 0) {
		ddekit_printf("ddekit_interrupt_attach(%d): %s\n", irq,
		              err == -DDEKIT_EBUSY && src
		                  ? "line in use and not shared by both"
		                  : ddekit_strerror(err));
		ddekit__free(h);
		return NULL;
	}
	return thread;
}

int ddekit_interrupt_attach_pci(struct ddekit_pci_dev *dev,
                                enum ddekit_irq_kind kind, unsigned vector,
                                void (*thread_init)(void *),
                                void (*handler)(void *), void *priv, int *irq)
{
	enum ddekit_host_irq_kind hkind;
	struct irq_handler *h;
	int number, err;

	if (!dev || !handler || !irq)
		return -DDEKIT_EINVAL;
	switch (kind) {
	case DDEKIT_IRQ_INTX:
		hkind = DDEKIT_HOST_IRQ_PCI_INTX;
		break;
	case DDEKIT_IRQ_MSI:
		hkind = DDEKIT_HOST_IRQ_PCI_MSI;
		break;
	case DDEKIT_IRQ_MSIX:
		hkind = DDEKIT_HOST_IRQ_PCI_MSIX;
		break;
	default:
		return -DDEKIT_EINVAL;
	}
	h = handler_new(thread_init, handler, priv, false);
	if (!h)
		return -DDEKIT_ENOMEM;

	ctl_enter();
	ddekit_host_mutex_lock(irq_lock);
	number = DDEKIT_IRQ_DYNAMIC_BASE + (int)next_dynamic++;
	ddekit_host_mutex_unlock(irq_lock);
	err = source_start(number, hkind, vector, ddekit__pci_host_fn(dev), h,
	                   NULL);
	ctl_leave();

	if (err < 0) {
		ddekit__free(h);
		return err;
	}
	*irq = number;
	return 0;
}

/*
 * Whether the caller is the handler thread of @irq. Checked before taking
 * ctl, which a detacher waiting for this very thread may hold.
 */
static bool called_from_source(int irq)
{
	struct irq_source *src;
	bool own;

	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	own = src && in_source_thread(src);
	ddekit_host_mutex_unlock(irq_lock);
	if (own)
		ddekit_printf("ddekit_interrupt_detach(%d): called from the "
		              "line's own handler; refused\n",
		              irq);
	return own;
}

int ddekit_interrupt_detach(int irq)
{
	struct irq_source *src;

	if (called_from_source(irq))
		return -1;
	ctl_enter();
	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	ddekit_host_mutex_unlock(irq_lock);
	if (src)
		source_stop(src);
	ctl_leave();
	return src ? 0 : -1;
}

int ddekit_interrupt_detach_handler(int irq, void *priv)
{
	struct irq_source *src;
	struct irq_handler *h = NULL, **pp = NULL;
	bool last = false;

	if (called_from_source(irq))
		return -DDEKIT_EDEADLK;
	ctl_enter();
	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	if (src)
		for (pp = &src->handlers; (h = *pp); pp = &h->next)
			if (h->priv == priv)
				break;
	if (h && src->handlers == h && !h->next) {
		last = true;
	} else if (h) {
		while (src->busy)
			ddekit__waitq_wait(&src->waiters, irq_lock,
			                   DDEKIT_HOST_FOREVER);
		/* Still the right link: only ctl holders change the list,
		 * and only by appending. */
		*pp = h->next;
	}
	ddekit_host_mutex_unlock(irq_lock);
	if (last)
		source_stop(src);
	else if (h)
		ddekit__free(h);
	ctl_leave();
	return h ? 0 : -DDEKIT_ENOENT;
}

void ddekit_interrupt_disable(int irq)
{
	struct ddekit__wakeups wk = {0};
	struct irq_source *src;

	ddekit__thread_self();
	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	if (src) {
		src->disabled++;
		if (!in_source_thread(src)) {
			src->users++;
			while (src->busy)
				ddekit__waitq_wait(&src->waiters, irq_lock,
				                   DDEKIT_HOST_FOREVER);
			src->users--;
			/* A detach may be waiting for users to drop. */
			ddekit__waitq_wake_all(&src->waiters, &wk);
		}
	}
	ddekit_host_mutex_unlock(irq_lock);
	ddekit__wakeups_deliver(&wk);
}

void ddekit_interrupt_enable(int irq)
{
	struct ddekit__wakeups wk = {0};
	struct irq_source *src;

	ddekit_host_mutex_lock(irq_lock);
	src = source_find(irq);
	if (src && src->disabled > 0 && --src->disabled == 0)
		ddekit__waitq_wake_all(&src->thread_q, &wk);
	ddekit_host_mutex_unlock(irq_lock);
	ddekit__wakeups_deliver(&wk);
}

int ddekit_interrupt_current(void)
{
	/* No adoption: a thread lib/ddekit does not know runs no handler. */
	struct ddekit_thread *self = ddekit__thread_current();

	return self ? self->irq : -1;
}

/* --- life cycle ---------------------------------------------------------- */

int ddekit__interrupt_init(void)
{
	sources = NULL;
	next_dynamic = 0;
	ctl_busy = false;
	memset(&ctl_q, 0, sizeof(ctl_q));
	return ddekit_host_mutex_create(&irq_lock);
}

void ddekit__interrupt_fini(void)
{
	struct irq_source *src;

	if (!irq_lock)
		return;
	ctl_enter();
	for (;;) {
		ddekit_host_mutex_lock(irq_lock);
		src = sources;
		ddekit_host_mutex_unlock(irq_lock);
		if (!src)
			break;
		source_stop(src);
	}
	ctl_leave();
	ddekit_host_mutex_destroy(irq_lock);
	irq_lock = NULL;
}
