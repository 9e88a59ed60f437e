/*
 * conf_msi.c — message-signalled interrupts from the edu device (its one
 * MSI vector), through ddekit_interrupt_attach_pci().
 *
 * MSI is optional for a host, so this area runs only when the
 * configuration requires it (cfg->msi); then every test must pass. The
 * edu sends one message per write to its raise register while MSI is
 * enabled, and keeps the raised value in its status register until it is
 * acknowledged.
 */
#include "conf_edu.h"

#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/interrupt.h>
#include <ddekit/semaphore.h>

#define REPEATS       5
#define REPEATS_QUICK 3
#define PAGE          4096u

struct msi_probe {
	struct conf_edu *edu;
	ddekit_sem_t *fired;
	int irq;
	int attached;
	int count;
	int current;
	ddekit_uint32_t status;
};

static void msi_handler(void *arg)
{
	struct msi_probe *p = arg;
	ddekit_uint32_t raised = conf_edu_read(p->edu, EDU_IRQ_STATUS);

	if (raised)
		conf_edu_write(p->edu, EDU_IRQ_ACK, raised);
	__atomic_fetch_or(&p->status, raised, __ATOMIC_SEQ_CST);
	__atomic_store_n(&p->current, ddekit_interrupt_current(),
	                 __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&p->count, 1, __ATOMIC_SEQ_CST);
	ddekit_sem_up(p->fired);
}

/* Opens the edu and attaches msi_handler to MSI vector 0; 0 or -1. */
static int msi_open(struct conf_test_ctx *t, struct conf_edu *edu,
                    struct msi_probe *p)
{
	int r;

	p->edu = edu;
	p->current = -2;
	if (conf_edu_open(t, edu) < 0)
		return -1;
	/* An MSI is a memory write by the device: it needs bus mastering. */
	ddekit_pci_set_master(edu->dev);
	p->fired = ddekit_sem_init(0);
	if (!p->fired) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_sem_init(0) returned NULL");
		return -1;
	}
	r = ddekit_interrupt_attach_pci(edu->dev, DDEKIT_IRQ_MSI, 0, NULL,
	                                msi_handler, p, &p->irq);
	if (r < 0) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_interrupt_attach_pci(edu, MSI, vector 0) "
		          "returned %d (%s)",
		          r, ddekit_errname(r));
		return -1;
	}
	p->attached = 1;
	return 0;
}

static void msi_close(struct msi_probe *p, struct conf_edu *edu)
{
	if (p->attached)
		ddekit_interrupt_detach(p->irq);
	p->attached = 0;
	if (edu->regs && conf_edu_read(edu, EDU_IRQ_STATUS))
		conf_edu_write(edu, EDU_IRQ_ACK,
		               conf_edu_read(edu, EDU_IRQ_STATUS));
	if (p->fired)
		ddekit_sem_deinit(p->fired);
	p->fired = NULL;
	conf_edu_close(edu);
}

static int msi_count(struct msi_probe *p)
{
	return __atomic_load_n(&p->count, __ATOMIC_SEQ_CST);
}

static void msi_delivers_the_raised_value(struct conf_test_ctx *t)
{
	const ddekit_uint32_t value = 0x00a5a500;
	struct msi_probe p = {0};
	struct conf_edu edu = {0};
	ddekit_uint32_t seen;
	int current;

	CONF_TRY(msi_open(t, &edu, &p));
	CONF_CHECK(t, p.irq >= DDEKIT_IRQ_DYNAMIC_BASE,
	           "the MSI source got number %d, below the dynamic range",
	           p.irq);
	conf_edu_write(&edu, EDU_IRQ_RAISE, value);
	CONF_TRY(conf_wait(t, p.fired, 1, "edu MSI handled"));
	seen = __atomic_load_n(&p.status, __ATOMIC_SEQ_CST);
	current = __atomic_load_n(&p.current, __ATOMIC_SEQ_CST);
	CONF_CHECK(t, seen == value, "the handler saw 0x%08x, raised 0x%08x",
	           seen, value);
	CONF_CHECK(t, current == p.irq,
	           "ddekit_interrupt_current() in the handler is %d, want %d",
	           current, p.irq);
out:
	msi_close(&p, &edu);
}

static void every_msi_runs_the_handler_again(struct conf_test_ctx *t)
{
	unsigned n = conf_iters(t, REPEATS, REPEATS_QUICK), i;
	struct msi_probe p = {0};
	struct conf_edu edu = {0};
	int count;

	CONF_TRY(msi_open(t, &edu, &p));
	for (i = 0; i < n; i++) {
		conf_edu_write(&edu, EDU_IRQ_RAISE, 1u << i);
		CONF_TRY(conf_wait(t, p.fired, 1, "edu MSI handled"));
	}
	count = msi_count(&p);
	CONF_CHECK(t, count == (int)n, "%d handler runs for %u messages", count,
	           n);
out:
	msi_close(&p, &edu);
}

static void disable_holds_an_msi_back_until_enable(struct conf_test_ctx *t)
{
	struct msi_probe p = {0};
	struct conf_edu edu = {0};
	int disabled = 0, held;

	CONF_TRY(msi_open(t, &edu, &p));
	ddekit_interrupt_disable(p.irq);
	disabled = 1;
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x2);
	ddekit_thread_msleep(CONF_QUIET_MS);
	held = msi_count(&p);
	CONF_CHECK(t, held == 0,
	           "the handler ran %d times while the source was disabled",
	           held);
	ddekit_interrupt_enable(p.irq);
	disabled = 0;
	CONF_TRY(conf_wait(t, p.fired, 1, "held-back edu MSI handled"));
out:
	if (disabled)
		ddekit_interrupt_enable(p.irq);
	msi_close(&p, &edu);
}

static void dma_completion_arrives_by_msi(struct conf_test_ctx *t)
{
	const unsigned len = 777;
	struct msi_probe p = {0};
	struct conf_edu edu = {0};
	ddekit_dma_addr_t src_bus = 0, dst_bus = 0;
	unsigned char *src = NULL, *dst = NULL;
	unsigned i, pass;

	CONF_TRY(msi_open(t, &edu, &p));
	ddekit_pci_set_master(edu.dev);
	src = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &src_bus);
	dst = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &dst_bus);
	CONF_CHECK(t, src && dst, "ddekit_dma_alloc(one page) returned NULL");
	for (i = 0; i < len; i++)
		src[i] = (unsigned char)(i * 13 + 5);
	for (pass = 0; pass < 2; pass++) {
		ddekit_uint64_t from = pass ? EDU_BUFFER : src_bus;
		ddekit_uint64_t to = pass ? dst_bus : EDU_BUFFER;

		__atomic_store_n(&p.status, 0, __ATOMIC_SEQ_CST);
		conf_edu_write(&edu, EDU_DMA_SRC, (ddekit_uint32_t)from);
		conf_edu_write(&edu, EDU_DMA_DST, (ddekit_uint32_t)to);
		conf_edu_write(&edu, EDU_DMA_COUNT, len);
		conf_edu_write(&edu, EDU_DMA_CMD,
		               EDU_DMA_START | EDU_DMA_IRQ |
		                   (pass ? EDU_DMA_TO_RAM : 0));
		CONF_TRY(conf_wait(t, p.fired, 1, "DMA completion MSI"));
		CONF_CHECK(t,
		           __atomic_load_n(&p.status, __ATOMIC_SEQ_CST) &
		               EDU_DMA_IRQ_VALUE,
		           "the completion message came with status 0x%08x",
		           __atomic_load_n(&p.status, __ATOMIC_SEQ_CST));
	}
	for (i = 0; i < len; i++)
		CONF_CHECK(t, dst[i] == src[i],
		           "byte %u came back as 0x%02x, sent 0x%02x", i,
		           dst[i], src[i]);
	for (; i < PAGE; i++)
		CONF_CHECK(t, dst[i] == 0,
		           "the device wrote byte %u, beyond the %u sent", i,
		           len);
out:
	msi_close(&p, &edu);
	ddekit_dma_free(src);
	ddekit_dma_free(dst);
}

/* After MSI is given up the function signals on its INTx pin again. */
static void intx_works_again_after_msi_detach(struct conf_test_ctx *t)
{
	struct msi_probe p = {0};
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};

	CONF_TRY(msi_open(t, &edu, &p));
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x1);
	CONF_TRY(conf_wait(t, p.fired, 1, "edu MSI handled"));
	ddekit_interrupt_detach(p.irq);
	p.attached = 0;
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x4);
	CONF_TRY(conf_wait(t, irq.fired, 1, "edu INTx after MSI"));
	CONF_CHECK(t, msi_count(&p) == 1,
	           "the detached MSI handler ran %d times", msi_count(&p));
out:
	conf_edu_irq_detach(&irq);
	msi_close(&p, &edu);
}

static const struct conf_test tests[] = {
    {"msi_delivers_the_raised_value", msi_delivers_the_raised_value},
    {"every_msi_runs_the_handler_again", every_msi_runs_the_handler_again},
    {"disable_holds_an_msi_back_until_enable",
     disable_holds_an_msi_back_until_enable},
    {"dma_completion_arrives_by_msi", dma_completion_arrives_by_msi},
    {"intx_works_again_after_msi_detach", intx_works_again_after_msi_detach},
};

CONF_AREA(conf_area_msi, "msi", tests);
