/*
 * pci.c — the PCI functions the host grants, as DDEKit device records.
 *
 * The host is asked once, at init, for its functions; each becomes a record
 * holding a copy of the host's descriptor, the names drivers print and the
 * BARs in the form legacy resource code expects.
 */
#include "internal.h"

#include <ddekit/pci.h>
#include <ddekit/printf.h>

#include <string.h>

#define PCI_COMMAND        0x04
#define PCI_COMMAND_IO     0x1u
#define PCI_COMMAND_MEMORY 0x2u
#define PCI_COMMAND_MASTER 0x4u

struct ddekit_pci_dev {
	struct ddekit_host_pci_fn fn;
	char name[sizeof("vvvv:dddd")];
	char slot_name[sizeof("bb:ss.f")];
	ddekit_pci_res_t res[6];
};

static struct ddekit_pci_dev *devs;
static unsigned ndevs;

/* --- records ------------------------------------------------------------- */

static char *put_hex(char *s, unsigned val, int digits)
{
	static const char hex[] = "0123456789abcdef";

	while (digits--)
		*s++ = hex[(val >> (4 * digits)) & 0xf];
	return s;
}

static void dev_fill(struct ddekit_pci_dev *d,
                     const struct ddekit_host_pci_fn *fn)
{
	char *s;
	unsigned i;

	d->fn = *fn;
	s = put_hex(d->name, fn->vendor, 4);
	*s++ = ':';
	s = put_hex(s, fn->device, 4);
	*s = '\0';
	s = put_hex(d->slot_name, fn->bus, 2);
	*s++ = ':';
	s = put_hex(s, fn->dev, 2);
	*s++ = '.';
	s = put_hex(s, fn->fn, 1);
	*s = '\0';

	for (i = 0; i < 6; i++) {
		const struct ddekit_host_pci_bar *bar = &fn->bar[i];
		ddekit_pci_res_t *res = &d->res[i];

		if (!bar->size)
			continue;
		res->start = (unsigned long)bar->base;
		res->end = (unsigned long)(bar->base + bar->size - 1);
		if (bar->flags & DDEKIT_HOST_BAR_IO) {
			res->flags = DDEKIT_PCI_RES_IO;
			continue;
		}
		res->flags = DDEKIT_PCI_RES_MEM;
		if (bar->flags & DDEKIT_HOST_BAR_PREFETCH)
			res->flags |= DDEKIT_PCI_RES_PREFETCH;
		if (bar->flags & DDEKIT_HOST_BAR_MEM64)
			res->flags |= DDEKIT_PCI_RES_MEM64;
	}
}

int ddekit__pci_init(void)
{
	struct ddekit_host_pci_fn *fns = NULL;
	unsigned count = 0, filled, i;
	int err;

	devs = NULL;
	ndevs = 0;
	err = ddekit_host_pci_enumerate(NULL, 0, &count);
	/* A host without PCI simply has no functions to offer. */
	if (err == -DDEKIT_ENOSYS) {
		err = 0;
		count = 0;
	}
	if (err < 0 || count == 0)
		goto out;
	fns = ddekit__zalloc(count * sizeof(*fns));
	devs = ddekit__zalloc(count * sizeof(*devs));
	if (!fns || !devs) {
		err = -DDEKIT_ENOMEM;
		goto out;
	}
	filled = count;
	err = ddekit_host_pci_enumerate(fns, count, &filled);
	if (err < 0)
		goto out;
	/* Functions that vanished between the calls shorten the list;
	 * new ones are not seen. */
	if (filled < count)
		count = filled;
	for (i = 0; i < count; i++)
		dev_fill(&devs[i], &fns[i]);
	ndevs = count;
out:
	ddekit__free(fns);
	if (err < 0) {
		ddekit__free(devs);
		devs = NULL;
		ddekit_printf("pci: enumeration failed: %s\n",
		              ddekit_strerror(err));
	}
	return err < 0 ? err : 0;
}

void ddekit__pci_fini(void)
{
	ddekit__free(devs);
	devs = NULL;
	ndevs = 0;
}

void ddekit_pci_init(void)
{
	/* ddekit_init() enumerated already; the classic call stays harmless. */
}

const struct ddekit_host_pci_fn *
ddekit__pci_host_fn(const struct ddekit_pci_dev *dev)
{
	return dev ? &dev->fn : NULL;
}

/* --- lookup -------------------------------------------------------------- */

static bool loc_match(int want, unsigned have)
{
	return want == DDEKIT_PCI_ANY_ID || (unsigned)want == have;
}

static struct ddekit_pci_dev *dev_at(int bus, int slot, int func)
{
	unsigned i;

	for (i = 0; i < ndevs; i++)
		if ((unsigned)bus == devs[i].fn.bus &&
		    (unsigned)slot == devs[i].fn.dev &&
		    (unsigned)func == devs[i].fn.fn)
			return &devs[i];
	return NULL;
}

/* Index where a search continuing after @start begins. */
static unsigned search_from(const struct ddekit_pci_dev *start)
{
	if (!start || start < devs || start >= devs + ndevs)
		return 0;
	return (unsigned)(start - devs) + 1;
}

int ddekit_pci_get_device(int nr, int *bus, int *slot, int *func)
{
	if (nr < 0 || (unsigned)nr >= ndevs)
		return -1;
	ddekit_pci_get_location(&devs[nr], bus, slot, func);
	return 0;
}

struct ddekit_pci_dev *ddekit_pci_find_device(int *bus, int *slot, int *func,
                                              struct ddekit_pci_dev *start)
{
	unsigned i;

	if (!bus || !slot || !func)
		return NULL;
	for (i = search_from(start); i < ndevs; i++) {
		struct ddekit_pci_dev *d = &devs[i];

		if (loc_match(*bus, d->fn.bus) && loc_match(*slot, d->fn.dev) &&
		    loc_match(*func, d->fn.fn)) {
			ddekit_pci_get_location(d, bus, slot, func);
			return d;
		}
	}
	return NULL;
}

struct ddekit_pci_dev *
ddekit_pci_find_device_by_id(unsigned vendor, unsigned device,
                             struct ddekit_pci_dev *start)
{
	unsigned i;

	for (i = search_from(start); i < ndevs; i++) {
		struct ddekit_pci_dev *d = &devs[i];

		if ((vendor == (unsigned)DDEKIT_PCI_ANY_ID ||
		     vendor == d->fn.vendor) &&
		    (device == (unsigned)DDEKIT_PCI_ANY_ID ||
		     device == d->fn.device))
			return d;
	}
	return NULL;
}

struct ddekit_pci_dev *
ddekit_pci_find_device_by_class(unsigned class_code, unsigned mask,
                                struct ddekit_pci_dev *start)
{
	unsigned i;

	for (i = search_from(start); i < ndevs; i++)
		if (((devs[i].fn.class_code ^ class_code) & mask & 0xffffff) ==
		    0)
			return &devs[i];
	return NULL;
}

/* --- configuration space ------------------------------------------------- */

int ddekit_pci_read(int bus, int slot, int func, int pos, int len,
                    ddekit_uint32_t *val)
{
	struct ddekit_pci_dev *d = dev_at(bus, slot, func);
	uint32_t v = 0;
	int err;

	if (!d)
		return -DDEKIT_ENODEV;
	if (!val || pos < 0 || (len != 1 && len != 2 && len != 4))
		return -DDEKIT_EINVAL;
	err =
	    ddekit_host_pci_cfg_read(&d->fn, (unsigned)pos, (unsigned)len, &v);
	if (err < 0)
		return err;
	*val = v;
	return 0;
}

int ddekit_pci_write(int bus, int slot, int func, int pos, int len,
                     ddekit_uint32_t val)
{
	struct ddekit_pci_dev *d = dev_at(bus, slot, func);

	if (!d)
		return -DDEKIT_ENODEV;
	if (pos < 0 || (len != 1 && len != 2 && len != 4))
		return -DDEKIT_EINVAL;
	return ddekit_host_pci_cfg_write(&d->fn, (unsigned)pos, (unsigned)len,
	                                 val);
}

int ddekit_pci_readb(int bus, int slot, int func, int pos, ddekit_uint8_t *val)
{
	ddekit_uint32_t v;
	int err = ddekit_pci_read(bus, slot, func, pos, 1, &v);

	if (!err && val)
		*val = (ddekit_uint8_t)v;
	return err;
}

int ddekit_pci_readw(int bus, int slot, int func, int pos, ddekit_uint16_t *val)
{
	ddekit_uint32_t v;
	int err = ddekit_pci_read(bus, slot, func, pos, 2, &v);

	if (!err && val)
		*val = (ddekit_uint16_t)v;
	return err;
}

int ddekit_pci_readl(int bus, int slot, int func, int pos, ddekit_uint32_t *val)
{
	return ddekit_pci_read(bus, slot, func, pos, 4, val);
}

int ddekit_pci_writeb(int bus, int slot, int func, int pos, ddekit_uint8_t val)
{
	return ddekit_pci_write(bus, slot, func, pos, 1, val);
}

int ddekit_pci_writew(int bus, int slot, int func, int pos, ddekit_uint16_t val)
{
	return ddekit_pci_write(bus, slot, func, pos, 2, val);
}

int ddekit_pci_writel(int bus, int slot, int func, int pos, ddekit_uint32_t val)
{
	return ddekit_pci_write(bus, slot, func, pos, 4, val);
}

/* --- control ------------------------------------------------------------- */

static int command_update(struct ddekit_pci_dev *dev, uint32_t set,
                          uint32_t clear)
{
	uint32_t cmd;
	int err;

	err = ddekit_host_pci_cfg_read(&dev->fn, PCI_COMMAND, 2, &cmd);
	if (err < 0)
		return err;
	cmd = (cmd | set) & ~clear;
	return ddekit_host_pci_cfg_write(&dev->fn, PCI_COMMAND, 2, cmd);
}

int ddekit_pci_enable_device(struct ddekit_pci_dev *dev)
{
	if (!dev)
		return -DDEKIT_EINVAL;
	return ddekit_host_pci_enable(&dev->fn);
}

int ddekit_pci_disable_device(struct ddekit_pci_dev *dev)
{
	if (!dev)
		return -DDEKIT_EINVAL;
	return command_update(
	    dev, 0, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

void ddekit_pci_set_master(struct ddekit_pci_dev *dev)
{
	int err;

	if (!dev)
		return;
	err = command_update(dev, PCI_COMMAND_MASTER, 0);
	if (err < 0)
		ddekit_printf("pci %s: cannot enable bus mastering: %s\n",
		              dev->slot_name, ddekit_strerror(err));
}

/* --- identification ------------------------------------------------------ */

unsigned short ddekit_pci_get_vendor(struct ddekit_pci_dev *dev)
{
	return dev->fn.vendor;
}

unsigned short ddekit_pci_get_device_id(struct ddekit_pci_dev *dev)
{
	return dev->fn.device;
}

unsigned short ddekit_pci_get_sub_vendor(struct ddekit_pci_dev *dev)
{
	return dev->fn.subvendor;
}

unsigned short ddekit_pci_get_sub_device(struct ddekit_pci_dev *dev)
{
	return dev->fn.subdevice;
}

unsigned ddekit_pci_get_dev_class(struct ddekit_pci_dev *dev)
{
	return dev->fn.class_code & 0xffffff;
}

unsigned long ddekit_pci_get_irq(struct ddekit_pci_dev *dev)
{
	return dev->fn.irq_line;
}

char *ddekit_pci_get_name(struct ddekit_pci_dev *dev)
{
	return dev->name;
}

char *ddekit_pci_get_slot_name(struct ddekit_pci_dev *dev)
{
	return dev->slot_name;
}

void ddekit_pci_get_location(struct ddekit_pci_dev *dev, int *bus, int *slot,
                             int *func)
{
	if (bus)
		*bus = dev->fn.bus;
	if (slot)
		*slot = dev->fn.dev;
	if (func)
		*func = dev->fn.fn;
}

ddekit_pci_res_t *ddekit_pci_get_resource(struct ddekit_pci_dev *dev,
                                          unsigned int idx)
{
	if (idx >= 6)
		return NULL;
	return &dev->res[idx];
}

int ddekit_pci_irq_enable(int bus, int slot, int func, int pin, int *irq)
{
	struct ddekit_pci_dev *d = dev_at(bus, slot, func);

	(void)pin;
	if (!d)
		return -DDEKIT_ENODEV;
	if (d->fn.irq_line == 0xff || d->fn.irq_pin == 0)
		return -DDEKIT_ENXIO;
	if (irq)
		*irq = d->fn.irq_line;
	return 0;
}
