/*
 * host_irq.c — interrupt sources for lib/ddekit's handler threads.
 *
 * The low-level handler (idt.c) masks an ISA line (intc.c) and calls
 * bm_irq_line_fired(), which counts the interrupt and wakes the source's
 * waiter; the woken thread has interrupt priority, so the scheduler
 * switches to it at the end of the handler. The line stays masked until
 * lib/ddekit's thread ran the drivers' handlers and calls irq_unmask: PCI
 * INTx is level triggered and would fire again at once.
 *
 * MSI (edge, never masked here): the function's MSI capability is pointed
 * at the local APIC with one of 16 vectors (PCI spec 3.0, 6.8.1; SDM vol.
 * 3A, 10.11.1-2). One vector per function; MSI-X is not supported.
 */
#include <ddekit/host.h>

#include "baremetal.h"
#include "bm.h"
#include "host.h"

#define CAP_MSI      0x05
#define MSI_CTRL     2
#define MSI_ADDR     4
#define MSI_CTRL_EN  0x0001
#define MSI_CTRL_MME 0x0070
#define MSI_CTRL_64  0x0080
#define MSI_ADDRESS  0xfee00000u
#define TIMER_LINE   0
#define CASCADE_LINE 2

struct ddekit_host_irq {
	enum ddekit_host_irq_kind kind;
	unsigned line; /* ISA line, or the MSI slot */
	const struct ddekit_host_pci_fn *fn;
	unsigned cap;   /* MSI capability offset */
	unsigned count; /* interrupts since the last wait */
	int canceled;
	struct bm_waitq waiter;
};

static struct ddekit_host_irq *lines[16];
static struct ddekit_host_irq *msis[BM_NR_MSI];
static unsigned long line_total[16];

static void fired(struct ddekit_host_irq *irq)
{
	struct bm_thread *t;

	irq->count++;
	t = bm_waitq_pop(&irq->waiter);
	if (t)
		bm_wake(t);
}

void bm_irq_line_fired(unsigned line)
{
	line_total[line]++;
	/* Unclaimed lines stay masked: nobody could silence the device. */
	if (lines[line])
		fired(lines[line]);
}

unsigned long baremetal_irq_line_count(unsigned line)
{
	return line < 16 ? __atomic_load_n(&line_total[line], __ATOMIC_RELAXED)
	                 : 0;
}

void bm_irq_msi_fired(unsigned slot)
{
	if (msis[slot])
		fired(msis[slot]);
}

static int msi_setup(struct ddekit_host_irq *irq, unsigned number,
                     const struct ddekit_host_pci_fn *fn)
{
	uint32_t ctrl, data_off;
	unsigned slot;

	if (!bm_lapic_present()) {
		bm_printf("bare metal: MSI needs a local APIC; none found\n");
		return -DDEKIT_ENOSYS;
	}
	irq->cap = bm_host_pci_find_cap(fn, CAP_MSI);
	if (!irq->cap || number != 0)
		return -DDEKIT_ENODEV;
	for (slot = 0; slot < BM_NR_MSI; slot++)
		if (msis[slot] && msis[slot]->fn == fn)
			return -DDEKIT_EBUSY;
	for (slot = 0; slot < BM_NR_MSI && msis[slot]; slot++)
		;
	if (slot == BM_NR_MSI)
		return -DDEKIT_EBUSY;
	irq->line = slot;
	ddekit_host_pci_cfg_read(fn, irq->cap + MSI_CTRL, 2, &ctrl);
	data_off = ctrl & MSI_CTRL_64 ? 12 : 8;
	ddekit_host_pci_cfg_write(fn, irq->cap + MSI_ADDR, 4,
	                          MSI_ADDRESS | bm_lapic_id() << 12);
	if (ctrl & MSI_CTRL_64)
		ddekit_host_pci_cfg_write(fn, irq->cap + MSI_ADDR + 4, 4, 0);
	/* Fixed delivery, edge: the data is just the vector. */
	ddekit_host_pci_cfg_write(fn, irq->cap + data_off, 2,
	                          BM_VEC_MSI + slot);
	msis[slot] = irq;
	ddekit_host_pci_cfg_write(fn, irq->cap + MSI_CTRL, 2,
	                          (ctrl & ~MSI_CTRL_MME) | MSI_CTRL_EN);
	return 0;
}

int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out)
{
	struct ddekit_host_irq *irq;
	uint64_t flags;
	int r = 0;

	if (kind == DDEKIT_HOST_IRQ_PCI_MSIX) {
		bm_printf("bare metal: MSI-X is not supported\n");
		return -DDEKIT_ENOSYS;
	}
	if (kind != DDEKIT_HOST_IRQ_LINE && !fn)
		return -DDEKIT_ENODEV;
	if (kind == DDEKIT_HOST_IRQ_PCI_INTX) {
		if (!fn->irq_pin || fn->irq_line >= 16)
			return -DDEKIT_ENODEV;
		number = fn->irq_line;
	}
	if (kind != DDEKIT_HOST_IRQ_PCI_MSI) {
		if (number >= 16 || number == CASCADE_LINE)
			return -DDEKIT_ENODEV;
		if (number == TIMER_LINE)
			return -DDEKIT_EBUSY; /* the scheduler's tick */
	}
	irq = bm_heap_alloc(sizeof(*irq), 0);
	if (!irq)
		return -DDEKIT_ENOMEM;
	irq->kind = kind;
	irq->fn = fn;
	flags = bm_irq_save();
	if (kind == DDEKIT_HOST_IRQ_PCI_MSI) {
		r = msi_setup(irq, number, fn);
	} else if (lines[number]) {
		r = -DDEKIT_EBUSY;
	} else {
		irq->line = number;
		lines[number] = irq;
		bm_line_unmask(number);
	}
	if (r == 0)
		bm_live.irqs++;
	bm_irq_restore(flags);
	if (r < 0) {
		bm_heap_free(irq, sizeof(*irq));
		return r;
	}
	*out = irq;
	return 0;
}

int ddekit_host_irq_wait(struct ddekit_host_irq *irq)
{
	uint64_t flags = bm_irq_save();
	int r;

	for (;;) {
		if (irq->canceled) {
			r = -DDEKIT_ECANCELED;
			break;
		}
		if (irq->count) {
			r = (int)irq->count;
			irq->count = 0;
			break;
		}
		bm_block(&irq->waiter, BM_FOREVER);
	}
	bm_irq_restore(flags);
	return r;
}

int ddekit_host_irq_unmask(struct ddekit_host_irq *irq)
{
	if (irq->kind != DDEKIT_HOST_IRQ_PCI_MSI)
		bm_line_unmask(irq->line);
	return 0;
}

void ddekit_host_irq_cancel(struct ddekit_host_irq *irq)
{
	uint64_t flags = bm_irq_save();
	struct bm_thread *t;

	irq->canceled = 1;
	t = bm_waitq_pop(&irq->waiter);
	if (t)
		bm_wake(t);
	bm_irq_restore(flags);
	bm_preempt_check();
}

void ddekit_host_irq_detach(struct ddekit_host_irq *irq)
{
	uint64_t flags;
	uint32_t ctrl;

	if (!irq)
		return;
	flags = bm_irq_save();
	if (irq->kind == DDEKIT_HOST_IRQ_PCI_MSI) {
		ddekit_host_pci_cfg_read(irq->fn, irq->cap + MSI_CTRL, 2,
		                         &ctrl);
		ddekit_host_pci_cfg_write(irq->fn, irq->cap + MSI_CTRL, 2,
		                          ctrl & ~MSI_CTRL_EN);
		msis[irq->line] = NULL;
	} else {
		bm_line_mask(irq->line);
		lines[irq->line] = NULL;
	}
	bm_live.irqs--;
	bm_irq_restore(flags);
	bm_heap_free(irq, sizeof(*irq));
}
