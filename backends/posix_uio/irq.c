/*
 * irq.c — interrupts on posix_uio at this stage: none.
 *
 * Interrupts reach user space through UIO (uio_pci_generic) or VFIO
 * eventfds, which are not built yet. Attaching fails with -DDEKIT_ENOSYS and
 * a message; the other calls cannot receive a handle and do nothing.
 */
#include "posix_uio.h"

static atomic_bool irq_told;

int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out)
{
	(void)kind;
	(void)number;
	(void)fn;
	(void)out;
	posix_uio_log_once(&irq_told,
	                   "posix_uio: interrupts need the UIO/VFIO support of "
	                   "backends/posix_uio (not built yet); drivers must "
	                   "poll until it is\n");
	return -DDEKIT_ENOSYS;
}

int ddekit_host_irq_wait(struct ddekit_host_irq *irq)
{
	(void)irq;
	return -DDEKIT_ECANCELED; /* no source exists that could fire */
}

int ddekit_host_irq_unmask(struct ddekit_host_irq *irq)
{
	(void)irq;
	return 0;
}

void ddekit_host_irq_cancel(struct ddekit_host_irq *irq)
{
	(void)irq;
}

void ddekit_host_irq_detach(struct ddekit_host_irq *irq)
{
	(void)irq;
}
