/*
 * host_pci.c — PCI functions for lib/ddekit: found by scanning every
 * bus/device/function once at ddekit_host_init(), BARs sized by the
 * all-ones write (PCI spec 3.0, 6.2.5.1), the INTx line from the Interrupt
 * Line register the firmware (SeaBIOS) filled in. Bare metal owns the whole
 * machine, so every function is the server's.
 */
#include <ddekit/host.h>

#include "bm.h"
#include "host.h"

#define CFG_VENDOR    0x00
#define CFG_COMMAND   0x04
#define CFG_REVISION  0x08
#define CFG_HEADER    0x0e
#define CFG_BAR0      0x10
#define CFG_SUBVENDOR 0x2c
#define CFG_CAP_PTR   0x34
#define CFG_IRQ_LINE  0x3c
#define CFG_IRQ_PIN   0x3d
#define CFG_STATUS    0x06
#define STATUS_CAPS   0x10
#define CMD_IO        0x1
#define CMD_MEM       0x2
#define CAP_PM        0x01
#define PM_CSR        4
#define MAX_FNS       64

static struct ddekit_host_pci_fn fns[MAX_FNS];
static unsigned nfns;

static uint32_t rd(const struct ddekit_host_pci_fn *f, unsigned off, unsigned w)
{
	return bm_pci_read(f->bus, f->dev, f->fn, off, w);
}

static void wr(const struct ddekit_host_pci_fn *f, unsigned off, unsigned w,
               uint32_t v)
{
	bm_pci_write(f->bus, f->dev, f->fn, off, w, v);
}

/* Sizes the BARs with decoding off, so the all-ones probe address never
 * decodes anything; restores the BAR and the command register after. */
static void size_bars(struct ddekit_host_pci_fn *f)
{
	uint16_t cmd = (uint16_t)rd(f, CFG_COMMAND, 2);

	wr(f, CFG_COMMAND, 2, cmd & ~(CMD_IO | CMD_MEM));
	for (unsigned i = 0; i < 6; i++) {
		unsigned off = CFG_BAR0 + 4 * i;
		uint32_t orig = rd(f, off, 4), probe;
		uint64_t base, mask;

		wr(f, off, 4, 0xffffffffu);
		probe = rd(f, off, 4);
		wr(f, off, 4, orig);
		if (!probe || probe == 0xffffffffu)
			continue;
		if (orig & 1) { /* I/O BAR */
			mask = probe & 0xfffffffcu;
			f->bar[i].base = orig & 0xfffffffcu;
			f->bar[i].size = (~mask + 1) & 0xffff;
			f->bar[i].flags = DDEKIT_HOST_BAR_IO;
			continue;
		}
		base = orig & 0xfffffff0u;
		mask = probe & 0xfffffff0u;
		if (orig & 8)
			f->bar[i].flags |= DDEKIT_HOST_BAR_PREFETCH;
		if ((orig & 6) == 4 && i < 5) { /* 64-bit: two registers */
			uint32_t ohi = rd(f, off + 4, 4), phi;

			wr(f, off + 4, 4, 0xffffffffu);
			phi = rd(f, off + 4, 4);
			wr(f, off + 4, 4, ohi);
			base |= (uint64_t)ohi << 32;
			mask |= (uint64_t)phi << 32;
			f->bar[i].flags |= DDEKIT_HOST_BAR_MEM64;
			f->bar[i].base = base;
			f->bar[i].size = ~mask + 1;
			i++;
			continue;
		}
		f->bar[i].base = base;
		f->bar[i].size = (uint32_t)(~(uint32_t)mask + 1);
	}
	wr(f, CFG_COMMAND, 2, cmd);
}

static void add_fn(unsigned bus, unsigned dev, unsigned fn)
{
	struct ddekit_host_pci_fn *f;
	uint32_t id = bm_pci_read(bus, dev, fn, CFG_VENDOR, 4);
	uint32_t rev = bm_pci_read(bus, dev, fn, CFG_REVISION, 4);
	uint32_t sub = bm_pci_read(bus, dev, fn, CFG_SUBVENDOR, 4);

	if (nfns == MAX_FNS) {
		bm_printf("bare metal: more than %d PCI functions, "
		          "%02x:%02x.%x left out\n",
		          MAX_FNS, bus, dev, fn);
		return;
	}
	f = &fns[nfns++];
	*f = (struct ddekit_host_pci_fn){.bus = (uint8_t)bus,
	                                 .dev = (uint8_t)dev,
	                                 .fn = (uint8_t)fn,
	                                 .vendor = (uint16_t)id,
	                                 .device = (uint16_t)(id >> 16),
	                                 .subvendor = (uint16_t)sub,
	                                 .subdevice = (uint16_t)(sub >> 16),
	                                 .class_code = rev >> 8,
	                                 .revision = (uint8_t)rev};
	f->irq_pin = (uint8_t)rd(f, CFG_IRQ_PIN, 1);
	f->irq_line = f->irq_pin ? (uint8_t)rd(f, CFG_IRQ_LINE, 1) : 0xff;
	if (f->irq_line >= 16) /* firmware left it unrouted */
		f->irq_line = 0xff;
	if ((rd(f, CFG_HEADER, 1) & 0x7f) == 0) /* bridges keep their BARs */
		size_bars(f);
	f->host = f;
}

void bm_host_pci_scan(void)
{
	nfns = 0;
	for (unsigned bus = 0; bus < 256; bus++) {
		for (unsigned dev = 0; dev < 32; dev++) {
			unsigned nfn = 1;

			if ((uint16_t)bm_pci_read(bus, dev, 0, CFG_VENDOR, 2) ==
			    0xffff)
				continue;
			if (bm_pci_read(bus, dev, 0, CFG_HEADER, 1) & 0x80)
				nfn = 8; /* multi-function device */
			for (unsigned fn = 0; fn < nfn; fn++)
				if ((uint16_t)bm_pci_read(
				        bus, dev, fn, CFG_VENDOR, 2) != 0xffff)
					add_fn(bus, dev, fn);
		}
	}
}

void bm_host_pci_forget(void)
{
	nfns = 0;
}

int bm_host_pci_find_bar(uint64_t phys, uint64_t size)
{
	for (unsigned i = 0; i < nfns; i++) {
		for (unsigned b = 0; b < 6; b++) {
			const struct ddekit_host_pci_bar *bar = &fns[i].bar[b];

			if (bar->size && !(bar->flags & DDEKIT_HOST_BAR_IO) &&
			    phys >= bar->base &&
			    phys + size <= bar->base + bar->size)
				return 1;
		}
	}
	return 0;
}

int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *out, unsigned max,
                              unsigned *count)
{
	unsigned i;

	if (!count || (max && !out))
		return -DDEKIT_EINVAL;
	for (i = 0; i < nfns && i < max; i++)
		out[i] = fns[i];
	*count = nfns;
	return 0;
}

static int check(const struct ddekit_host_pci_fn *fn, unsigned off,
                 unsigned width)
{
	if (!fn || !fn->host)
		return -DDEKIT_EINVAL;
	if ((width != 1 && width != 2 && width != 4) || off % width ||
	    off + width > 256)
		return -DDEKIT_EINVAL;
	return 0;
}

int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val)
{
	int r = check(fn, off, width);

	if (r == 0)
		*val = rd(fn, off, width);
	return r;
}

int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val)
{
	int r = check(fn, off, width);

	if (r == 0)
		wr(fn, off, width, val);
	return r;
}

/* The capability with @id, or 0 (PCI spec 3.0, 6.7). */
unsigned bm_host_pci_find_cap(const struct ddekit_host_pci_fn *fn, unsigned id)
{
	unsigned off, guard;

	if (!(rd(fn, CFG_STATUS, 2) & STATUS_CAPS))
		return 0;
	off = rd(fn, CFG_CAP_PTR, 1) & 0xfc;
	for (guard = 0; off && guard < 48; guard++) {
		if (rd(fn, off, 1) == id)
			return off;
		off = rd(fn, off + 1, 1) & 0xfc;
	}
	return 0;
}

int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn)
{
	uint16_t cmd;
	unsigned pm;

	if (!fn || !fn->host)
		return -DDEKIT_EINVAL;
	/* Power state D0 (PCI PM spec 1.2, 3.2.4: PowerState bits 1:0). */
	pm = bm_host_pci_find_cap(fn, CAP_PM);
	if (pm && (rd(fn, pm + PM_CSR, 2) & 3))
		wr(fn, pm + PM_CSR, 2, rd(fn, pm + PM_CSR, 2) & ~3u);
	cmd = (uint16_t)rd(fn, CFG_COMMAND, 2);
	for (unsigned i = 0; i < 6; i++) {
		if (!fn->bar[i].size)
			continue;
		cmd |= fn->bar[i].flags & DDEKIT_HOST_BAR_IO ? CMD_IO : CMD_MEM;
	}
	wr(fn, CFG_COMMAND, 2, cmd);
	return 0;
}
