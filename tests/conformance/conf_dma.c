/*
 * conf_dma.c — device DMA end to end: the edu copies a pattern from DMA
 * memory into its own buffer and back into other DMA memory, and the bytes
 * must arrive unchanged (and nowhere else). This checks bus addresses, bus
 * mastering, coherence and, with the completion interrupt, delivery.
 */
#include "conf_edu.h"

#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/pci.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#define PAGE 4096ul

static void fill_pattern(unsigned char *p, unsigned len, unsigned seed)
{
	unsigned i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)((i * 7 + seed) ^ (i >> 8));
}

/* Index of the first byte that differs, or @len. */
static unsigned first_difference(const unsigned char *a, const unsigned char *b,
                                 unsigned len)
{
	unsigned i;

	for (i = 0; i < len && a[i] == b[i]; i++)
		;
	return i;
}

static int wait_idle(struct conf_test_ctx *t, const struct conf_edu *edu)
{
	uint64_t deadline = conf_now_ns() + CONF_TIMEOUT_MS * 1000000ull;

	while (conf_edu_read(edu, EDU_DMA_CMD) & EDU_DMA_START) {
		if (conf_now_ns() >= deadline) {
			conf_fail(t, __FILE__, __LINE__,
			          "DMA still running after %u ms (command "
			          "register 0x%08x)",
			          CONF_TIMEOUT_MS,
			          conf_edu_read(edu, EDU_DMA_CMD));
			return -1;
		}
		ddekit_thread_msleep(1);
	}
	return 0;
}

/*
 * One transfer of @count bytes from @src to @dst (bus addresses, or offsets
 * into the edu's buffer). With @irq, asks for the completion interrupt and
 * waits for the handler to see it; always waits until the engine is idle.
 */
static int transfer(struct conf_test_ctx *t, const struct conf_edu *edu,
                    struct conf_edu_irq *irq, ddekit_uint64_t src,
                    ddekit_uint64_t dst, unsigned count, unsigned to_ram)
{
	ddekit_uint32_t cmd = EDU_DMA_START | (to_ram ? EDU_DMA_TO_RAM : 0);
	ddekit_uint32_t seen;

	if (irq) {
		cmd |= EDU_DMA_IRQ;
		__atomic_store_n(&irq->status, 0, __ATOMIC_SEQ_CST);
	}
	/* All addresses fit the edu's 28 bits, so 32-bit writes suffice. */
	conf_edu_write(edu, EDU_DMA_SRC, (ddekit_uint32_t)src);
	conf_edu_write(edu, EDU_DMA_DST, (ddekit_uint32_t)dst);
	conf_edu_write(edu, EDU_DMA_COUNT, count);
	conf_edu_write(edu, EDU_DMA_CMD, cmd);
	if (irq) {
		if (conf_wait(t, irq->fired, 1, "DMA completion interrupt") < 0)
			return -1;
		seen = __atomic_load_n(&irq->status, __ATOMIC_SEQ_CST);
		if (!(seen & EDU_DMA_IRQ_VALUE)) {
			conf_fail(
			    t, __FILE__, __LINE__,
			    "the completion interrupt raised 0x%08x, want "
			    "bit 0x%x",
			    seen, EDU_DMA_IRQ_VALUE);
			return -1;
		}
	}
	return wait_idle(t, edu);
}

/* Two buffers of DMA memory the edu can reach. */
struct dma_pair {
	unsigned char *src;
	unsigned char *dst;
	ddekit_dma_addr_t src_bus;
	ddekit_dma_addr_t dst_bus;
};

static int alloc_pair(struct conf_test_ctx *t, struct dma_pair *pair)
{
	pair->src = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &pair->src_bus);
	pair->dst = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &pair->dst_bus);
	if (!pair->src || !pair->dst) {
		conf_fail(
		    t, __FILE__, __LINE__,
		    "ddekit_dma_alloc(one page, bus_high 0x%llx) returned "
		    "NULL",
		    (unsigned long long)EDU_DMA_MASK);
		return -1;
	}
	if (pair->src_bus + PAGE - 1 > EDU_DMA_MASK ||
	    pair->dst_bus + PAGE - 1 > EDU_DMA_MASK) {
		conf_fail(
		    t, __FILE__, __LINE__,
		    "DMA memory at bus 0x%llx / 0x%llx is beyond the edu's "
		    "28-bit reach",
		    (unsigned long long)pair->src_bus,
		    (unsigned long long)pair->dst_bus);
		return -1;
	}
	return 0;
}

static void free_pair(struct dma_pair *pair)
{
	ddekit_dma_free(pair->src);
	ddekit_dma_free(pair->dst);
}

/* Checks that @len bytes arrived and the rest of the page stayed zero. */
static int check_copy(struct conf_test_ctx *t, const struct dma_pair *pair,
                      unsigned len)
{
	static const unsigned char zero[64];
	unsigned diff = first_difference(pair->src, pair->dst, len);
	unsigned off;

	if (diff < len) {
		conf_fail(t, __FILE__, __LINE__,
		          "byte %u of %u came back as 0x%02x, sent 0x%02x",
		          diff, len, pair->dst[diff], pair->src[diff]);
		return -1;
	}
	for (off = len; off < PAGE; off += sizeof(zero)) {
		unsigned n =
		    PAGE - off < sizeof(zero) ? PAGE - off : sizeof(zero);
		unsigned at = first_difference(pair->dst + off, zero, n);

		if (at < n) {
			conf_fail(t, __FILE__, __LINE__,
			          "the device wrote byte %u, beyond the %u "
			          "transferred",
			          off + at, len);
			return -1;
		}
	}
	return 0;
}

static void
edu_copies_to_device_and_back_with_interrupts(struct conf_test_ctx *t)
{
	const unsigned len = 1000;
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	struct dma_pair pair = {0};

	CONF_TRY(conf_edu_open(t, &edu));
	ddekit_pci_set_master(edu.dev);
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	CONF_TRY(alloc_pair(t, &pair));
	fill_pattern(pair.src, len, 3);

	CONF_TRY(transfer(t, &edu, &irq, pair.src_bus, EDU_BUFFER, len, 0));
	CONF_TRY(transfer(t, &edu, &irq, EDU_BUFFER, pair.dst_bus, len, 1));
	CONF_TRY(check_copy(t, &pair, len));
	conf_note(t, "RAM 0x%llx -> edu buffer -> RAM 0x%llx, %u bytes",
	          (unsigned long long)pair.src_bus,
	          (unsigned long long)pair.dst_bus, len);
out:
	conf_edu_irq_detach(&irq);
	free_pair(&pair);
	conf_edu_close(&edu);
}

static void edu_copies_to_device_and_back_by_polling(struct conf_test_ctx *t)
{
	const unsigned len = EDU_BUFFER_SIZE / 2, at = EDU_BUFFER_SIZE / 4;
	struct conf_edu edu = {0};
	struct dma_pair pair = {0};

	CONF_TRY(conf_edu_open(t, &edu));
	ddekit_pci_set_master(edu.dev);
	CONF_TRY(alloc_pair(t, &pair));
	fill_pattern(pair.src, len, 101);

	CONF_TRY(
	    transfer(t, &edu, NULL, pair.src_bus, EDU_BUFFER + at, len, 0));
	CONF_TRY(
	    transfer(t, &edu, NULL, EDU_BUFFER + at, pair.dst_bus, len, 1));
	CONF_TRY(check_copy(t, &pair, len));
out:
	free_pair(&pair);
	conf_edu_close(&edu);
}

static const struct conf_test tests[] = {
    {"edu_copies_to_device_and_back_with_interrupts",
     edu_copies_to_device_and_back_with_interrupts},
    {"edu_copies_to_device_and_back_by_polling",
     edu_copies_to_device_and_back_by_polling},
};

CONF_AREA(conf_area_dma, "dma", tests);
