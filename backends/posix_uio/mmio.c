/*
 * mmio.c — device memory on posix_uio.
 *
 * Mapping BARs needs the PCI support (sysfs resource files or VFIO regions),
 * which is not built yet. The accessors are complete: one volatile access of
 * the given width between full barriers, so the compiler cannot merge,
 * split or move it and the CPU orders it against other device and DMA
 * memory accesses.
 */
#include "posix_uio.h"

static atomic_bool mmio_told;

int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt)
{
	(void)phys;
	(void)size;
	(void)virt;
	posix_uio_log_once(&mmio_told,
	                   "posix_uio: mapping device memory needs the PCI "
	                   "support of backends/posix_uio (not built yet); "
	                   "until it is, run drivers that use memory BARs on "
	                   "another backend\n");
	return -DDEKIT_ENOSYS;
}

void ddekit_host_mmio_unmap(void *virt, uint64_t size)
{
	(void)virt;
	(void)size;
}

uint64_t ddekit_host_mmio_read(const volatile void *addr, unsigned width)
{
	uint64_t v;

	atomic_thread_fence(memory_order_seq_cst);
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
	case 8:
		v = *(const volatile uint64_t *)addr;
		break;
	default:
		v = UINT64_MAX;
		break;
	}
	atomic_thread_fence(memory_order_seq_cst);
	return v;
}

void ddekit_host_mmio_write(volatile void *addr, unsigned width, uint64_t val)
{
	atomic_thread_fence(memory_order_seq_cst);
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
	case 8:
		*(volatile uint64_t *)addr = val;
		break;
	}
	atomic_thread_fence(memory_order_seq_cst);
}
