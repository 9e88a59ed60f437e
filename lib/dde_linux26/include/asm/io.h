/*
 * asm/io.h — device register access (libdde emulation of Linux 2.6.24 x86).
 *
 * Memory-mapped registers: ioremap() a physical range (normally a PCI BAR),
 * then readb/w/l/q and writeb/w/l/q(value, addr) at addresses inside the
 * mapping. Every access is one DDEKit MMIO access, ordered with all other
 * device and DMA-memory accesses, so the __raw_ and _relaxed forms are the
 * same accesses and mmiowb() has nothing left to order.
 * Ports: inb/w/l and outb/w/l(value, port) (+ _p and string forms) on ports
 * claimed with request_region() (or pci_request_regions()); touching an
 * unclaimed port is a driver bug and panics.
 * ioread*()/iowrite*() take either kind of cookie: from pci_iomap(),
 * ioport_map() or ioremap().
 *
 * Knowingly missing: virt_to_phys/phys_to_virt/virt_to_bus/bus_to_virt
 * (devices need bus addresses from the DMA API), ioremap_cache/_wc,
 * memory barriers beyond asm/system.h's, big-endian ioread*be.
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <asm/system.h>

struct pci_dev;

void __iomem *ioremap(unsigned long offset, unsigned long size);
void __iomem *ioremap_nocache(unsigned long offset, unsigned long size);
void iounmap(volatile void __iomem *addr);

unsigned char readb(const volatile void __iomem *addr);
unsigned short readw(const volatile void __iomem *addr);
unsigned int readl(const volatile void __iomem *addr);
unsigned long long readq(const volatile void __iomem *addr);
void writeb(unsigned char value, volatile void __iomem *addr);
void writew(unsigned short value, volatile void __iomem *addr);
void writel(unsigned int value, volatile void __iomem *addr);
void writeq(unsigned long long value, volatile void __iomem *addr);

#define __raw_readb   readb
#define __raw_readw   readw
#define __raw_readl   readl
#define __raw_readq   readq
#define __raw_writeb  writeb
#define __raw_writew  writew
#define __raw_writel  writel
#define __raw_writeq  writeq
#define readb_relaxed readb
#define readw_relaxed readw
#define readl_relaxed readl
#define readq_relaxed readq
#define __readb       readb
#define __readw       readw
#define __readl       readl
#define __writeb      writeb
#define __writew      writew
#define __writel      writel
#define mmiowb()      barrier()

void memcpy_fromio(void *to, const volatile void __iomem *from, size_t count);
void memcpy_toio(volatile void __iomem *to, const void *from, size_t count);
void memset_io(volatile void __iomem *addr, int value, size_t count);

unsigned char inb(unsigned long port);
unsigned short inw(unsigned long port);
unsigned int inl(unsigned long port);
void outb(unsigned char value, unsigned long port);
void outw(unsigned short value, unsigned long port);
void outl(unsigned int value, unsigned long port);
/* No ISA bus to give time to: the pausing forms are the plain ones. */
#define inb_p  inb
#define inw_p  inw
#define inl_p  inl
#define outb_p outb
#define outw_p outw
#define outl_p outl

void insb(unsigned long port, void *addr, unsigned long count);
void insw(unsigned long port, void *addr, unsigned long count);
void insl(unsigned long port, void *addr, unsigned long count);
void outsb(unsigned long port, const void *addr, unsigned long count);
void outsw(unsigned long port, const void *addr, unsigned long count);
void outsl(unsigned long port, const void *addr, unsigned long count);

/* Cookies for either kind of register (asm-generic/iomap.h in Linux). */
void __iomem *ioport_map(unsigned long port, unsigned int nr);
void ioport_unmap(void __iomem *addr);
unsigned int ioread8(void __iomem *addr);
unsigned int ioread16(void __iomem *addr);
unsigned int ioread32(void __iomem *addr);
void iowrite8(u8 value, void __iomem *addr);
void iowrite16(u16 value, void __iomem *addr);
void iowrite32(u32 value, void __iomem *addr);
void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
void pci_iounmap(struct pci_dev *dev, void __iomem *addr);

#endif /* _ASM_IO_H */
