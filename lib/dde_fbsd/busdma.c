/*
 * busdma.c — bus_dma(9) on DDEKit's DMA extension, without bounce buffers.
 *
 * A load turns the buffer into bus-address chunks — the buffer's own bus
 * address when it is DDEKit DMA memory, else one streaming mapping, else
 * (no IOMMU, not contiguous) one mapping per page — and cuts the chunks
 * into segments by the tag's maxsegsz and boundary, merging neighbours
 * that are contiguous on the bus. A chunk the device cannot take as it is
 * (misaligned, inside the exclusion window) fails the load.
 */
#include "internal.h"

#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/memory.h>

#include <sys/mutex.h>

MALLOC_DEFINE(M_BUSDMA, "busdma", "bus_dma tags and maps");

struct bus_dma_tag {
	struct bus_dma_tag *parent;
	bus_size_t alignment;
	bus_size_t boundary;
	bus_addr_t lowaddr;
	bus_addr_t highaddr;
	bus_size_t maxsize;
	int nsegments;
	bus_size_t maxsegsz;
	int flags;
	bus_dma_lock_t *lockfunc;
	void *lockfuncarg;
	int refs; /* maps and child tags */
};

struct dma_chunk {
	ddekit_dma_addr_t bus;
	unsigned long len;
	int mapped; /* a streaming mapping of ours, undone on unload */
};

struct bus_dmamap {
	int dmamem; /* from bus_dmamem_alloc() */
	int nchunks;
	struct dma_chunk *chunks;
	bus_dma_segment_t *segs;
};

void busdma_lock_mutex(void *arg, bus_dma_lock_op_t op)
{
	struct mtx *m = arg;

	if (op == BUS_DMA_LOCK)
		mtx_lock(m);
	else
		mtx_unlock(m);
}

#define MAXV(a, b) ((a) > (b) ? (a) : (b))
#define MINV(a, b) ((a) < (b) ? (a) : (b))

int bus_dma_tag_create(bus_dma_tag_t parent, bus_size_t alignment,
                       bus_size_t boundary, bus_addr_t lowaddr,
                       bus_addr_t highaddr, bus_dma_filter_t *filtfunc,
                       void *filtfuncarg, bus_size_t maxsize, int nsegments,
                       bus_size_t maxsegsz, int flags, bus_dma_lock_t *lockfunc,
                       void *lockfuncarg, bus_dma_tag_t *dmat)
{
	struct bus_dma_tag *t;

	(void)filtfuncarg;
	*dmat = NULL;
	if (filtfunc) {
		printf("bus_dma_tag_create: filter functions are not "
		       "supported\n");
		return EINVAL;
	}
	if (alignment == 0 || !powerof2(alignment) ||
	    (boundary && (!powerof2(boundary) || boundary < maxsegsz)) ||
	    nsegments <= 0 || maxsegsz == 0)
		return EINVAL;
	t = malloc(sizeof(*t), M_BUSDMA, M_NOWAIT | M_ZERO);
	if (!t)
		return ENOMEM;
	t->alignment = alignment;
	t->boundary = boundary;
	t->lowaddr = lowaddr;
	t->highaddr = highaddr;
	t->maxsize = maxsize;
	t->nsegments = nsegments;
	t->maxsegsz = maxsegsz;
	t->flags = flags;
	t->lockfunc = lockfunc;
	t->lockfuncarg = lockfuncarg;
	if (parent) {
		/* A child is at least as strict as its parent. */
		t->parent = parent;
		t->alignment = MAXV(t->alignment, parent->alignment);
		if (parent->boundary)
			t->boundary = t->boundary
			                  ? MINV(t->boundary, parent->boundary)
			                  : parent->boundary;
		t->lowaddr = MINV(t->lowaddr, parent->lowaddr);
		t->highaddr = MAXV(t->highaddr, parent->highaddr);
		t->maxsize = MINV(t->maxsize, parent->maxsize);
		t->nsegments = MINV(t->nsegments, parent->nsegments);
		t->maxsegsz = MINV(t->maxsegsz, parent->maxsegsz);
		parent->refs++;
	}
	*dmat = t;
	return 0;
}

int bus_dma_tag_destroy(bus_dma_tag_t t)
{
	if (!t)
		return 0;
	if (t->refs)
		return EBUSY;
	if (t->parent)
		t->parent->refs--;
	free(t, M_BUSDMA);
	return 0;
}

int bus_dmamap_create(bus_dma_tag_t t, int flags, bus_dmamap_t *mapp)
{
	struct bus_dmamap *m;

	(void)flags;
	m = malloc(sizeof(*m), M_BUSDMA, M_NOWAIT | M_ZERO);
	if (!m)
		return ENOMEM;
	m->segs = malloc(sizeof(*m->segs) * (size_t)t->nsegments, M_BUSDMA,
	                 M_NOWAIT | M_ZERO);
	if (!m->segs) {
		free(m, M_BUSDMA);
		return ENOMEM;
	}
	t->refs++;
	*mapp = m;
	return 0;
}

int bus_dmamap_destroy(bus_dma_tag_t t, bus_dmamap_t m)
{
	if (!m)
		return 0;
	if (m->nchunks)
		return EBUSY;
	free(m->segs, M_BUSDMA);
	free(m, M_BUSDMA);
	t->refs--;
	return 0;
}

/* Does [bus, bus + len) touch the window the device cannot reach? */
static int excluded(bus_dma_tag_t t, uint64_t bus, uint64_t len)
{
	uint64_t last = bus + len - 1;

	return last > t->lowaddr && bus <= t->highaddr;
}

static int crosses(bus_dma_tag_t t, uint64_t bus, uint64_t len)
{
	return t->boundary && (bus & ~(t->boundary - 1)) !=
	                          ((bus + len - 1) & ~(t->boundary - 1));
}

int bus_dmamem_alloc(bus_dma_tag_t t, void **vaddr, int flags,
                     bus_dmamap_t *mapp)
{
	unsigned long high = 0;
	ddekit_dma_addr_t bus;
	void *p;
	int err;

	*vaddr = NULL;
	if (!(flags & BUS_DMA_NOWAIT))
		dde_fbsd_assert_sleepable("bus_dmamem_alloc(WAITOK)", __FILE__,
		                          __LINE__);
	if (t->lowaddr < t->highaddr)
		high = (unsigned long)t->lowaddr;
	p = ddekit_contig_malloc((unsigned long)t->maxsize, 0, high,
	                         (unsigned long)t->alignment,
	                         (unsigned long)t->boundary);
	if (!p)
		return ENOMEM;
	bus = ddekit_dma_bus_addr(p);
	if (!bus || (bus & (t->alignment - 1)) ||
	    excluded(t, bus, t->maxsize) || crosses(t, bus, t->maxsize)) {
		printf("bus_dmamem_alloc: memory at bus %#llx breaks the tag's "
		       "rules\n",
		       (unsigned long long)bus);
		ddekit_contig_free(p);
		return ENOMEM;
	}
	err = bus_dmamap_create(t, 0, mapp);
	if (err) {
		ddekit_contig_free(p);
		return err;
	}
	(*mapp)->dmamem = 1;
	if (flags & BUS_DMA_ZERO)
		memset(p, 0, (size_t)t->maxsize);
	*vaddr = p;
	return 0;
}

void bus_dmamem_free(bus_dma_tag_t t, void *vaddr, bus_dmamap_t m)
{
	ddekit_contig_free(vaddr);
	bus_dmamap_destroy(t, m);
}

static void unmap_chunks(bus_dmamap_t m)
{
	int i;

	for (i = 0; i < m->nchunks; i++)
		if (m->chunks[i].mapped)
			ddekit_dma_unmap(m->chunks[i].bus, m->chunks[i].len,
			                 DDEKIT_DMA_BIDIRECTIONAL);
	free(m->chunks, M_BUSDMA);
	m->chunks = NULL;
	m->nchunks = 0;
}

/* Fills m->chunks for @buf within @t's segment count; 0 or a FreeBSD
 * errno. */
static int make_chunks(bus_dma_tag_t t, bus_dmamap_t m, void *buf,
                       bus_size_t len)
{
	uintptr_t va = (uintptr_t)buf, end = va + len;
	ddekit_dma_addr_t bus = ddekit_dma_bus_addr(buf);
	int n, err;

	n = (int)((round_page(end) - trunc_page(va)) >> PAGE_SHIFT);
	m->chunks =
	    malloc(sizeof(*m->chunks) * (size_t)n, M_BUSDMA, M_NOWAIT | M_ZERO);
	if (!m->chunks)
		return ENOMEM;
	if (bus) {
		m->chunks[0] = (struct dma_chunk){bus, (unsigned long)len, 0};
		m->nchunks = 1;
		return 0;
	}
	err = ddekit_dma_map(buf, (unsigned long)len, DDEKIT_DMA_BIDIRECTIONAL,
	                     &bus);
	if (!err) {
		m->chunks[0] = (struct dma_chunk){bus, (unsigned long)len, 1};
		m->nchunks = 1;
		return 0;
	}
	if (err != -DDEKIT_EFAULT)
		return dde_fbsd_errno(err);
	/* Not contiguous for the device. Page pieces could still merge into
	 * fewer segments, but mapping them one by one costs a host call each:
	 * with fewer segments allowed than pages, give up at once (callers
	 * fall back to a buffer of their own, as on EFBIG anyway). */
	if (n > t->nsegments)
		return EFBIG;
	/* Each page piece on its own. */
	while (va < end) {
		uintptr_t next = MINV(trunc_page(va) + PAGE_SIZE, end);

		err = ddekit_dma_map((void *)va, next - va,
		                     DDEKIT_DMA_BIDIRECTIONAL, &bus);
		if (err)
			return dde_fbsd_errno(err);
		m->chunks[m->nchunks++] =
		    (struct dma_chunk){bus, (unsigned long)(next - va), 1};
		va = next;
	}
	return 0;
}

/* Cuts the chunks into segments; returns the count or -errno. */
static int make_segments(bus_dma_tag_t t, bus_dmamap_t m)
{
	int i, nseg = 0;

	for (i = 0; i < m->nchunks; i++) {
		uint64_t cur = m->chunks[i].bus, left = m->chunks[i].len;

		if (cur & (t->alignment - 1)) {
			printf("bus_dmamap_load: bus address %#llx is not "
			       "aligned to %#llx (no bounce buffers)\n",
			       (unsigned long long)cur,
			       (unsigned long long)t->alignment);
			return -EINVAL;
		}
		if (excluded(t, cur, left)) {
			printf("bus_dmamap_load: bus address %#llx is above "
			       "lowaddr %#llx (no bounce buffers)\n",
			       (unsigned long long)cur,
			       (unsigned long long)t->lowaddr);
			return -EINVAL;
		}
		while (left) {
			uint64_t len = MINV(left, t->maxsegsz);
			bus_dma_segment_t *prev =
			    nseg ? &m->segs[nseg - 1] : NULL;

			if (t->boundary) {
				uint64_t next =
				    (cur & ~(t->boundary - 1)) + t->boundary;

				len = MINV(len, next - cur);
			}
			if (prev && prev->ds_addr + prev->ds_len == cur &&
			    prev->ds_len + len <= t->maxsegsz &&
			    !crosses(t, prev->ds_addr, prev->ds_len + len)) {
				prev->ds_len += len;
			} else {
				if (nseg == t->nsegments)
					return -EFBIG;
				m->segs[nseg].ds_addr = cur;
				m->segs[nseg].ds_len = len;
				nseg++;
			}
			cur += len;
			left -= len;
		}
	}
	return nseg;
}

int bus_dmamap_load(bus_dma_tag_t t, bus_dmamap_t m, void *buf,
                    bus_size_t buflen, bus_dmamap_callback_t *callback,
                    void *callback_arg, int flags)
{
	int err = 0, nseg = 0;

	(void)flags;
	if (m->nchunks) {
		err = EINVAL;
		goto out;
	}
	if (buflen == 0 || buflen > t->maxsize) {
		err = buflen ? EFBIG : EINVAL;
		goto out;
	}
	err = make_chunks(t, m, buf, buflen);
	if (err)
		goto fail;
	nseg = make_segments(t, m);
	if (nseg < 0) {
		err = -nseg;
		goto fail;
	}
	goto out;

fail:
	unmap_chunks(m);
	nseg = 0;
out:
	callback(callback_arg, m->segs, err ? 0 : nseg, err);
	/* As FreeBSD: rule errors reach the caller through the callback. */
	return err == ENOMEM ? ENOMEM : 0;
}

void _bus_dmamap_unload(bus_dma_tag_t t, bus_dmamap_t m)
{
	(void)t;
	unmap_chunks(m);
}

void _bus_dmamap_sync(bus_dma_tag_t t, bus_dmamap_t m, bus_dmasync_op_t op)
{
	int i;

	(void)t;
	for (i = 0; i < m->nchunks; i++) {
		struct dma_chunk *c = &m->chunks[i];

		if (op & (BUS_DMASYNC_PREREAD | BUS_DMASYNC_PREWRITE))
			ddekit_dma_sync_for_device(c->bus, c->len,
			                           DDEKIT_DMA_BIDIRECTIONAL);
		if (op & (BUS_DMASYNC_POSTREAD | BUS_DMASYNC_POSTWRITE))
			ddekit_dma_sync_for_cpu(c->bus, c->len,
			                        DDEKIT_DMA_BIDIRECTIONAL);
	}
}
