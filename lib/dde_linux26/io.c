/*
 * io.c — I/O port and device-memory regions, ioremap, register accessors.
 *
 * DDEKit claims and maps device memory in one step (ddekit_request_mem),
 * while Linux claims (request_mem_region) and maps (ioremap) separately and
 * in either order. Each claimed or mapped range therefore gets one record:
 * claimed by a request, mapped by any number of ioremaps, and given back to
 * DDEKit when it is neither.
 *
 * Port cookies (ioport_map, pci_iomap of an I/O BAR) point into a window of
 * our own static storage, one byte per port: no device mapping can ever lie
 * there, so ioread*()/iowrite*() tell the two kinds apart by address alone.
 */
#include "internal.h"

#include <ddekit/resources.h>

#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/io.h>

#define PORT_SPACE 0x10000ul

struct io_region {
	struct list_head link;
	struct resource res; /* what a request returns */
	int claimed;         /* by request_region/request_mem_region */
	int maps;            /* ioremaps using vaddr */
	unsigned long vaddr; /* memory only: DDEKit's mapping of res.start */
};

struct resource ioport_resource = {
    .name = "PCI IO",
    .start = 0,
    .end = PORT_SPACE - 1,
    .flags = IORESOURCE_IO,
};

struct resource iomem_resource = {
    .name = "PCI mem",
    .start = 0,
    .end = ~(resource_size_t)0,
    .flags = IORESOURCE_MEM,
};

static DEFINE_MUTEX(io_lock);
static LIST_HEAD(io_regions);
static char port_window[PORT_SPACE];

static unsigned long kind_of(const struct resource *parent)
{
	return parent->flags & IORESOURCE_IO ? IORESOURCE_IO : IORESOURCE_MEM;
}

static unsigned long region_len(const struct io_region *r)
{
	return r->res.end - r->res.start + 1;
}

/* With io_lock held: the first region of @kind overlapping [start, end]. */
static struct io_region *find_overlap(unsigned long kind, resource_size_t start,
                                      resource_size_t end)
{
	struct io_region *r;

	list_for_each_entry(r, &io_regions,
	                    link) if ((r->res.flags & kind) &&
	                              r->res.start <= end &&
	                              start <= r->res.end) return r;
	return NULL;
}

/* With io_lock held: hand the range back to DDEKit once nobody uses it. */
static void region_put(struct io_region *r)
{
	int err;

	if (r->claimed || r->maps)
		return;
	if (r->res.flags & IORESOURCE_IO)
		err = ddekit_release_io(r->res.start, region_len(r));
	else
		err = ddekit_release_mem(r->res.start, region_len(r));
	if (err)
		printk(KERN_WARNING "dde_linux26: releasing 0x%lx+0x%lx: %d\n",
		       (unsigned long)r->res.start, region_len(r), err);
	list_del(&r->link);
	kfree(r);
}

/* With io_lock held: claim [start, start + n) from DDEKit; NULL if not. */
static struct io_region *region_new(unsigned long kind, resource_size_t start,
                                    resource_size_t n, const char *name)
{
	struct io_region *r = kzalloc(sizeof(*r), GFP_KERNEL);
	ddekit_addr_t vaddr = 0;
	int err;

	if (!r)
		return NULL;
	if (kind == IORESOURCE_IO)
		err = ddekit_request_io(start, n);
	else
		err = ddekit_request_mem(start, n, &vaddr);
	if (err) {
		kfree(r);
		return NULL;
	}
	r->res.start = start;
	r->res.end = start + n - 1;
	r->res.name = name;
	r->res.flags = kind | IORESOURCE_BUSY;
	r->vaddr = vaddr;
	list_add_tail(&r->link, &io_regions);
	return r;
}

struct resource *__request_region(struct resource *parent,
                                  resource_size_t start, resource_size_t n,
                                  const char *name)
{
	unsigned long kind = kind_of(parent);
	struct resource *res = NULL;
	struct io_region *r;

	if (n == 0 || start + n - 1 < start)
		return NULL;
	mutex_lock(&io_lock);
	r = find_overlap(kind, start, start + n - 1);
	if (r) {
		/* Only a range that is mapped but not claimed, and exactly
		 * this one, can be claimed now. */
		if (r->claimed || r->res.start != start ||
		    r->res.end != start + n - 1)
			goto out;
		r->res.name = name;
	} else {
		r = region_new(kind, start, n, name);
		if (!r)
			goto out;
	}
	r->claimed = 1;
	res = &r->res;
out:
	mutex_unlock(&io_lock);
	return res;
}

void __release_region(struct resource *parent, resource_size_t start,
                      resource_size_t n)
{
	unsigned long kind = kind_of(parent);
	struct io_region *r;

	mutex_lock(&io_lock);
	r = find_overlap(kind, start, start + n - 1);
	if (!r || !r->claimed || r->res.start != start ||
	    r->res.end != start + n - 1) {
		printk(KERN_WARNING "dde_linux26: release of 0x%lx+0x%lx, "
		                    "which was not requested so\n",
		       (unsigned long)start, (unsigned long)n);
		goto out;
	}
	r->claimed = 0;
	region_put(r);
out:
	mutex_unlock(&io_lock);
}

void __iomem *ioremap(unsigned long offset, unsigned long size)
{
	void __iomem *addr = NULL;
	struct io_region *r;

	if (size == 0 || offset + size - 1 < offset)
		return NULL;
	mutex_lock(&io_lock);
	r = find_overlap(IORESOURCE_MEM, offset, offset + size - 1);
	if (r && (offset < r->res.start || offset + size - 1 > r->res.end)) {
		printk(KERN_ERR "dde_linux26: ioremap(0x%lx, 0x%lx) straddles "
		                "the mapped range 0x%lx+0x%lx\n",
		       offset, size, (unsigned long)r->res.start,
		       region_len(r));
		goto out;
	}
	if (!r) {
		r = region_new(IORESOURCE_MEM, offset, size, "ioremap");
		if (!r) {
			printk(KERN_ERR "dde_linux26: ioremap(0x%lx, 0x%lx) "
			                "failed\n",
			       offset, size);
			goto out;
		}
	}
	r->maps++;
	addr = (void __iomem *)(r->vaddr + (offset - r->res.start));
out:
	mutex_unlock(&io_lock);
	return addr;
}

void __iomem *ioremap_nocache(unsigned long offset, unsigned long size)
{
	return ioremap(offset, size);
}

void iounmap(volatile void __iomem *addr)
{
	unsigned long a = (unsigned long)addr;
	struct io_region *r;

	mutex_lock(&io_lock);
	list_for_each_entry(r, &io_regions, link)
	{
		if (r->maps && a >= r->vaddr && a - r->vaddr < region_len(r)) {
			r->maps--;
			region_put(r);
			goto out;
		}
	}
	printk(KERN_WARNING "dde_linux26: iounmap(%p) of no mapping\n",
	       (void *)a);
out:
	mutex_unlock(&io_lock);
}

void dde_linux26_io_exit(void)
{
	struct io_region *r;

	mutex_lock(&io_lock);
	while (!list_empty(&io_regions)) {
		r = list_first_entry(&io_regions, struct io_region, link);
		printk(KERN_WARNING "dde_linux26: %s 0x%lx+0x%lx (%s) still "
		                    "held at exit\n",
		       r->res.flags & IORESOURCE_IO ? "ports" : "memory",
		       (unsigned long)r->res.start, region_len(r),
		       r->res.name ? r->res.name : "?");
		r->claimed = 0;
		r->maps = 0;
		region_put(r);
	}
	mutex_unlock(&io_lock);
}

/* --- memory-mapped registers ---------------------------------------------- */

unsigned char readb(const volatile void __iomem *addr)
{
	return ddekit_mmio_read8(addr);
}

unsigned short readw(const volatile void __iomem *addr)
{
	return ddekit_mmio_read16(addr);
}

unsigned int readl(const volatile void __iomem *addr)
{
	return ddekit_mmio_read32(addr);
}

unsigned long long readq(const volatile void __iomem *addr)
{
	return ddekit_mmio_read64(addr);
}

void writeb(unsigned char value, volatile void __iomem *addr)
{
	ddekit_mmio_write8(addr, value);
}

void writew(unsigned short value, volatile void __iomem *addr)
{
	ddekit_mmio_write16(addr, value);
}

void writel(unsigned int value, volatile void __iomem *addr)
{
	ddekit_mmio_write32(addr, value);
}

void writeq(unsigned long long value, volatile void __iomem *addr)
{
	ddekit_mmio_write64(addr, value);
}

void memcpy_fromio(void *to, const volatile void __iomem *from, size_t count)
{
	const volatile u8 __iomem *src = from;
	u8 *dst = to;
	size_t i;

	for (i = 0; i < count; i++)
		dst[i] = ddekit_mmio_read8(src + i);
}

void memcpy_toio(volatile void __iomem *to, const void *from, size_t count)
{
	volatile u8 __iomem *dst = to;
	const u8 *src = from;
	size_t i;

	for (i = 0; i < count; i++)
		ddekit_mmio_write8(dst + i, src[i]);
}

void memset_io(volatile void __iomem *addr, int value, size_t count)
{
	volatile u8 __iomem *dst = addr;
	size_t i;

	for (i = 0; i < count; i++)
		ddekit_mmio_write8(dst + i, (u8)value);
}

/* --- ports ------------------------------------------------------------------
 */

unsigned char inb(unsigned long port)
{
	return ddekit_inb(port);
}

unsigned short inw(unsigned long port)
{
	return ddekit_inw(port);
}

unsigned int inl(unsigned long port)
{
	return (unsigned int)ddekit_inl(port);
}

void outb(unsigned char value, unsigned long port)
{
	ddekit_outb(port, value);
}

void outw(unsigned short value, unsigned long port)
{
	ddekit_outw(port, value);
}

void outl(unsigned int value, unsigned long port)
{
	ddekit_outl(port, value);
}

/* The string forms move whole elements; @addr need not be aligned. */
void insb(unsigned long port, void *addr, unsigned long count)
{
	u8 *p = addr;

	while (count--)
		*p++ = ddekit_inb(port);
}

void insw(unsigned long port, void *addr, unsigned long count)
{
	u8 *p = addr;
	u16 v;

	for (; count--; p += sizeof(v)) {
		v = ddekit_inw(port);
		memcpy(p, &v, sizeof(v));
	}
}

void insl(unsigned long port, void *addr, unsigned long count)
{
	u8 *p = addr;
	u32 v;

	for (; count--; p += sizeof(v)) {
		v = (u32)ddekit_inl(port);
		memcpy(p, &v, sizeof(v));
	}
}

void outsb(unsigned long port, const void *addr, unsigned long count)
{
	const u8 *p = addr;

	while (count--)
		ddekit_outb(port, *p++);
}

void outsw(unsigned long port, const void *addr, unsigned long count)
{
	const u8 *p = addr;
	u16 v;

	for (; count--; p += sizeof(v)) {
		memcpy(&v, p, sizeof(v));
		ddekit_outw(port, v);
	}
}

void outsl(unsigned long port, const void *addr, unsigned long count)
{
	const u8 *p = addr;
	u32 v;

	for (; count--; p += sizeof(v)) {
		memcpy(&v, p, sizeof(v));
		ddekit_outl(port, v);
	}
}

/* --- cookies for either kind -----------------------------------------------
 */

static int cookie_port(const void __iomem *addr, unsigned long *port)
{
	unsigned long off = (unsigned long)addr - (unsigned long)port_window;

	if (off >= PORT_SPACE)
		return 0;
	*port = off;
	return 1;
}

void __iomem *ioport_map(unsigned long port, unsigned int nr)
{
	if (port >= PORT_SPACE || nr > PORT_SPACE - port)
		return NULL;
	return (void __iomem *)(port_window + port);
}

void ioport_unmap(void __iomem *addr)
{
	(void)addr;
}

unsigned int ioread8(void __iomem *addr)
{
	unsigned long port;

	return cookie_port(addr, &port) ? inb(port) : readb(addr);
}

unsigned int ioread16(void __iomem *addr)
{
	unsigned long port;

	return cookie_port(addr, &port) ? inw(port) : readw(addr);
}

unsigned int ioread32(void __iomem *addr)
{
	unsigned long port;

	return cookie_port(addr, &port) ? inl(port) : readl(addr);
}

void iowrite8(u8 value, void __iomem *addr)
{
	unsigned long port;

	if (cookie_port(addr, &port))
		outb(value, port);
	else
		writeb(value, addr);
}

void iowrite16(u16 value, void __iomem *addr)
{
	unsigned long port;

	if (cookie_port(addr, &port))
		outw(value, port);
	else
		writew(value, addr);
}

void iowrite32(u32 value, void __iomem *addr)
{
	unsigned long port;

	if (cookie_port(addr, &port))
		outl(value, port);
	else
		writel(value, addr);
}

void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	unsigned long start, len, flags;

	if (bar < 0 || bar >= PCI_ROM_RESOURCE)
		return NULL;
	start = pci_resource_start(dev, bar);
	len = pci_resource_len(dev, bar);
	flags = pci_resource_flags(dev, bar);
	if (!len)
		return NULL;
	if (maxlen && len > maxlen)
		len = maxlen;
	if (flags & IORESOURCE_IO)
		return ioport_map(start, (unsigned int)len);
	if (flags & IORESOURCE_MEM)
		return ioremap(start, len);
	return NULL;
}

void pci_iounmap(struct pci_dev *dev, void __iomem *addr)
{
	unsigned long port;

	(void)dev;
	if (cookie_port(addr, &port))
		ioport_unmap(addr);
	else
		iounmap(addr);
}
