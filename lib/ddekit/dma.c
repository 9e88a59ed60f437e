/*
 * dma.c — coherent DMA memory and streaming mappings.
 *
 * Memory that lib/ddekit allocated for devices already has a bus address in
 * pgtab; mapping it again would waste IOMMU entries (and, without an IOMMU,
 * could fail for memory the host never pinned twice), so ddekit_dma_map()
 * only records such mappings. Everything else goes through the host. All
 * mappings are tracked, so unmap can reject unknown ones and fini can undo
 * what a driver left behind.
 */
#include "internal.h"

#include <ddekit/dma.h>
#include <ddekit/panic.h>
#include <ddekit/pgtab.h>
#include <ddekit/printf.h>

#include <string.h>

static bool dma_oom;

#define HASH_NONFATAL_OOM      1
#define uthash_malloc(sz)      ddekit__zalloc(sz)
#define uthash_free(ptr, sz)   ddekit__free(ptr)
#define uthash_nonfatal_oom(o) ((void)(o), dma_oom = true)
#include <uthash.h>

#define PAGE_SIZE DDEKIT_HOST_PAGE_SIZE

/*
 * A streaming mapping, keyed by bus address. Region memory mapped twice
 * yields the same bus address twice, so mappings with equal keys hang off
 * the hashed one in a chain.
 */
struct dma_mapping {
	uint64_t bus;
	size_t size;
	bool host; /* made by ddekit_host_dma_map() */
	struct dma_mapping *chain;
	UT_hash_handle hh;
};

static struct ddekit_host_mutex *dma_lock;
static struct dma_mapping *mappings;

/* --- coherent memory ----------------------------------------------------- */

void *ddekit_dma_alloc(unsigned long size, unsigned long align,
                       ddekit_dma_addr_t bus_high, ddekit_dma_addr_t *bus)
{
	uint64_t busaddr = 0;
	void *virt;

	if (!bus || size == 0 || (align & (align - 1)))
		return NULL;
	/* pgtab has no type of its own for this memory; it is contiguous,
	 * constrained memory, as from ddekit_contig_malloc(). */
	virt = ddekit__block_alloc(size, 0, bus_high ? bus_high : UINT64_MAX,
	                           align < PAGE_SIZE ? PAGE_SIZE : align, 0,
	                           PTE_TYPE_CONTIG, &busaddr);
	if (virt)
		*bus = busaddr;
	return virt;
}

void ddekit_dma_free(void *virt)
{
	if (virt && ddekit__block_free(virt) < 0)
		ddekit_panic("ddekit_dma_free: %p was not allocated by "
		             "ddekit_dma_alloc()",
		             virt);
}

ddekit_dma_addr_t ddekit_dma_bus_addr(const void *virt)
{
	return ddekit__pgtab_bus_addr(virt);
}

/* --- streaming mappings -------------------------------------------------- */

int ddekit_dma_map(void *virt, unsigned long size, enum ddekit_dma_dir dir,
                   ddekit_dma_addr_t *bus)
{
	struct dma_mapping *m, *head;
	uint64_t addr;
	int err = 0;

	(void)dir;
	if (!virt || !bus || size == 0 ||
	    (uintptr_t)virt + size - 1 < (uintptr_t)virt)
		return -DDEKIT_EINVAL;
	m = ddekit__zalloc(sizeof(*m));
	if (!m)
		return -DDEKIT_ENOMEM;

	/* Region memory qualifies only if the whole buffer is bus-contiguous
	 * from its first byte. */
	addr = ddekit__pgtab_bus_addr(virt);
	if (addr &&
	    ddekit__pgtab_bus_addr((char *)virt + size - 1) != addr + size - 1)
		addr = 0;
	if (!addr) {
		err = ddekit_host_dma_map(virt, size, &addr);
		if (err < 0)
			goto out;
		m->host = true;
	}
	m->bus = addr;
	m->size = size;

	ddekit_host_mutex_lock(dma_lock);
	HASH_FIND(hh, mappings, &addr, sizeof(addr), head);
	if (head) {
		m->chain = head->chain;
		head->chain = m;
	} else {
		dma_oom = false;
		HASH_ADD(hh, mappings, bus, sizeof(uint64_t), m);
		if (dma_oom)
			err = -DDEKIT_ENOMEM;
	}
	ddekit_host_mutex_unlock(dma_lock);
	if (err < 0 && m->host)
		ddekit_host_dma_unmap(addr, size);
out:
	if (err < 0) {
		ddekit__free(m);
		return err;
	}
	*bus = addr;
	return 0;
}

/* Caller holds dma_lock. Unlinks and returns the mapping (bus, size). */
static struct dma_mapping *mapping_take(uint64_t bus, size_t size)
{
	struct dma_mapping *head, *m, **pp;
	size_t other_size;
	bool host;

	HASH_FIND(hh, mappings, &bus, sizeof(bus), head);
	if (!head)
		return NULL;
	for (pp = &head->chain; (m = *pp); pp = &m->chain) {
		if (m->size == size) {
			*pp = m->chain;
			return m;
		}
	}
	if (head->size != size)
		return NULL;
	m = head->chain;
	if (!m) {
		HASH_DEL(mappings, head);
		return head;
	}
	other_size = m->size;
	/* The chained mapping's data moves into the hashed record (and the
	 * record taken carries the data of the one unmapped), so the table
	 * itself does not change. */
	head->chain = m->chain;
	m->chain = NULL;
	host = m->host;
	m->host = head->host;
	head->host = host;
	m->size = head->size;
	head->size = other_size;
	return m;
}

int ddekit_dma_unmap(ddekit_dma_addr_t bus, unsigned long size,
                     enum ddekit_dma_dir dir)
{
	struct dma_mapping *m;
	int err = 0;

	(void)dir;
	ddekit_host_mutex_lock(dma_lock);
	m = mapping_take(bus, size);
	ddekit_host_mutex_unlock(dma_lock);
	if (!m)
		return -DDEKIT_ENOENT;
	if (m->host)
		err = ddekit_host_dma_unmap(m->bus, m->size);
	ddekit__free(m);
	return err;
}

/*
 * Every host libdde supports keeps DMA coherent with the CPU caches (x86,
 * and IOMMU-mapped memory on the others), so handing a buffer over only
 * needs CPU accesses before it to be complete before those after it: a full
 * fence keeps the compiler and CPU from moving buffer accesses across the
 * hand-over. Hosts with non-coherent DMA would add cache maintenance here.
 */
static void dma_barrier(void)
{
#if defined(__SANITIZE_THREAD__)
	/* gcc refuses fences under TSan, which cannot model them; a
	 * sequentially consistent read-modify-write orders as strongly. */
	static int dummy;

	__atomic_fetch_add(&dummy, 0, __ATOMIC_SEQ_CST);
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

void ddekit_dma_sync_for_cpu(ddekit_dma_addr_t bus, unsigned long size,
                             enum ddekit_dma_dir dir)
{
	(void)bus;
	(void)size;
	(void)dir;
	dma_barrier();
}

void ddekit_dma_sync_for_device(ddekit_dma_addr_t bus, unsigned long size,
                                enum ddekit_dma_dir dir)
{
	(void)bus;
	(void)size;
	(void)dir;
	dma_barrier();
}

/* --- life cycle ---------------------------------------------------------- */

int ddekit__dma_init(void)
{
	mappings = NULL;
	return ddekit_host_mutex_create(&dma_lock);
}

void ddekit__dma_fini(void)
{
	struct dma_mapping *m, *tmp, *c;

	HASH_ITER(hh, mappings, m, tmp)
	{
		HASH_DEL(mappings, m);
		while (m) {
			c = m->chain;
			if (m->host)
				ddekit_host_dma_unmap(m->bus, m->size);
			ddekit__free(m);
			m = c;
		}
	}
	/* Coherent blocks left over are memory.c's, freed by its fini. */
	if (dma_lock)
		ddekit_host_mutex_destroy(dma_lock);
	dma_lock = NULL;
}
