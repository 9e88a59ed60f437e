/*
 * model_edu.c — the "edu" educational PCI device of QEMU, from its published
 * register description (hw/misc/edu.c's documentation, docs/specs/edu.rst).
 *
 * BAR0 (1 MiB, memory):
 *   0x00 RO   identification 0x010000ed (version 1.0)
 *   0x04 RW   liveness check: reads return the bitwise NOT of what was written
 *   0x08 RW   factorial: a write starts computing the factorial of the value,
 *             which then replaces it; status bit 0x01 is set while computing
 *   0x20 RW   status: 0x01 computing (read-only), 0x80 raise interrupt 0x01
 *             when a factorial is done
 *   0x24 RO   interrupt status
 *   0x60 WO   raise: ORs the value into interrupt status, asserts the line
 *   0x64 WO   acknowledge: clears bits; the line drops when none is left
 *   0x80 RW   DMA source, 0x88 destination, 0x90 count
 *   0x98 RW   DMA command: 0x01 start, 0x02 direction (0 RAM -> device
 *             buffer, 1 device buffer -> RAM), 0x04 raise 0x100 when done
 *   0x40000   the 4 KiB device buffer DMA moves data to and from
 * Registers below 0x80 take 4-byte accesses only, the DMA registers 4 or 8
 * bytes; other accesses read all-ones and are ignored, as on QEMU. Bus
 * addresses are masked to 28 bits (QEMU's default DMA mask for edu).
 *
 * In the mock a factorial and a DMA transfer complete within the register
 * write that starts them, so the busy bits are never seen set; drivers that
 * poll them still work.
 */
#include "mock_internal.h"

#include <stdlib.h>
#include <string.h>

#define EDU_ID          0x010000edu
#define EDU_STATUS_BUSY 0x01u
#define EDU_STATUS_IRQ  0x80u
#define EDU_IRQ_FACT    0x001u
#define EDU_IRQ_DMA     0x100u
#define EDU_DMA_START   0x01u
#define EDU_DMA_TO_RAM  0x02u
#define EDU_DMA_IRQ     0x04u
#define EDU_BUF_OFF     0x40000u
#define EDU_BUF_SIZE    4096u
#define EDU_DMA_MASK    ((UINT64_C(1) << 28) - 1)

struct edu {
	uint32_t liveness;
	uint32_t fact;
	uint32_t status;
	uint32_t irq_status;
	uint64_t dma_src, dma_dst, dma_cnt, dma_cmd;
	uint8_t buf[EDU_BUF_SIZE];
};

static int edu_create(struct mock_device *dev, const void *fdt, int node)
{
	struct edu *e = calloc(1, sizeof(*e));

	(void)fdt;
	(void)node;
	if (!e)
		return -DDEKIT_ENOMEM;
	mock_device_set_priv(dev, e);
	return 0;
}

static void edu_destroy(struct mock_device *dev)
{
	free(mock_device_priv(dev));
}

static void update_irq(struct mock_device *dev, struct edu *e)
{
	mock_device_set_irq(dev, e->irq_status != 0);
}

static void raise_irq(struct mock_device *dev, struct edu *e, uint32_t bits)
{
	e->irq_status |= bits;
	update_irq(dev, e);
}

static void compute_factorial(struct mock_device *dev, struct edu *e)
{
	uint32_t n = e->fact, r = 1;

	e->status |= EDU_STATUS_BUSY;
	for (uint32_t i = 2; i <= n; i++)
		r *= i;
	e->fact = r;
	e->status &= ~EDU_STATUS_BUSY;
	if (e->status & EDU_STATUS_IRQ)
		raise_irq(dev, e, EDU_IRQ_FACT);
}

/*
 * Whether QEMU's edu accepts a transfer of @cnt bytes at buffer address
 * @addr. QEMU 7.2 (the one the guest tests run on) refuses, and stops the
 * emulator, when the transfer ends exactly at the buffer's end
 * (tests/qemu observed it: 0x40000 + 4096), so the model refuses that too:
 * code tested here must not crash QEMU there.
 */
static bool in_buffer(uint64_t addr, uint64_t cnt)
{
	return addr >= EDU_BUF_OFF && cnt < EDU_BUF_SIZE &&
	       addr - EDU_BUF_OFF < EDU_BUF_SIZE - cnt;
}

static void run_dma(struct mock_device *dev, struct edu *e)
{
	bool to_ram = e->dma_cmd & EDU_DMA_TO_RAM;
	uint64_t local = to_ram ? e->dma_src : e->dma_dst;
	uint64_t bus = (to_ram ? e->dma_dst : e->dma_src) & EDU_DMA_MASK;

	if (!in_buffer(local, e->dma_cnt)) {
		mock__log("mock: %s: DMA of %llu bytes at buffer address "
		          "0x%llx is outside the device buffer\n",
		          mock_device_name(dev), (unsigned long long)e->dma_cnt,
		          (unsigned long long)local);
	} else if (to_ram) {
		mock_device_dma_write(dev, bus, e->buf + (local - EDU_BUF_OFF),
		                      (size_t)e->dma_cnt);
	} else {
		mock_device_dma_read(dev, bus, e->buf + (local - EDU_BUF_OFF),
		                     (size_t)e->dma_cnt);
	}
	/* a failed transfer still completes: the fault is in the trace */
	e->dma_cmd &= ~(uint64_t)EDU_DMA_START;
	if (e->dma_cmd & EDU_DMA_IRQ)
		raise_irq(dev, e, EDU_IRQ_DMA);
}

static uint64_t buf_read(struct edu *e, uint64_t off, unsigned width)
{
	uint64_t v = 0;

	if (off + width > EDU_BUF_SIZE)
		return mock__ones(width);
	for (unsigned i = 0; i < width; i++)
		v |= (uint64_t)e->buf[off + i] << (8 * i);
	return v;
}

static void buf_write(struct edu *e, uint64_t off, unsigned width, uint64_t val)
{
	if (off + width > EDU_BUF_SIZE)
		return;
	for (unsigned i = 0; i < width; i++)
		e->buf[off + i] = (uint8_t)(val >> (8 * i));
}

static uint64_t edu_read(struct mock_device *dev, unsigned bar, uint64_t off,
                         unsigned width)
{
	struct edu *e = mock_device_priv(dev);

	if (bar != 0)
		return mock__ones(width);
	if (off >= EDU_BUF_OFF)
		return buf_read(e, off - EDU_BUF_OFF, width);
	if (off < 0x80 ? width != 4 : width != 4 && width != 8)
		return mock__ones(width);
	switch (off) {
	case 0x00:
		return EDU_ID;
	case 0x04:
		return ~e->liveness;
	case 0x08:
		return e->fact;
	case 0x20:
		return e->status;
	case 0x24:
		return e->irq_status;
	case 0x80:
		return e->dma_src;
	case 0x88:
		return e->dma_dst;
	case 0x90:
		return e->dma_cnt;
	case 0x98:
		return e->dma_cmd;
	}
	return mock__ones(width);
}

static void edu_write(struct mock_device *dev, unsigned bar, uint64_t off,
                      unsigned width, uint64_t val)
{
	struct edu *e = mock_device_priv(dev);

	if (bar != 0)
		return;
	if (off >= EDU_BUF_OFF) {
		buf_write(e, off - EDU_BUF_OFF, width, val);
		return;
	}
	if (off < 0x80 ? width != 4 : width != 4 && width != 8)
		return;
	switch (off) {
	case 0x04:
		e->liveness = (uint32_t)val;
		break;
	case 0x08:
		if (e->status & EDU_STATUS_BUSY)
			break;
		e->fact = (uint32_t)val;
		compute_factorial(dev, e);
		break;
	case 0x20:
		e->status = (e->status & ~EDU_STATUS_IRQ) |
		            ((uint32_t)val & EDU_STATUS_IRQ);
		break;
	case 0x60:
		raise_irq(dev, e, (uint32_t)val);
		break;
	case 0x64:
		e->irq_status &= ~(uint32_t)val;
		update_irq(dev, e);
		break;
	case 0x80:
		e->dma_src = val;
		break;
	case 0x88:
		e->dma_dst = val;
		break;
	case 0x90:
		e->dma_cnt = val;
		break;
	case 0x98:
		if (e->dma_cmd & EDU_DMA_START)
			break;
		e->dma_cmd = val;
		if (val & EDU_DMA_START)
			run_dma(dev, e);
		break;
	}
}

const struct mock_model mock_model_edu = {
    .compatible = "qemu,edu",
    .create = edu_create,
    .destroy = edu_destroy,
    .read = edu_read,
    .write = edu_write,
};
