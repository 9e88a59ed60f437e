/*
 * pci.c — the PCI functions on the vbus.
 *
 * io shows each PCI function it hands out as a vbus device that answers the
 * Pci_dev interface (configuration space through io, which filters it) and
 * lists the function's BARs and interrupt as resources. BAR addresses and
 * kinds come from configuration space, their sizes from the resources, so
 * nothing here writes a BAR to size it.
 */
#include <stdlib.h>
#include <string.h>

#include "l4re_backend.h"

static int cfg_read(l4vbus_device_handle_t h, unsigned off, unsigned width,
                    uint32_t *val)
{
	l4_uint32_t v = 0;
	int err;

	err = l4vbus_pcidev_cfg_read(l4re_host.vbus, h, off, &v, width * 8);
	*val = v;
	return err;
}

static uint64_t resource_size(l4vbus_device_handle_t h, unsigned nres,
                              unsigned type, uint64_t base)
{
	l4vbus_resource_t res;
	unsigned i;

	for (i = 0; i < nres; i++) {
		if (l4vbus_get_resource(l4re_host.vbus, h, i, &res) < 0)
			break;
		if (res.type == type && res.start == base && res.end >= base)
			return (uint64_t)(res.end - res.start) + 1;
	}
	return 0;
}

static void read_bars(struct l4re_pci_dev *d, unsigned nres)
{
	unsigned i;

	for (i = 0; i < 6; i++) {
		struct ddekit_host_pci_bar *bar = &d->fn.bar[i];
		uint32_t lo, hi = 0;

		if (cfg_read(d->handle, 0x10 + 4 * i, 4, &lo) < 0)
			continue;
		if (lo & 1) {
			bar->base = lo & ~3u;
			bar->flags = DDEKIT_HOST_BAR_IO;
			if (bar->base)
				bar->size = resource_size(d->handle, nres,
				                          L4VBUS_RESOURCE_PORT,
				                          bar->base);
			continue;
		}
		bar->base = lo & ~0xfu;
		if (lo & 8)
			bar->flags |= DDEKIT_HOST_BAR_PREFETCH;
		if (((lo >> 1) & 3) == 2 && i < 5) {
			cfg_read(d->handle, 0x14 + 4 * i, 4, &hi);
			bar->base |= (uint64_t)hi << 32;
			bar->flags |= DDEKIT_HOST_BAR_MEM64;
		}
		if (bar->base)
			bar->size = resource_size(
			    d->handle, nres, L4VBUS_RESOURCE_MEM, bar->base);
		if (bar->flags & DDEKIT_HOST_BAR_MEM64)
			i++; /* the upper half is no BAR of its own */
	}
}

/* Fills @d from configuration space; 0, or -1 when @h is no PCI function. */
static int describe(struct l4re_pci_dev *d, l4vbus_device_handle_t h,
                    const l4vbus_device_t *info, unsigned index)
{
	uint32_t id, cls, sub, hdr, irq;
	l4_uint32_t adr;

	if (cfg_read(h, 0x00, 4, &id) < 0 || (id & 0xffff) == 0xffff)
		return -1;
	memset(d, 0, sizeof(*d));
	d->handle = h;
	d->irq = -1;
	d->fn.vendor = id & 0xffff;
	d->fn.device = id >> 16;
	cfg_read(h, 0x08, 4, &cls);
	d->fn.revision = cls & 0xff;
	d->fn.class_code = cls >> 8;
	cfg_read(h, 0x0c, 4, &hdr);
	cfg_read(h, 0x3c, 4, &irq);
	d->fn.irq_pin = (irq >> 8) & 0xff;
	d->fn.irq_line = 0xff;
	/* io's virtual bus numbers its functions by ACPI _ADR. */
	if (l4vbus_get_adr(l4re_host.vbus, h, &adr) >= 0) {
		d->fn.dev = (adr >> 16) & 0x1f;
		d->fn.fn = adr & 7;
	} else {
		d->fn.dev = index & 0x1f;
	}
	if (((hdr >> 16) & 0x7f) == 0) {
		cfg_read(h, 0x2c, 4, &sub);
		d->fn.subvendor = sub & 0xffff;
		d->fn.subdevice = sub >> 16;
		read_bars(d, info->num_resources);
	}
	return 0;
}

static int by_address(const void *a, const void *b)
{
	const struct l4re_pci_dev *x = a, *y = b;
	unsigned ka = (unsigned)x->fn.bus << 8 | x->fn.dev << 3 | x->fn.fn;
	unsigned kb = (unsigned)y->fn.bus << 8 | y->fn.dev << 3 | y->fn.fn;

	return ka < kb ? -1 : ka > kb;
}

int l4re_pci_scan(void)
{
	l4vbus_device_handle_t h = L4VBUS_NULL;
	l4vbus_device_t info;
	struct l4re_pci_dev *devs = NULL, *grown;
	unsigned n = 0, cap = 0, i;

	while (l4vbus_get_next_device(l4re_host.vbus, L4VBUS_ROOT_BUS, &h,
	                              L4VBUS_MAX_DEPTH, &info) == 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			grown = realloc(devs, cap * sizeof(*devs));
			if (!grown) {
				free(devs);
				return -DDEKIT_ENOMEM;
			}
			devs = grown;
		}
		if (describe(&devs[n], h, &info, n) == 0)
			n++;
	}
	qsort(devs, n, sizeof(*devs), by_address);
	for (i = 0; i < n; i++) {
		devs[i].fn.host = &devs[i];
		/* Routing the pin tells us its ICU line up front, so the
		 * record carries a usable irq_line. */
		if (devs[i].fn.irq_pin && l4re_pci_irq(&devs[i]) >= 0)
			devs[i].fn.irq_line = (uint8_t)devs[i].irq;
	}
	l4re_host.pci = devs;
	l4re_host.npci = n;
	return 0;
}

void l4re_pci_release(void)
{
	free(l4re_host.pci);
	l4re_host.pci = NULL;
	l4re_host.npci = 0;
}

int l4re_pci_irq(struct l4re_pci_dev *dev)
{
	unsigned char trigger = 0, polarity = 0;
	int irq;

	if (dev->irq >= 0)
		return dev->irq;
	irq = l4vbus_pcidev_irq_enable(l4re_host.vbus, dev->handle, &trigger,
	                               &polarity);
	if (irq < 0)
		return l4re_err(irq);
	dev->irq = irq;
	dev->trigger = trigger;
	dev->polarity = polarity;
	return irq;
}

const struct ddekit_host_pci_bar *l4re_pci_find_mem(uint64_t phys,
                                                    uint64_t size)
{
	unsigned i, b;

	for (i = 0; i < l4re_host.npci; i++) {
		for (b = 0; b < 6; b++) {
			const struct ddekit_host_pci_bar *bar =
			    &l4re_host.pci[i].fn.bar[b];

			if (!bar->size || (bar->flags & DDEKIT_HOST_BAR_IO))
				continue;
			if (phys >= bar->base &&
			    phys + size <= bar->base + bar->size)
				return bar;
		}
	}
	return NULL;
}

int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *fns, unsigned max,
                              unsigned *count)
{
	unsigned i;

	if (!count || (max && !fns))
		return -DDEKIT_EINVAL;
	*count = l4re_host.npci;
	for (i = 0; i < max && i < l4re_host.npci; i++)
		fns[i] = l4re_host.pci[i].fn;
	return 0;
}

static int check_access(const struct ddekit_host_pci_fn *fn, unsigned off,
                        unsigned width)
{
	if (!fn || !fn->host)
		return -DDEKIT_EINVAL;
	if (width != 1 && width != 2 && width != 4)
		return -DDEKIT_EINVAL;
	if (off & (width - 1) || off + width > 4096)
		return -DDEKIT_EINVAL;
	return 0;
}

int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val)
{
	const struct l4re_pci_dev *d;
	int rc = check_access(fn, off, width);

	if (rc < 0)
		return rc;
	if (!val)
		return -DDEKIT_EINVAL;
	d = fn->host;
	if (cfg_read(d->handle, off, width, val) < 0)
		return -DDEKIT_EIO;
	return 0;
}

int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val)
{
	const struct l4re_pci_dev *d;
	int rc = check_access(fn, off, width);

	if (rc < 0)
		return rc;
	d = fn->host;
	if (l4vbus_pcidev_cfg_write(l4re_host.vbus, d->handle, off, val,
	                            width * 8) < 0)
		return -DDEKIT_EIO;
	return 0;
}

int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn)
{
	uint32_t cmd, want = 0;
	unsigned b;
	int rc;

	if (!fn || !fn->host)
		return -DDEKIT_EINVAL;
	for (b = 0; b < 6; b++) {
		if (!fn->bar[b].size)
			continue;
		want |= (fn->bar[b].flags & DDEKIT_HOST_BAR_IO) ? 1u : 2u;
	}
	rc = ddekit_host_pci_cfg_read(fn, 0x04, 2, &cmd);
	if (rc < 0 || (cmd & want) == want)
		return rc;
	return ddekit_host_pci_cfg_write(fn, 0x04, 2, cmd | want);
}
