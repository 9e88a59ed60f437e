/*
 * mmio.c — device memory on posix_uio: BARs of owned functions mapped
 * through the sysfs resource files (UIO) or the VFIO BAR regions.
 *
 * The accessors are one volatile access of the given width between full
 * barriers, so the compiler cannot merge, split or move it and the CPU
 * orders it against other device and DMA memory accesses.
 */
#include "posix_uio.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct mapping {
	struct mapping *next;
	void *user; /* what the caller got */
	void *base; /* what mmap returned */
	size_t len;
};

static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mapping *maps;

/* The owned function and memory BAR that decode [@phys, @phys + @size). */
static struct pu_dev *find_bar(uint64_t phys, uint64_t size, int *bar)
{
	unsigned i;
	int b;

	for (i = 0; i < pu.ndevs; i++) {
		struct pu_dev *d = &pu.devs[i];

		for (b = 0; b < 6; b++) {
			const struct ddekit_host_pci_bar *r = &d->rec.bar[b];

			if (!r->size || r->flags & DDEKIT_HOST_BAR_IO)
				continue;
			if (phys >= r->base && phys - r->base < r->size &&
			    size <= r->size - (phys - r->base)) {
				*bar = b;
				return d;
			}
		}
	}
	return NULL;
}

static void *map_uio(struct pu_dev *d, int bar, uint64_t off, size_t len,
                     int *rc)
{
	char path[96];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d",
	         d->bdf, bar);
	fd = open(path, O_RDWR | O_CLOEXEC | O_SYNC);
	if (fd < 0) {
		*rc = pu_err(errno);
		posix_uio_log("posix_uio: cannot open %s: %s%s\n", path,
		              strerror(errno),
		              errno == EACCES ? " (run as root)" : "");
		return NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)off);
	if (p == MAP_FAILED) {
		*rc = pu_err(errno);
		posix_uio_log("posix_uio: mapping BAR%d of %s failed: %s\n",
		              bar, d->bdf, strerror(errno));
		p = NULL;
	}
	close(fd);
	return p;
}

static void *map_vfio(struct pu_dev *d, int bar, uint64_t off, size_t len,
                      int *rc)
{
	const struct pu_region *r = &d->bar[bar];
	void *p;

	if (!(r->flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		posix_uio_log("posix_uio: VFIO does not let BAR%d of %s be "
		              "mapped (BARs smaller than a page cannot be); "
		              "bind the function to uio_pci_generic instead\n",
		              bar, d->bdf);
		*rc = -DDEKIT_EACCES;
		return NULL;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, d->vfio_fd,
	         (off_t)(r->offset + off));
	if (p == MAP_FAILED) {
		*rc = pu_err(errno);
		posix_uio_log("posix_uio: mapping BAR%d of %s through VFIO "
		              "failed: %s\n",
		              bar, d->bdf, strerror(errno));
		return NULL;
	}
	return p;
}

int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt)
{
	struct mapping *m;
	struct pu_dev *d;
	uint64_t in_bar, off, end;
	int bar = 0, rc = -DDEKIT_ENOMEM;
	void *p;

	if (!size || !virt || phys + size < phys)
		return -DDEKIT_EINVAL;
	d = find_bar(phys, size, &bar);
	if (!d) {
		posix_uio_log("posix_uio: no memory BAR of an owned PCI "
		              "function covers 0x%llx-0x%llx (bind the device "
		              "with dde-bind first)\n",
		              (unsigned long long)phys,
		              (unsigned long long)(phys + size - 1));
		return -DDEKIT_ENODEV;
	}
	in_bar = phys - d->rec.bar[bar].base;
	off = in_bar & ~(PU_PAGE - 1);
	end = (in_bar + size + PU_PAGE - 1) & ~(PU_PAGE - 1);
	m = calloc(1, sizeof(*m));
	if (!m)
		return rc;
	m->len = (size_t)(end - off);
	p = d->drv == PU_DRV_UIO ? map_uio(d, bar, off, m->len, &rc)
	                         : map_vfio(d, bar, off, m->len, &rc);
	if (!p) {
		free(m);
		return rc;
	}
	m->base = p;
	m->user = (char *)p + (in_bar - off);
	pthread_mutex_lock(&maps_lock);
	m->next = maps;
	maps = m;
	pthread_mutex_unlock(&maps_lock);
	*virt = m->user;
	return 0;
}

void ddekit_host_mmio_unmap(void *virt, uint64_t size)
{
	struct mapping **pp, *m = NULL;

	(void)size; /* the mapping is found by its address */
	pthread_mutex_lock(&maps_lock);
	for (pp = &maps; *pp; pp = &(*pp)->next) {
		if ((*pp)->user == virt) {
			m = *pp;
			*pp = m->next;
			break;
		}
	}
	pthread_mutex_unlock(&maps_lock);
	if (!m)
		return;
	munmap(m->base, m->len);
	free(m);
}

void pu_mmio_fini(void)
{
	struct mapping *m;

	pthread_mutex_lock(&maps_lock);
	while ((m = maps)) {
		maps = m->next;
		munmap(m->base, m->len);
		free(m);
	}
	pthread_mutex_unlock(&maps_lock);
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
