/*
 * irq.c — interrupt sources as L4 IRQ objects bound to the vbus's ICU.
 *
 * attach creates an IRQ object from the kernel factory and binds it to the
 * ICU line; the waiting thread binds it to itself on its first wait (the
 * attaching thread is another one) and then receives from it. The kernel
 * masks the line when it delivers an interrupt; unmask sends the IRQ
 * object its end-of-interrupt. Cancelling triggers the object from
 * software, so the receive returns and the waiter sees the flag.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "l4re_backend.h"

struct ddekit_host_irq {
	struct ddekit_host_irq *next;
	l4_cap_idx_t cap;
	unsigned line;
	l4_cap_idx_t thread; /* bound receiver, or invalid */
	atomic_int canceled;
};

static pthread_mutex_t irq_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ddekit_host_irq *sources;
static long live;

long l4re_irq_live(void)
{
	long n;

	pthread_mutex_lock(&irq_lock);
	n = live;
	pthread_mutex_unlock(&irq_lock);
	return n;
}

static int line_of(enum ddekit_host_irq_kind kind, unsigned number,
                   const struct ddekit_host_pci_fn *fn, unsigned *line)
{
	int irq;

	switch (kind) {
	case DDEKIT_HOST_IRQ_LINE:
		*line = number;
		return 0;
	case DDEKIT_HOST_IRQ_PCI_INTX:
		if (!fn || !fn->host)
			return -DDEKIT_EINVAL;
		if (!fn->irq_pin)
			return -DDEKIT_ENODEV;
		irq = l4re_pci_irq(fn->host);
		if (irq < 0) {
			l4re_log("l4re: io routes no interrupt for PCI "
			         "%02x:%02x.%x (%d)\n",
			         fn->bus, fn->dev, fn->fn, irq);
			return -DDEKIT_ENODEV;
		}
		*line = (unsigned)irq;
		return 0;
	case DDEKIT_HOST_IRQ_PCI_MSI:
	case DDEKIT_HOST_IRQ_PCI_MSIX:
		return -DDEKIT_ENOSYS;
	}
	return -DDEKIT_EINVAL;
}

int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out)
{
	struct ddekit_host_irq *irq, *s;
	unsigned line;
	long err;
	int rc;

	rc = line_of(kind, number, fn, &line);
	if (rc < 0)
		return rc;
	if (l4_is_invalid_cap(l4re_host.icu)) {
		l4re_log("l4re: interrupt %u requested, but the vbus has no "
		         "ICU: add the ICU device to the vbus in the .io "
		         "file\n",
		         line);
		return -DDEKIT_ENODEV;
	}
	irq = calloc(1, sizeof(*irq));
	if (!irq)
		return -DDEKIT_ENOMEM;
	irq->line = line;
	irq->thread = L4_INVALID_CAP;
	atomic_init(&irq->canceled, 0);

	pthread_mutex_lock(&irq_lock);
	for (s = sources; s; s = s->next)
		if (s->line == line)
			break;
	pthread_mutex_unlock(&irq_lock);
	if (s) {
		rc = -DDEKIT_EBUSY;
		goto out_free;
	}
	irq->cap = l4re_util_cap_alloc();
	if (l4_is_invalid_cap(irq->cap)) {
		rc = -DDEKIT_ENOMEM;
		goto out_free;
	}
	err = l4_error(l4_factory_create_irq(l4re_env()->factory, irq->cap));
	if (err < 0) {
		rc = l4re_err(err);
		goto out_cap;
	}
	err = l4_error(l4_icu_bind(l4re_host.icu, line, irq->cap));
	if (err < 0) {
		l4re_log("l4re: binding interrupt %u at the ICU failed (%ld): "
		         "is it on this vbus?\n",
		         line, err);
		rc = err == -L4_EPERM || err == -L4_EACCESS   ? -DDEKIT_EACCES
		     : err == -L4_EINVAL || err == -L4_ENOENT ? -DDEKIT_ENODEV
		                                              : l4re_err(err);
		goto out_cap;
	}
	pthread_mutex_lock(&irq_lock);
	irq->next = sources;
	sources = irq;
	live++;
	pthread_mutex_unlock(&irq_lock);
	*out = irq;
	return 0;

out_cap:
	/* Unmapping the last capability deletes the IRQ object. */
	l4re_util_cap_free_um(irq->cap);
out_free:
	free(irq);
	return rc;
}

int ddekit_host_irq_wait(struct ddekit_host_irq *irq)
{
	l4_cap_idx_t self = pthread_l4_cap(pthread_self());
	l4_msgtag_t tag;

	if (irq->thread != self) {
		int first = l4_is_invalid_cap(irq->thread);

		if (!first)
			l4_irq_detach(irq->cap);
		if (l4_error(l4_rcv_ep_bind_thread(irq->cap, self, 0)) < 0)
			return -DDEKIT_EIO;
		irq->thread = self;
		/* The source starts unmasked (host.h). */
		if (first)
			l4_irq_unmask(irq->cap);
	}
	tag = l4_ipc_receive(irq->cap, l4_utcb(), L4_IPC_NEVER);
	/* A cancel's trigger is consumed by this receive. */
	if (atomic_exchange(&irq->canceled, 0))
		return -DDEKIT_ECANCELED;
	if (l4_ipc_error(tag, l4_utcb()))
		return -DDEKIT_EIO;
	return 1;
}

int ddekit_host_irq_unmask(struct ddekit_host_irq *irq)
{
	if (l4_ipc_error(l4_irq_unmask(irq->cap), l4_utcb()))
		return -DDEKIT_EIO;
	return 0;
}

void ddekit_host_irq_cancel(struct ddekit_host_irq *irq)
{
	atomic_store(&irq->canceled, 1);
	l4_irq_trigger(irq->cap);
}

void ddekit_host_irq_detach(struct ddekit_host_irq *irq)
{
	struct ddekit_host_irq **pp;

	if (!irq)
		return;
	pthread_mutex_lock(&irq_lock);
	for (pp = &sources; *pp; pp = &(*pp)->next) {
		if (*pp == irq) {
			*pp = irq->next;
			live--;
			break;
		}
	}
	pthread_mutex_unlock(&irq_lock);
	l4_icu_unbind(l4re_host.icu, irq->line, irq->cap);
	if (!l4_is_invalid_cap(irq->thread))
		l4_irq_detach(irq->cap);
	l4re_util_cap_free_um(irq->cap);
	free(irq);
}
