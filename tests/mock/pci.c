/*
 * pci.c — enumeration and configuration space of the simulated functions.
 *
 * Each function has a 256-byte register image plus a mask of the bits
 * software may change; a write keeps the read-only bits and takes the
 * writable ones. BAR sizing falls out of that: the address bits below the
 * BAR's size and the type bits are read-only, so writing all-ones reads back
 * ~(size - 1) with the type bits, exactly as the specification demands.
 *
 * Decoding follows the command register: while I/O (bit 0) or memory
 * (bit 1) decoding is off, the function's BARs of that kind claim nothing,
 * so reads there return all-ones and writes are dropped (see io.c, mmio.c),
 * as on a real bus where no device answers.
 *
 * Layout: standard type-0 header; with msi-vectors > 0 a 64-bit MSI
 * capability at 0x40 (capability pointer 0x34, status bit 4). Status bit 3
 * (interrupt status) shows the function's INTx level, even while command
 * bit 10 (interrupt disable) keeps it off the line. The rest reads 0.
 */
#include "mock_internal.h"

#include <string.h>

static void put(uint8_t *p, unsigned off, unsigned width, uint32_t v)
{
	for (unsigned i = 0; i < width; i++)
		p[off + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get(const uint8_t *p, unsigned off, unsigned width)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < width; i++)
		v |= (uint32_t)p[off + i] << (8 * i);
	return v;
}

static void setup_bars(struct mock_device *dev)
{
	for (unsigned i = 0; i < 6; i++) {
		const struct mock_bar *b = &dev->bar[i];
		unsigned off = MOCK_CFG_BAR0 + 4 * i;
		uint64_t mask = ~(b->size - 1);
		uint32_t type;

		if (!b->size)
			continue;
		if (b->flags & DDEKIT_HOST_BAR_IO) {
			type = 0x1;
			put(dev->wmask, off, 4, (uint32_t)mask & ~0x3u);
		} else {
			type = (b->flags & DDEKIT_HOST_BAR_MEM64) ? 0x4 : 0x0;
			if (b->flags & DDEKIT_HOST_BAR_PREFETCH)
				type |= 0x8;
			put(dev->wmask, off, 4, (uint32_t)mask & ~0xfu);
		}
		put(dev->cfg, off, 4, (uint32_t)b->base | type);
		if (b->flags & DDEKIT_HOST_BAR_MEM64) {
			put(dev->cfg, off + 4, 4, (uint32_t)(b->base >> 32));
			put(dev->wmask, off + 4, 4, (uint32_t)(mask >> 32));
		}
	}
}

static void setup_msi(struct mock_device *dev)
{
	unsigned mmc = 0;

	while ((1u << mmc) < dev->msi_vectors)
		mmc++;
	dev->cfg[MOCK_CFG_CAP_PTR] = MOCK_MSI_CAP;
	dev->cfg[MOCK_MSI_CAP] = 0x05; /* MSI capability ID; next = 0 */
	/* control: 64-bit capable, multiple message capable = log2(vectors) */
	put(dev->cfg, MOCK_MSI_CAP + 2, 2, 0x80u | mmc << 1);
	/* enable and multiple message enable are the writable control bits */
	put(dev->wmask, MOCK_MSI_CAP + 2, 2, 0x71);
	put(dev->wmask, MOCK_MSI_CAP + 4, 4, 0xfffffffcu); /* address low */
	put(dev->wmask, MOCK_MSI_CAP + 8, 4, 0xffffffffu); /* address high */
	put(dev->wmask, MOCK_MSI_CAP + 12, 2, 0xffff);     /* data */
}

void mock__pci_setup(struct mock_device *dev)
{
	const struct ddekit_host_pci_fn *fn = &dev->fn;

	memset(dev->cfg, 0, sizeof(dev->cfg));
	memset(dev->wmask, 0, sizeof(dev->wmask));
	put(dev->cfg, 0x00, 2, fn->vendor);
	put(dev->cfg, 0x02, 2, fn->device);
	/* command: I/O, memory, master, parity, SERR#, INTx disable */
	put(dev->wmask, MOCK_CFG_COMMAND, 2, 0x0547);
	dev->cfg[0x08] = fn->revision;
	put(dev->cfg, 0x09, 3, fn->class_code);
	dev->wmask[0x0c] = 0xff; /* cache line size */
	dev->wmask[0x0d] = 0xff; /* latency timer */
	setup_bars(dev);
	put(dev->cfg, 0x2c, 2, fn->subvendor);
	put(dev->cfg, 0x2e, 2, fn->subdevice);
	dev->cfg[0x3c] = fn->irq_line;
	dev->wmask[0x3c] = 0xff;
	dev->cfg[0x3d] = fn->irq_pin;
	if (dev->msi_vectors) {
		put(dev->cfg, MOCK_CFG_STATUS, 2, 0x0010);
		setup_msi(dev);
	}
}

uint64_t mock__pci_bar_base(struct mock_device *dev, unsigned bar)
{
	const struct mock_bar *b = &dev->bar[bar];
	uint32_t lo = get(dev->cfg, MOCK_CFG_BAR0 + 4 * bar, 4);

	if (b->flags & DDEKIT_HOST_BAR_IO)
		return lo & ~0x3u;
	if (b->flags & DDEKIT_HOST_BAR_MEM64)
		return (uint64_t)get(dev->cfg, MOCK_CFG_BAR0 + 4 * bar + 4, 4)
		           << 32 |
		       (lo & ~0xfu);
	return lo & ~0xfu;
}

bool mock__pci_bar_window(struct mock_device *dev, unsigned bar, uint64_t *base,
                          uint64_t *size)
{
	uint32_t cmd = get(dev->cfg, MOCK_CFG_COMMAND, 2);
	const struct mock_bar *b;

	if (bar >= 6 || !dev->bar[bar].size)
		return false;
	b = &dev->bar[bar];
	if (b->flags & DDEKIT_HOST_BAR_IO ? !(cmd & MOCK_CMD_IO)
	                                  : !(cmd & MOCK_CMD_MEMORY))
		return false;
	*base = mock__pci_bar_base(dev, bar);
	*size = b->size;
	return true;
}

int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *fns, unsigned max,
                              unsigned *count)
{
	struct mock_machine *m = mock__machine;
	unsigned n = m ? m->npci : 0;

	if (!count || (max && !fns))
		return -DDEKIT_EINVAL;
	for (unsigned i = 0; i < n && i < max; i++)
		fns[i] = m->dev[i]->fn;
	*count = n;
	return 0;
}

static int check_access(const struct ddekit_host_pci_fn *fn, unsigned off,
                        unsigned width, struct mock_device **dev)
{
	*dev = mock__device_of(fn);
	if (!*dev)
		return -DDEKIT_ENODEV;
	if ((width != 1 && width != 2 && width != 4) || off % width ||
	    off + width > MOCK_CFG_SIZE)
		return -DDEKIT_EINVAL;
	return 0;
}

int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val)
{
	struct mock_device *dev;
	uint8_t image[4];
	int rc = check_access(fn, off, width, &dev);

	if (rc < 0)
		return rc;
	mock__device_lock(dev);
	memcpy(image, dev->cfg + (off & ~3u), 4);
	if ((off & ~3u) == 0x04 && dev->level)
		image[2] |= 0x08; /* status: interrupt pending */
	*val = get(image, off & 3u, width);
	mock__device_unlock(dev);
	mock__trace(MOCK_CFG_READ, dev->name, off, 0, width, *val);
	return 0;
}

int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val)
{
	struct mock_device *dev;
	int rc = check_access(fn, off, width, &dev);

	if (rc < 0)
		return rc;
	mock__device_lock(dev);
	for (unsigned i = 0; i < width; i++) {
		uint8_t wm = dev->wmask[off + i];
		uint8_t b = (uint8_t)(val >> (8 * i));

		dev->cfg[off + i] =
		    (uint8_t)((dev->cfg[off + i] & ~wm) | (b & wm));
	}
	mock__irq_intx_disable(dev, get(dev->cfg, MOCK_CFG_COMMAND, 2) &
	                                MOCK_CMD_INTX_OFF);
	mock__device_unlock(dev);
	mock__trace(MOCK_CFG_WRITE, dev->name, off, 0, width, val);
	return 0;
}

int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn)
{
	struct mock_device *dev = mock__device_of(fn);
	uint32_t cmd;

	if (!dev)
		return -DDEKIT_ENODEV;
	mock__device_lock(dev);
	cmd =
	    get(dev->cfg, MOCK_CFG_COMMAND, 2) | MOCK_CMD_IO | MOCK_CMD_MEMORY;
	put(dev->cfg, MOCK_CFG_COMMAND, 2, cmd);
	mock__device_unlock(dev);
	/* traced like the write a real host's enable performs */
	mock__trace(MOCK_CFG_WRITE, dev->name, MOCK_CFG_COMMAND, 0, 2, cmd);
	return 0;
}
