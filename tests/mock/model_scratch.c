/*
 * model_scratch.c — "libdde,scratch": a made-up PCI function for tests, with
 * eight 32-bit registers in its I/O BAR.
 *
 *   0x00-0x14  registers 0-5: plain storage
 *   0x18       register 6: each read returns how many times register 6 has
 *              been read, this read included (1, 2, 3, ...); a write sets the
 *              count
 *   0x1c       register 7: storage that drives INTx: non-zero asserts it,
 *              zero releases it
 * Narrower accesses reach the addressed bytes of a register.
 */
#include "mock_internal.h"

#include <stdlib.h>

#define SCRATCH_NREGS   8u
#define SCRATCH_COUNTER 6u
#define SCRATCH_IRQ     7u

struct scratch {
	uint32_t reg[SCRATCH_NREGS];
};

static int scratch_create(struct mock_device *dev, const void *fdt, int node)
{
	struct scratch *s = calloc(1, sizeof(*s));

	(void)fdt;
	(void)node;
	if (!s)
		return -DDEKIT_ENOMEM;
	mock_device_set_priv(dev, s);
	return 0;
}

static void scratch_destroy(struct mock_device *dev)
{
	free(mock_device_priv(dev));
}

static uint64_t scratch_read(struct mock_device *dev, unsigned bar,
                             uint64_t off, unsigned width)
{
	struct scratch *s = mock_device_priv(dev);
	unsigned r = (unsigned)(off / 4), shift = 8 * (unsigned)(off % 4);

	if (bar != 0 || r >= SCRATCH_NREGS || off % 4 + width > 4)
		return mock__ones(width);
	if (r == SCRATCH_COUNTER)
		s->reg[r]++;
	return (s->reg[r] >> shift) & mock__ones(width);
}

static void scratch_write(struct mock_device *dev, unsigned bar, uint64_t off,
                          unsigned width, uint64_t val)
{
	struct scratch *s = mock_device_priv(dev);
	unsigned r = (unsigned)(off / 4), shift = 8 * (unsigned)(off % 4);
	uint32_t mask;

	if (bar != 0 || r >= SCRATCH_NREGS || off % 4 + width > 4)
		return;
	mask = (uint32_t)mock__ones(width) << shift;
	s->reg[r] = (s->reg[r] & ~mask) | ((uint32_t)val << shift & mask);
	if (r == SCRATCH_IRQ)
		mock_device_set_irq(dev, s->reg[r] != 0);
}

const struct mock_model mock_model_scratch = {
    .compatible = "libdde,scratch",
    .create = scratch_create,
    .destroy = scratch_destroy,
    .read = scratch_read,
    .write = scratch_write,
};
