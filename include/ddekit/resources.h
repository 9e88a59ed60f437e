/*
 * ddekit/resources.h — I/O ports, device memory, ISA DMA channels.
 *
 * Requests are accounted: a range requested twice (even partly) fails with
 * -DDEKIT_EBUSY, releasing a range that was not requested exactly so fails
 * with -DDEKIT_EINVAL. All request/release calls may sleep.
 */
#ifndef DDEKIT_RESOURCES_H
#define DDEKIT_RESOURCES_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/** ddekit_request_dma() / ddekit_release_dma() - claim an ISA DMA channel
 * (0..7); bookkeeping only. 0, -DDEKIT_EBUSY, -DDEKIT_EINVAL. */
int ddekit_request_dma(int nr);
int ddekit_release_dma(int nr);

/**
 * ddekit_request_io() - claim I/O ports [@start, @start + @count) and get
 * access to them from the host. Returns 0, -DDEKIT_EBUSY (overlaps a
 * claimed range), -DDEKIT_EINVAL (count 0, beyond 0xffff), or the host's
 * refusal (-DDEKIT_EACCES/-DDEKIT_EPERM, with a printed reason).
 */
int ddekit_request_io(ddekit_addr_t start, ddekit_addr_t count);

/** ddekit_release_io() - give a claimed range back (exactly as claimed). */
int ddekit_release_io(ddekit_addr_t start, ddekit_addr_t count);

/**
 * ddekit_request_mem() - claim and map device memory (a BAR range) at
 * physical address @start.
 * @vaddr: out: where it is mapped. Access it with ddekit_mmio_read*() and
 *         ddekit_mmio_write*(), which carry the barriers and work on every
 *         host (a simulated machine sees each access).
 * Returns 0, -DDEKIT_EBUSY, -DDEKIT_EINVAL, or the host's error
 * (-DDEKIT_ENODEV when no device decodes the range).
 */
int ddekit_request_mem(ddekit_addr_t start, ddekit_addr_t count,
                       ddekit_addr_t *vaddr);

/** ddekit_release_mem() - unmap and give back a claimed range. */
int ddekit_release_mem(ddekit_addr_t start, ddekit_addr_t count);

/*
 * Port access. The port must lie in a range claimed with
 * ddekit_request_io(); touching any other port is a driver bug and panics
 * with the port number. Any context; never sleeps.
 */
unsigned char ddekit_inb(ddekit_addr_t port);
unsigned short ddekit_inw(ddekit_addr_t port);
unsigned long ddekit_inl(ddekit_addr_t port);
void ddekit_outb(ddekit_addr_t port, unsigned char val);
void ddekit_outw(ddekit_addr_t port, unsigned short val);
void ddekit_outl(ddekit_addr_t port, unsigned long val);

/*
 * Device-memory access (extension): one access of the given width at an
 * address inside a ddekit_request_mem() mapping, ordered with all other
 * device and DMA-memory accesses. Any context; never sleeps.
 */
ddekit_uint8_t ddekit_mmio_read8(const volatile void *addr);
ddekit_uint16_t ddekit_mmio_read16(const volatile void *addr);
ddekit_uint32_t ddekit_mmio_read32(const volatile void *addr);
ddekit_uint64_t ddekit_mmio_read64(const volatile void *addr);
void ddekit_mmio_write8(volatile void *addr, ddekit_uint8_t val);
void ddekit_mmio_write16(volatile void *addr, ddekit_uint16_t val);
void ddekit_mmio_write32(volatile void *addr, ddekit_uint32_t val);
void ddekit_mmio_write64(volatile void *addr, ddekit_uint64_t val);

DDEKIT_END_DECLS

#endif /* DDEKIT_RESOURCES_H */
