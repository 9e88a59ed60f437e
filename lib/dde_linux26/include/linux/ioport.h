/*
 * linux/ioport.h — I/O port and device memory ranges (libdde emulation of
 * Linux 2.6.24).
 *
 * A request claims the range through DDEKit's resource accounting, so a
 * range requested twice (even partly) is refused: request_region() and
 * request_mem_region() return NULL then. A requested memory range is also
 * mapped, and ioremap() of (part of) it uses that mapping.
 *
 * Knowingly missing: the resource tree (allocate_resource, insert_resource,
 * parent/child walks), check_region(), devm_ variants.
 */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include <linux/compiler.h>
#include <linux/types.h>

struct resource {
	resource_size_t start;
	resource_size_t end; /* inclusive */
	const char *name;
	unsigned long flags;
	struct resource *parent, *sibling, *child;
};

/* Flags (the 2.6.24 values). */
#define IORESOURCE_BITS      0x000000ff
#define IORESOURCE_IO        0x00000100
#define IORESOURCE_MEM       0x00000200
#define IORESOURCE_IRQ       0x00000400
#define IORESOURCE_DMA       0x00000800
#define IORESOURCE_PREFETCH  0x00001000
#define IORESOURCE_READONLY  0x00002000
#define IORESOURCE_CACHEABLE 0x00004000
#define IORESOURCE_DISABLED  0x10000000
#define IORESOURCE_UNSET     0x20000000
#define IORESOURCE_AUTO      0x40000000
#define IORESOURCE_BUSY      0x80000000

/* Roots of the two address spaces; requests name them as parent. */
extern struct resource ioport_resource;
extern struct resource iomem_resource;

/* Returns the claimed range, or NULL when it is busy or cannot be had. */
struct resource *__request_region(struct resource *parent,
                                  resource_size_t start, resource_size_t n,
                                  const char *name);
/* Gives back a range claimed exactly so; anything else is warned about. */
void __release_region(struct resource *parent, resource_size_t start,
                      resource_size_t n);

#define request_region(start, n, name)                                         \
	__request_region(&ioport_resource, (start), (n), (name))
#define release_region(start, n)                                               \
	__release_region(&ioport_resource, (start), (n))
#define request_mem_region(start, n, name)                                     \
	__request_region(&iomem_resource, (start), (n), (name))
#define release_mem_region(start, n)                                           \
	__release_region(&iomem_resource, (start), (n))

#endif /* _LINUX_IOPORT_H */
