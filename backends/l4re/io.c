/*
 * io.c — I/O ports and device memory through io.
 *
 * io maps the ports of the vbus's devices into our task on request; after
 * that in/out instructions work directly. Device memory is mapped page-wise
 * from the vbus, uncached.
 */
#include <pthread.h>
#include <stdlib.h>

#include "l4re_backend.h"

#define PAGE DDEKIT_HOST_PAGE_SIZE

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	long err;

	if (!count || port > 0xffff || count > 0x10000 - port)
		return -DDEKIT_EINVAL;
	err = l4io_request_ioport((unsigned)port, (unsigned)count);
	if (err < 0) {
		l4re_log("l4re: io refused ports 0x%llx-0x%llx (%ld): the vbus "
		         "must contain a device with them (.io file)\n",
		         (unsigned long long)port,
		         (unsigned long long)(port + count - 1), err);
		return err == -L4_EPERM ? -DDEKIT_EPERM : -DDEKIT_EACCES;
	}
	return 0;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	if (count && port <= 0xffff)
		l4io_release_ioport((unsigned)port, (unsigned)count);
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	switch (width) {
	case 1:
		return l4util_in8((l4_uint16_t)port);
	case 2:
		return l4util_in16((l4_uint16_t)port);
	default:
		return l4util_in32((l4_uint16_t)port);
	}
}

void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val)
{
	switch (width) {
	case 1:
		l4util_out8((l4_uint8_t)val, (l4_uint16_t)port);
		break;
	case 2:
		l4util_out16((l4_uint16_t)val, (l4_uint16_t)port);
		break;
	default:
		l4util_out32(val, (l4_uint16_t)port);
		break;
	}
}

/* Mappings by the address we returned, to unmap the whole pages. */
struct mmio_rec {
	struct mmio_rec *next;
	void *virt;
	l4_addr_t base;
	unsigned long size;
};

static pthread_mutex_t mmio_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mmio_rec *mmio_maps;

int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt)
{
	uint64_t start = phys & ~(uint64_t)(PAGE - 1);
	uint64_t end = (phys + size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	struct mmio_rec *r;
	l4_addr_t va = 0;
	long err;

	if (!size || !virt || phys + size < phys)
		return -DDEKIT_EINVAL;
	r = malloc(sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	err = l4io_request_iomem((l4_addr_t)start, (unsigned long)(end - start),
	                         L4IO_MEM_NONCACHED, &va);
	if (err < 0) {
		free(r);
		if (!l4re_pci_find_mem(phys, size) || err == -L4_ENOENT ||
		    err == -L4_ENODEV || err == -L4_EINVAL)
			return -DDEKIT_ENODEV;
		return -DDEKIT_EACCES;
	}
	r->base = va;
	r->size = (unsigned long)(end - start);
	r->virt = (void *)(va + (l4_addr_t)(phys - start));
	pthread_mutex_lock(&mmio_lock);
	r->next = mmio_maps;
	mmio_maps = r;
	pthread_mutex_unlock(&mmio_lock);
	*virt = r->virt;
	return 0;
}

void ddekit_host_mmio_unmap(void *virt, uint64_t size)
{
	struct mmio_rec **pp, *r = NULL;

	(void)size;
	pthread_mutex_lock(&mmio_lock);
	for (pp = &mmio_maps; *pp; pp = &(*pp)->next) {
		if ((*pp)->virt == virt) {
			r = *pp;
			*pp = r->next;
			break;
		}
	}
	pthread_mutex_unlock(&mmio_lock);
	if (!r) {
		l4re_log("l4re: mmio_unmap(%p) of no mapping\n", virt);
		return;
	}
	l4io_release_iomem(r->base, r->size);
	free(r);
}

uint64_t ddekit_host_mmio_read(const volatile void *addr, unsigned width)
{
	return l4re_sys_mmio_read(addr, width);
}

void ddekit_host_mmio_write(volatile void *addr, unsigned width, uint64_t val)
{
	l4re_sys_mmio_write(addr, width, val);
}
