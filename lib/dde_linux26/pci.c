/*
 * pci.c — PCI devices and drivers on DDEKit's PCI functions.
 *
 * The functions DDEKit shows are read into pci_dev records on first use and
 * kept until dde_linux26_exit(); the lists never change in between, so
 * lookups need no lock once enumeration is done. Binding (register,
 * unregister, probe, remove) is serialised by one mutex, as the driver core
 * serialises it in Linux; probe and remove run in the registering thread.
 */
#include "internal.h"

#include <ddekit/pci.h>

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

static DEFINE_MUTEX(pci_enum_lock);
static DEFINE_MUTEX(pci_bind_lock);
static LIST_HEAD(pci_devices);
static LIST_HEAD(pci_buses);
static LIST_HEAD(pci_drivers);
static int pci_enumerated;

static struct ddekit_pci_dev *ddekit_dev(struct pci_dev *dev)
{
	return dev->sysdata;
}

/* --- enumeration ------------------------------------------------------------
 */

static struct pci_bus *bus_get(unsigned char number)
{
	struct pci_bus *b;

	list_for_each_entry(b, &pci_buses,
	                    node) if (b->number == number) return b;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	b->number = number;
	list_add_tail(&b->node, &pci_buses);
	return b;
}

/* DDEKit's resource flags follow today's Linux, whose values moved since
 * 2.6.24 (IORESOURCE_PREFETCH was 0x1000), so they are translated. */
static unsigned long resource_flags(unsigned long ddekit_flags)
{
	unsigned long flags = 0;

	if (ddekit_flags & DDEKIT_PCI_RES_IO)
		flags |= IORESOURCE_IO;
	if (ddekit_flags & DDEKIT_PCI_RES_MEM)
		flags |= IORESOURCE_MEM;
	if (ddekit_flags & DDEKIT_PCI_RES_PREFETCH)
		flags |= IORESOURCE_PREFETCH;
	return flags;
}

static int add_device(struct ddekit_pci_dev *d, int busnr, int slot, int func)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	ddekit_pci_res_t *r;
	unsigned long irq;
	u8 byte = 0;
	int i;

	if (!dev)
		return -ENOMEM;
	dev->bus = bus_get((unsigned char)busnr);
	if (!dev->bus) {
		kfree(dev);
		return -ENOMEM;
	}
	dev->sysdata = d;
	dev->devfn = PCI_DEVFN(slot, func);
	dev->vendor = ddekit_pci_get_vendor(d);
	dev->device = ddekit_pci_get_device_id(d);
	dev->subsystem_vendor = ddekit_pci_get_sub_vendor(d);
	dev->subsystem_device = ddekit_pci_get_sub_device(d);
	dev->class = ddekit_pci_get_dev_class(d);
	if (!ddekit_pci_readb(busnr, slot, func, PCI_REVISION_ID, &byte))
		dev->revision = byte;
	if (!ddekit_pci_readb(busnr, slot, func, PCI_HEADER_TYPE, &byte))
		dev->hdr_type = byte & 0x7f;
	if (!ddekit_pci_readb(busnr, slot, func, PCI_INTERRUPT_PIN, &byte))
		dev->pin = byte;
	irq = ddekit_pci_get_irq(d);
	dev->irq = irq == 0xff ? 0 : (unsigned int)irq;
	snprintf(dev->dev.bus_id, sizeof(dev->dev.bus_id), "0000:%02x:%02x.%x",
	         busnr, slot, func);
	for (i = 0; i < PCI_ROM_RESOURCE; i++) {
		r = ddekit_pci_get_resource(d, (unsigned)i);
		if (!r || !r->flags)
			continue;
		dev->resource[i].start = r->start;
		dev->resource[i].end = r->end;
		dev->resource[i].flags = resource_flags(r->flags);
		dev->resource[i].name = dev->dev.bus_id;
	}
	/* Linux's default for PCI functions until the driver says more. */
	dev->dma_mask = DMA_32BIT_MASK;
	dev->dev.dma_mask = &dev->dma_mask;
	dev->dev.coherent_dma_mask = DMA_32BIT_MASK;
	list_add_tail(&dev->bus_list, &pci_devices);
	return 0;
}

static void free_all(void)
{
	struct pci_dev *dev, *ndev;
	struct pci_bus *b, *nb;

	list_for_each_entry_safe(dev, ndev, &pci_devices, bus_list)
	{
		list_del(&dev->bus_list);
		kfree(dev);
	}
	list_for_each_entry_safe(b, nb, &pci_buses, node)
	{
		list_del(&b->node);
		kfree(b);
	}
}

/* Reads the functions once; 0 or -ENOMEM (then nothing is kept). */
static int enumerate(void)
{
	struct ddekit_pci_dev *d = NULL;
	int bus, slot, func, err = 0;

	mutex_lock(&pci_enum_lock);
	if (pci_enumerated)
		goto out;
	for (;;) {
		bus = slot = func = DDEKIT_PCI_ANY_ID;
		d = ddekit_pci_find_device(&bus, &slot, &func, d);
		if (!d)
			break;
		err = add_device(d, bus, slot, func);
		if (err) {
			free_all();
			goto out;
		}
	}
	pci_enumerated = 1;
out:
	mutex_unlock(&pci_enum_lock);
	return err;
}

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
                               struct pci_dev *from)
{
	struct list_head *pos;
	struct pci_dev *dev;

	if (enumerate())
		return NULL;
	pos = from ? from->bus_list.next : pci_devices.next;
	for (; pos != &pci_devices; pos = pos->next) {
		dev = list_entry(pos, struct pci_dev, bus_list);
		if ((vendor == (unsigned int)PCI_ANY_ID ||
		     vendor == dev->vendor) &&
		    (device == (unsigned int)PCI_ANY_ID ||
		     device == dev->device))
			return dev;
	}
	return NULL;
}

/* --- drivers ----------------------------------------------------------------
 */

static int id_matches(const struct pci_device_id *id, const struct pci_dev *dev)
{
	const __u32 any = (__u32)PCI_ANY_ID;

	return (id->vendor == any || id->vendor == dev->vendor) &&
	       (id->device == any || id->device == dev->device) &&
	       (id->subvendor == any ||
	        id->subvendor == dev->subsystem_vendor) &&
	       (id->subdevice == any ||
	        id->subdevice == dev->subsystem_device) &&
	       ((id->class ^ dev->class) & id->class_mask) == 0;
}

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
                                         struct pci_dev *dev)
{
	if (!ids)
		return NULL;
	/* The terminating entry is the one with no vendor, subvendor or
	 * class mask: such an entry could match nothing specific. */
	for (; ids->vendor || ids->subvendor || ids->class_mask; ids++)
		if (id_matches(ids, dev))
			return ids;
	return NULL;
}

/* With pci_bind_lock held. */
static void try_bind(struct pci_driver *drv, struct pci_dev *dev)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, dev);
	int err;

	if (!id || !drv->probe)
		return;
	dev->driver = drv;
	dev->dev.driver = &drv->driver;
	err = drv->probe(dev, id);
	if (err) {
		dev->driver = NULL;
		dev->dev.driver = NULL;
		if (err != -ENODEV && err != -ENXIO)
			printk(KERN_WARNING "%s: probe of %s failed with error "
			                    "%d\n",
			       drv->name, pci_name(dev), err);
	}
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;
	int err;

	might_sleep();
	err = enumerate();
	if (err)
		return err;
	drv->driver.name = drv->name;
	mutex_lock(&pci_bind_lock);
	list_add_tail(&drv->node, &pci_drivers);
	list_for_each_entry(dev, &pci_devices, bus_list) if (!dev->driver)
	    try_bind(drv, dev);
	mutex_unlock(&pci_bind_lock);
	return 0;
}

/* With pci_bind_lock held. */
static void unbind(struct pci_dev *dev)
{
	struct pci_driver *drv = dev->driver;

	if (drv->remove)
		drv->remove(dev);
	dev->driver = NULL;
	dev->dev.driver = NULL;
}

void pci_unregister_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;

	might_sleep();
	mutex_lock(&pci_bind_lock);
	list_for_each_entry(dev, &pci_devices, bus_list) if (dev->driver == drv)
	    unbind(dev);
	list_del(&drv->node);
	mutex_unlock(&pci_bind_lock);
}

void dde_linux26_pci_exit(void)
{
	struct pci_driver *drv, *n;
	struct pci_dev *dev;

	mutex_lock(&pci_bind_lock);
	list_for_each_entry_safe(drv, n, &pci_drivers, node)
	{
		printk(KERN_WARNING "dde_linux26: PCI driver %s still "
		                    "registered at exit; removing it\n",
		       drv->name);
		list_for_each_entry(dev, &pci_devices,
		                    bus_list) if (dev->driver == drv)
		    unbind(dev);
		list_del(&drv->node);
	}
	mutex_unlock(&pci_bind_lock);
	mutex_lock(&pci_enum_lock);
	free_all();
	pci_enumerated = 0;
	mutex_unlock(&pci_enum_lock);
}

/* --- the device -------------------------------------------------------------
 */

int pci_enable_device(struct pci_dev *dev)
{
	int err = ddekit_pci_enable_device(ddekit_dev(dev));

	if (!err)
		dev->is_enabled = 1;
	return err;
}

void pci_disable_device(struct pci_dev *dev)
{
	ddekit_pci_disable_device(ddekit_dev(dev));
	dev->is_enabled = 0;
	dev->is_busmaster = 0;
}

void pci_set_master(struct pci_dev *dev)
{
	ddekit_pci_set_master(ddekit_dev(dev));
	dev->is_busmaster = 1;
}

static void command_update(struct pci_dev *dev, u16 set, u16 clear)
{
	u16 cmd;

	if (pci_read_config_word(dev, PCI_COMMAND, &cmd))
		return;
	if (((cmd | set) & ~clear) != cmd)
		pci_write_config_word(dev, PCI_COMMAND, (cmd | set) & ~clear);
}

int pci_set_mwi(struct pci_dev *dev)
{
	u16 cmd = 0;

	command_update(dev, PCI_COMMAND_INVALIDATE, 0);
	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	return cmd & PCI_COMMAND_INVALIDATE ? 0 : -EINVAL;
}

void pci_clear_mwi(struct pci_dev *dev)
{
	command_update(dev, 0, PCI_COMMAND_INVALIDATE);
}

void pci_intx(struct pci_dev *dev, int enable)
{
	if (enable)
		command_update(dev, 0, PCI_COMMAND_INTX_DISABLE);
	else
		command_update(dev, PCI_COMMAND_INTX_DISABLE, 0);
}

int pci_find_capability(struct pci_dev *dev, int cap)
{
	u16 status = 0;
	u8 pos = 0, id = 0;
	int ttl = 48; /* a malformed list must not loop forever */

	if (pci_read_config_word(dev, PCI_STATUS, &status) ||
	    !(status & PCI_STATUS_CAP_LIST))
		return 0;
	if (pci_read_config_byte(dev, PCI_CAPABILITY_LIST, &pos))
		return 0;
	while (ttl-- && pos >= 0x40) {
		pos &= ~3;
		if (pci_read_config_byte(dev, pos + PCI_CAP_LIST_ID, &id))
			return 0;
		if (id == 0xff)
			return 0;
		if (id == cap)
			return pos;
		if (pci_read_config_byte(dev, pos + PCI_CAP_LIST_NEXT, &pos))
			return 0;
	}
	return 0;
}

int pci_save_state(struct pci_dev *dev)
{
	int i;

	for (i = 0; i < 16; i++)
		if (pci_read_config_dword(dev, i * 4,
		                          &dev->saved_config_space[i]))
			return -EIO;
	dev->state_saved = 1;
	return 0;
}

int pci_restore_state(struct pci_dev *dev)
{
	u32 val;
	int i;

	if (!dev->state_saved)
		return 0;
	/* Last first, so the command register enables decoding only after
	 * the BARs are back. */
	for (i = 15; i >= 0; i--) {
		if (pci_read_config_dword(dev, i * 4, &val))
			return -EIO;
		if (val != dev->saved_config_space[i])
			pci_write_config_dword(dev, i * 4,
			                       dev->saved_config_space[i]);
	}
	return 0;
}

/* --- configuration space -----------------------------------------------------
 */

static int pcibios_result(int err)
{
	switch (err) {
	case 0:
		return PCIBIOS_SUCCESSFUL;
	case -ENODEV:
		return PCIBIOS_DEVICE_NOT_FOUND;
	case -EINVAL:
		return PCIBIOS_BAD_REGISTER_NUMBER;
	default:
		return PCIBIOS_FUNC_NOT_SUPPORTED;
	}
}

static int config_read(struct pci_dev *dev, int where, int len, u32 *val)
{
	int err;

	if (where < 0 || (where & (len - 1))) {
		*val = ~0u;
		return PCIBIOS_BAD_REGISTER_NUMBER;
	}
	err = ddekit_pci_read(dev->bus->number, (int)PCI_SLOT(dev->devfn),
	                      (int)PCI_FUNC(dev->devfn), where, len, val);
	if (err)
		*val = ~0u; /* what hardware answers for no device */
	return pcibios_result(err);
}

static int config_write(struct pci_dev *dev, int where, int len, u32 val)
{
	if (where < 0 || (where & (len - 1)))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	return pcibios_result(
	    ddekit_pci_write(dev->bus->number, (int)PCI_SLOT(dev->devfn),
	                     (int)PCI_FUNC(dev->devfn), where, len, val));
}

int pci_read_config_byte(struct pci_dev *dev, int where, u8 *val)
{
	u32 v;
	int err = config_read(dev, where, 1, &v);

	*val = (u8)v;
	return err;
}

int pci_read_config_word(struct pci_dev *dev, int where, u16 *val)
{
	u32 v;
	int err = config_read(dev, where, 2, &v);

	*val = (u16)v;
	return err;
}

int pci_read_config_dword(struct pci_dev *dev, int where, u32 *val)
{
	return config_read(dev, where, 4, val);
}

int pci_write_config_byte(struct pci_dev *dev, int where, u8 val)
{
	return config_write(dev, where, 1, val);
}

int pci_write_config_word(struct pci_dev *dev, int where, u16 val)
{
	return config_write(dev, where, 2, val);
}

int pci_write_config_dword(struct pci_dev *dev, int where, u32 val)
{
	return config_write(dev, where, 4, val);
}

/* --- regions and DMA masks
 * ----------------------------------------------------- */

int pci_request_region(struct pci_dev *dev, int bar, const char *res_name)
{
	resource_size_t start, len;
	unsigned long flags;
	struct resource *res = NULL;

	if (bar < 0 || bar >= PCI_ROM_RESOURCE)
		return -EINVAL;
	start = pci_resource_start(dev, bar);
	len = pci_resource_len(dev, bar);
	flags = pci_resource_flags(dev, bar);
	if (!len)
		return 0;
	if (flags & IORESOURCE_IO)
		res = request_region(start, len, res_name);
	else if (flags & IORESOURCE_MEM)
		res = request_mem_region(start, len, res_name);
	else
		return 0;
	if (!res) {
		printk(KERN_WARNING "PCI: %s: cannot reserve %s BAR %d "
		                    "(0x%lx+0x%lx)\n",
		       pci_name(dev), flags & IORESOURCE_IO ? "I/O" : "memory",
		       bar, (unsigned long)start, (unsigned long)len);
		return -EBUSY;
	}
	return 0;
}

void pci_release_region(struct pci_dev *dev, int bar)
{
	resource_size_t start, len;
	unsigned long flags;

	if (bar < 0 || bar >= PCI_ROM_RESOURCE)
		return;
	start = pci_resource_start(dev, bar);
	len = pci_resource_len(dev, bar);
	flags = pci_resource_flags(dev, bar);
	if (!len)
		return;
	if (flags & IORESOURCE_IO)
		release_region(start, len);
	else if (flags & IORESOURCE_MEM)
		release_mem_region(start, len);
}

int pci_request_regions(struct pci_dev *dev, const char *res_name)
{
	int bar, err = 0;

	for (bar = 0; bar < PCI_ROM_RESOURCE; bar++) {
		err = pci_request_region(dev, bar, res_name);
		if (err)
			goto out_release;
	}
	return 0;

out_release:
	while (--bar >= 0)
		pci_release_region(dev, bar);
	return err;
}

void pci_release_regions(struct pci_dev *dev)
{
	int bar;

	for (bar = 0; bar < PCI_ROM_RESOURCE; bar++)
		pci_release_region(dev, bar);
}

int pci_set_dma_mask(struct pci_dev *dev, u64 mask)
{
	return dma_set_mask(&dev->dev, mask);
}

int pci_set_consistent_dma_mask(struct pci_dev *dev, u64 mask)
{
	if (!dma_supported(&dev->dev, mask))
		return -EIO;
	dev->dev.coherent_dma_mask = mask;
	return 0;
}
