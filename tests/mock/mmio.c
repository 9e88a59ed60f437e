/*
 * mmio.c — device memory of the simulated machine.
 *
 * A mapping is a reserved, inaccessible (PROT_NONE) range of the process, so
 * a driver that dereferences device memory directly instead of going through
 * the accessors crashes at once instead of reading stale RAM. The accessors
 * translate an address back to (device, BAR, offset) and call the model.
 * As with ports, a BAR whose memory decoding is off in the command register
 * reads all-ones and drops writes.
 */
#include "mock_internal.h"

#include <stdlib.h>
#include <sys/mman.h>

#define PAGE DDEKIT_HOST_PAGE_SIZE

struct mmio_map {
	uintptr_t virt; /* first byte handed out */
	uint64_t size;  /* bytes handed out */
	void *base;     /* the reservation (page aligned) */
	size_t len;     /* its length */
	struct mock_device *dev;
	unsigned bar;
	uint64_t bar_off; /* BAR offset of virt */
	struct mmio_map *next;
};

static pthread_mutex_t mmio_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mmio_map *maps;
static unsigned long nmaps;

/* The memory BAR holding [phys, phys + size), by its current address. */
static struct mock_device *find_bar(uint64_t phys, uint64_t size, unsigned *bar,
                                    uint64_t *off)
{
	struct mock_machine *m = mock__machine;

	for (unsigned i = 0; m && i < m->npci; i++) {
		struct mock_device *dev = m->dev[i];

		mock__device_lock(dev);
		for (unsigned b = 0; b < 6; b++) {
			uint64_t base = mock__pci_bar_base(dev, b);
			uint64_t bsize = dev->bar[b].size;

			if (!bsize || dev->bar[b].flags & DDEKIT_HOST_BAR_IO)
				continue;
			if (phys >= base && phys - base < bsize &&
			    size <= bsize - (phys - base)) {
				*bar = b;
				*off = phys - base;
				mock__device_unlock(dev);
				return dev;
			}
		}
		mock__device_unlock(dev);
	}
	return NULL;
}

int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt)
{
	struct mmio_map *map;
	uint64_t page_off = phys & (PAGE - 1);

	if (!virt || !size)
		return -DDEKIT_EINVAL;
	map = calloc(1, sizeof(*map));
	if (!map)
		return -DDEKIT_ENOMEM;
	map->dev = find_bar(phys, size, &map->bar, &map->bar_off);
	if (!map->dev) {
		mock__log("mock: no device decodes memory 0x%llx+0x%llx\n",
		          (unsigned long long)phys, (unsigned long long)size);
		free(map);
		return -DDEKIT_ENODEV;
	}
	map->len =
	    (size_t)((page_off + size + PAGE - 1) & ~(uint64_t)(PAGE - 1));
	map->base = mmap(NULL, map->len, PROT_NONE,
	                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map->base == MAP_FAILED) {
		free(map);
		return -DDEKIT_ENOMEM;
	}
	map->virt = (uintptr_t)map->base + page_off;
	map->size = size;
	pthread_mutex_lock(&mmio_lock);
	map->next = maps;
	maps = map;
	nmaps++;
	pthread_mutex_unlock(&mmio_lock);
	*virt = (void *)map->virt;
	return 0;
}

void ddekit_host_mmio_unmap(void *virt, uint64_t size)
{
	struct mmio_map *found = NULL;

	pthread_mutex_lock(&mmio_lock);
	for (struct mmio_map **link = &maps; *link; link = &(*link)->next) {
		if ((*link)->virt == (uintptr_t)virt) {
			found = *link;
			*link = found->next;
			nmaps--;
			break;
		}
	}
	pthread_mutex_unlock(&mmio_lock);
	if (!found) {
		mock__log("mock: ddekit_host_mmio_unmap(%p) of no mapping\n",
		          virt);
		return;
	}
	if (found->size != size)
		mock__log("mock: ddekit_host_mmio_unmap(%p, 0x%llx) of a "
		          "mapping of 0x%llx bytes\n",
		          virt, (unsigned long long)size,
		          (unsigned long long)found->size);
	munmap(found->base, found->len);
	free(found);
}

/* Where @addr lands; false (with a message) for an address outside every
 * mapping or an access of a bad width or alignment. */
static bool resolve(const volatile void *addr, unsigned width,
                    struct mock_device **dev, unsigned *bar, uint64_t *off)
{
	uintptr_t a = (uintptr_t)addr;
	bool ok = false;

	if ((width != 1 && width != 2 && width != 4 && width != 8) ||
	    a % width) {
		mock__log("mock: MMIO access of width %u at %p\n", width,
		          (const void *)a);
		return false;
	}
	pthread_mutex_lock(&mmio_lock);
	for (struct mmio_map *m = maps; m; m = m->next) {
		if (a >= m->virt && a - m->virt < m->size &&
		    width <= m->size - (a - m->virt)) {
			*dev = m->dev;
			*bar = m->bar;
			*off = m->bar_off + (a - m->virt);
			ok = true;
			break;
		}
	}
	pthread_mutex_unlock(&mmio_lock);
	if (!ok)
		mock__log("mock: MMIO access at %p outside every mapping\n",
		          (const void *)a);
	return ok;
}

/* Device lock held: whether the BAR answers (memory decoding on). */
static bool decoding(struct mock_device *dev, unsigned bar)
{
	uint64_t base, size;

	return mock__pci_bar_window(dev, bar, &base, &size);
}

uint64_t ddekit_host_mmio_read(const volatile void *addr, unsigned width)
{
	uint64_t val = mock__ones(width), off;
	struct mock_device *dev;
	unsigned bar;

	if (!resolve(addr, width, &dev, &bar, &off))
		return val;
	mock__device_lock(dev);
	if (decoding(dev, bar) && dev->model->read)
		val =
		    dev->model->read(dev, bar, off, width) & mock__ones(width);
	mock__device_unlock(dev);
	mock__trace(MOCK_MMIO_READ, dev->name, off, bar, width, val);
	return val;
}

void ddekit_host_mmio_write(volatile void *addr, unsigned width, uint64_t val)
{
	struct mock_device *dev;
	unsigned bar;
	uint64_t off;

	if (!resolve(addr, width, &dev, &bar, &off))
		return;
	val &= mock__ones(width);
	mock__device_lock(dev);
	if (decoding(dev, bar) && dev->model->write)
		dev->model->write(dev, bar, off, width, val);
	mock__device_unlock(dev);
	mock__trace(MOCK_MMIO_WRITE, dev->name, off, bar, width, val);
}

unsigned long mock__mmio_live(void)
{
	unsigned long n;

	pthread_mutex_lock(&mmio_lock);
	n = nmaps;
	pthread_mutex_unlock(&mmio_lock);
	return n;
}

void mock__mmio_reset(void)
{
	pthread_mutex_lock(&mmio_lock);
	while (maps) {
		struct mmio_map *m = maps;

		maps = m->next;
		munmap(m->base, m->len);
		free(m);
	}
	nmaps = 0;
	pthread_mutex_unlock(&mmio_lock);
}
