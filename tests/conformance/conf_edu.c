/*
 * conf_edu.c — finding, mapping and taking interrupts from the edu device.
 *
 * Everything goes through the public ABI, so the same code drives the mock's
 * edu model, QEMU's edu seen through UIO/VFIO, and QEMU's edu on bare metal.
 */
#include "conf_edu.h"

#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/interrupt.h>
#include <ddekit/resources.h>
#include <ddekit/semaphore.h>

int conf_edu_find(struct conf_test_ctx *t, struct conf_edu *edu)
{
	const struct ddekit_conf_config *cfg = t->cfg;
	ddekit_pci_res_t *bar;
	unsigned long line;

	memset(edu, 0, sizeof(*edu));
	edu->irq = -1;
	if (!cfg->edu_vendor && !cfg->edu_device) {
		conf_fail(t, __FILE__, __LINE__,
		          "no edu device configured (edu_vendor and edu_device "
		          "are 0)");
		return -1;
	}
	edu->dev = ddekit_pci_find_device_by_id(cfg->edu_vendor,
	                                        cfg->edu_device, NULL);
	if (!edu->dev) {
		conf_fail(t, __FILE__, __LINE__,
		          "missing device: PCI %04x:%04x (QEMU edu) is not "
		          "visible to this driver server (QEMU: -device edu; "
		          "Linux: bind it to uio_pci_generic or vfio-pci)",
		          cfg->edu_vendor, cfg->edu_device);
		return -1;
	}
	ddekit_pci_get_location(edu->dev, &edu->bus, &edu->slot, &edu->func);
	bar = ddekit_pci_get_resource(edu->dev, 0);
	if (!bar || !(bar->flags & DDEKIT_PCI_RES_MEM) || !bar->start ||
	    bar->end < bar->start) {
		conf_fail(
		    t, __FILE__, __LINE__,
		    "edu at %02x:%02x.%x has no memory BAR0 (flags 0x%lx)",
		    edu->bus, edu->slot, edu->func, bar ? bar->flags : 0);
		return -1;
	}
	edu->bar_start = bar->start;
	edu->bar_len = bar->end - bar->start + 1;
	line = ddekit_pci_get_irq(edu->dev);
	edu->irq = line == 0xff ? -1 : (int)line;
	return 0;
}

int conf_edu_open(struct conf_test_ctx *t, struct conf_edu *edu)
{
	ddekit_addr_t va = 0;
	int r;

	if (conf_edu_find(t, edu) < 0)
		return -1;
	r = ddekit_pci_enable_device(edu->dev);
	if (r < 0) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_pci_enable_device(edu) returned %d (%s)", r,
		          ddekit_errname(r));
		return -1;
	}
	r = ddekit_request_mem(edu->bar_start, edu->bar_len, &va);
	if (r < 0 || !va) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_request_mem(edu BAR0 0x%lx, 0x%lx) returned "
		          "%d (%s)",
		          edu->bar_start, edu->bar_len, r, ddekit_errname(r));
		return -1;
	}
	edu->regs = (char *)va;
	return 0;
}

void conf_edu_close(struct conf_edu *edu)
{
	if (edu->regs)
		ddekit_release_mem(edu->bar_start, edu->bar_len);
	edu->regs = NULL;
}

ddekit_uint32_t conf_edu_read(const struct conf_edu *edu, unsigned off)
{
	return ddekit_mmio_read32(edu->regs + off);
}

void conf_edu_write(const struct conf_edu *edu, unsigned off,
                    ddekit_uint32_t val)
{
	ddekit_mmio_write32(edu->regs + off, val);
}

/* ---- interrupts ------------------------------------------------------------
 */

static void edu_irq_init(void *arg)
{
	struct conf_edu_irq *irq = arg;

	__atomic_store_n(&irq->init_thread, ddekit_thread_myself(),
	                 __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&irq->inits, 1, __ATOMIC_SEQ_CST);
}

static void edu_irq_handler(void *arg)
{
	struct conf_edu_irq *irq = arg;
	ddekit_uint32_t raised = conf_edu_read(irq->edu, EDU_IRQ_STATUS);

	if (!raised) {
		__atomic_add_fetch(&irq->empty, 1, __ATOMIC_SEQ_CST);
		return;
	}
	/* Level-triggered: the line stays asserted until acknowledged. */
	conf_edu_write(irq->edu, EDU_IRQ_ACK, raised);
	__atomic_fetch_or(&irq->status, raised, __ATOMIC_SEQ_CST);
	__atomic_store_n(&irq->thread, ddekit_thread_myself(),
	                 __ATOMIC_SEQ_CST);
	__atomic_store_n(&irq->current, ddekit_interrupt_current(),
	                 __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&irq->count, 1, __ATOMIC_SEQ_CST);
	ddekit_sem_up(irq->fired);
}

int conf_edu_irq_attach(struct conf_test_ctx *t, struct conf_edu_irq *irq,
                        struct conf_edu *edu)
{
	memset(irq, 0, sizeof(*irq));
	irq->edu = edu;
	irq->current = -2;
	if (edu->irq < 0) {
		conf_fail(t, __FILE__, __LINE__,
		          "edu has no legacy interrupt line "
		          "(ddekit_pci_get_irq() is 0xff)");
		return -1;
	}
	irq->fired = ddekit_sem_init(0);
	if (!irq->fired) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_sem_init(0) returned NULL");
		return -1;
	}
	irq->attached = ddekit_interrupt_attach(edu->irq, 0, edu_irq_init,
	                                        edu_irq_handler, irq);
	if (!irq->attached) {
		conf_fail(
		    t, __FILE__, __LINE__,
		    "ddekit_interrupt_attach(%d) of the edu's line returned "
		    "NULL",
		    edu->irq);
		return -1;
	}
	irq->is_attached = 1;
	return 0;
}

void conf_edu_irq_detach(struct conf_edu_irq *irq)
{
	ddekit_uint32_t raised;

	if (irq->is_attached)
		ddekit_interrupt_detach(irq->edu->irq);
	irq->is_attached = 0;
	/* Leave the device quiet for the next test. */
	if (irq->edu && irq->edu->regs) {
		raised = conf_edu_read(irq->edu, EDU_IRQ_STATUS);
		if (raised)
			conf_edu_write(irq->edu, EDU_IRQ_ACK, raised);
	}
	if (irq->fired)
		ddekit_sem_deinit(irq->fired);
	irq->fired = NULL;
}

int conf_edu_irq_count(struct conf_edu_irq *irq)
{
	return __atomic_load_n(&irq->count, __ATOMIC_SEQ_CST);
}
