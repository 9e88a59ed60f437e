/*
 * host_io.c — I/O ports and device memory. The backend runs in ring 0:
 * every port is reachable and needs no grant. Device memory is identity
 * mapped, uncached (paging.c); lib/ddekit may map only what a PCI function
 * decodes, as on the other hosts.
 */
#include <ddekit/host.h>

#include "bm.h"
#include "host.h"

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	if (!count || port > 0xffff || count > 0x10000 - port) {
		bm_printf("bare metal: ports 0x%lx+%lu do not exist (x86 has "
		          "65536)\n",
		          port, count);
		return -DDEKIT_EACCES;
	}
	return 0;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	(void)port;
	(void)count;
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	if (width == 1)
		return bm_inb((uint16_t)port);
	if (width == 2)
		return bm_inw((uint16_t)port);
	return bm_inl((uint16_t)port);
}

void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val)
{
	if (width == 1)
		bm_outb((uint16_t)port, (uint8_t)val);
	else if (width == 2)
		bm_outw((uint16_t)port, (uint16_t)val);
	else
		bm_outl((uint16_t)port, val);
}

int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt)
{
	int r;

	if (!bm_host_pci_find_bar(phys, size)) {
		bm_printf("bare metal: no PCI BAR holds 0x%lx+0x%lx\n", phys,
		          size);
		return -DDEKIT_ENODEV;
	}
	r = bm_map_device(phys, size);
	if (r == 0)
		*virt = (void *)(uintptr_t)phys;
	return r;
}

void ddekit_host_mmio_unmap(void *virt, uint64_t size)
{
	/* The identity mapping stays: unmapping 2 MiB pages could take a
	 * neighbouring device's registers with it. */
	(void)virt;
	(void)size;
}

/*
 * x86 keeps uncached accesses in program order and orders them after
 * earlier stores to ordinary memory (SDM vol. 3A, 8.2.2), so one volatile
 * access with a compiler barrier on each side is enough.
 */
uint64_t ddekit_host_mmio_read(const volatile void *addr, unsigned width)
{
	uint64_t v;

	__asm__ volatile("" : : : "memory");
	switch (width) {
	case 1:
		v = *(const volatile uint8_t *)addr;
		break;
	case 2:
		v = *(const volatile uint16_t *)addr;
		break;
	case 4:
		v = *(const volatile uint32_t *)addr;
		break;
	default:
		v = *(const volatile uint64_t *)addr;
	}
	__asm__ volatile("" : : : "memory");
	return v;
}

void ddekit_host_mmio_write(volatile void *addr, unsigned width, uint64_t val)
{
	__asm__ volatile("" : : : "memory");
	switch (width) {
	case 1:
		*(volatile uint8_t *)addr = (uint8_t)val;
		break;
	case 2:
		*(volatile uint16_t *)addr = (uint16_t)val;
		break;
	case 4:
		*(volatile uint32_t *)addr = (uint32_t)val;
		break;
	default:
		*(volatile uint64_t *)addr = val;
	}
	__asm__ volatile("" : : : "memory");
}
