/*
 * memory.c — host memory of posix_uio: heap memory, DMA memory and
 * streaming DMA mappings.
 *
 * DMA memory is pinned memory with a bus address, in one of two modes
 * chosen at init (init.c):
 *
 *  - VFIO: the bus address is an IOVA from iova.c, mapped to the memory
 *    with VFIO_IOMMU_MAP_DMA (which also pins it). Devices reach only what
 *    is mapped, and any memory is contiguous for them.
 *  - phys (no IOMMU): the bus address is the physical address from
 *    /proc/self/pagemap. A single page is contiguous by itself and is kept
 *    resident with mlock; larger blocks come from 2 MiB huge pages (the
 *    kernel never splits or swaps them), carved by a small page bitmap per
 *    huge page, or for blocks beyond one huge page assembled from
 *    physically adjacent ones (contig.c); every block is checked to be
 *    physically contiguous. An mlock'ed page may still be moved by memory
 *    compaction; drivers that keep pages mapped for a long time should
 *    prefer the huge-page backed sizes or VFIO.
 *
 * In VFIO mode the same backing is used where available, so physical
 * addresses are known as well (root only); without huge pages it falls back
 * to ordinary memory, whose physical address is then reported as unknown.
 */
#include "posix_uio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static bool hash_oom;

#define HASH_NONFATAL_OOM      1
#define uthash_nonfatal_oom(o) ((void)(o), hash_oom = true)
#include <uthash.h>

#define CHUNK_PAGES (PU_HUGE_PAGE / PU_PAGE)
#define PAGE_TRIES  256 /* single pages tried for a bus range */
#define CHUNK_TRIES 8   /* fresh huge pages tried for a bus range */
#define NO_HUGE     (-DDEKIT_ENOSPC) /* internal: no huge page to be had */

enum blk_kind {
	BLK_PAGE, /* one mlock'ed page */
	BLK_POOL, /* pages of a huge page chunk */
	BLK_HUGE, /* dedicated huge pages */
	BLK_ANON, /* ordinary memory (VFIO only) */
};

/* One 2 MiB huge page carved into 4 KiB pages. */
struct chunk {
	struct chunk *next;
	char *virt;
	uint64_t phys; /* 0: unknown */
	uint64_t bits[CHUNK_PAGES / 64];
	unsigned used;
};

struct blk {
	void *virt;
	size_t size; /* rounded to pages */
	enum blk_kind kind;
	void *map; /* PAGE, HUGE, ANON: the mapping */
	size_t map_len;
	struct chunk *chunk; /* POOL */
	unsigned first;
	uint64_t phys;
	uint64_t bus;
	bool iommu; /* mapped at @bus through VFIO */
	UT_hash_handle hh;
};

/* A streaming mapping from ddekit_host_dma_map(). */
struct stream {
	struct stream *next;
	uint64_t bus;
	size_t size;
	uint64_t iova; /* VFIO: the pages' mapping */
	uint64_t len;
	uintptr_t first; /* phys: the locked pages */
	size_t npages;
};

/* mlock does not nest; streaming mappings may share pages. */
struct locked_page {
	uintptr_t page;
	unsigned refs;
	UT_hash_handle hh;
};

/* What a DMA request needs, with sizes in whole pages. */
struct want {
	size_t size;
	uint64_t align;
	uint64_t low, high, boundary;
	bool phys; /* constraints apply to physical addresses */
};

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct blk *blocks;
static struct chunk *chunks;
static struct stream *streams;
static struct locked_page *locked;
static atomic_bool dma_told, anon_told;

/* ---- constraints --------------------------------------------------------- */

static bool fits(const struct want *w, uint64_t addr)
{
	uint64_t at;

	return addr >= w->low &&
	       pu_place(addr, w->high, w->size, w->align, w->boundary, &at) &&
	       at == addr;
}

static const char *mode_name(void)
{
	return pu.dma == PU_DMA_VFIO ? "IOVA" : "physical";
}

static void log_range(const struct want *w, const char *what)
{
	posix_uio_log("posix_uio: %s: no %zu-byte DMA block at a %s address "
	              "in 0x%llx-0x%llx (align 0x%llx, boundary 0x%llx)\n",
	              what, w->size, mode_name(), (unsigned long long)w->low,
	              (unsigned long long)w->high, (unsigned long long)w->align,
	              (unsigned long long)w->boundary);
}

/* ---- single pages -------------------------------------------------------- */

static int lock_failed(int err)
{
	posix_uio_log("posix_uio: cannot lock DMA memory in RAM: %s (run as "
	              "root, or raise 'ulimit -l')\n",
	              strerror(err));
	return err == ENOMEM || err == EAGAIN ? -DDEKIT_ENOMEM : pu_err(err);
}

static int page_get(const struct want *w, struct blk *b)
{
	void *rejected[PAGE_TRIES];
	unsigned nrej = 0, i;
	int rc = -DDEKIT_ERANGE;

	for (i = 0; i < PAGE_TRIES; i++) {
		uint64_t phys = 0;
		void *p =
		    mmap(NULL, PU_PAGE, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

		if (p == MAP_FAILED) {
			rc = -DDEKIT_ENOMEM;
			break;
		}
		/* VFIO pins what it maps; without it, mlock keeps the page
		 * resident. */
		if (w->phys && mlock(p, PU_PAGE) < 0) {
			rc = lock_failed(errno);
			munmap(p, PU_PAGE);
			break;
		}
		rc = pu_pagemap(p, 1, &phys, w->phys);
		if (rc < 0) {
			munmap(p, PU_PAGE);
			break;
		}
		if (!w->phys || fits(w, phys)) {
			b->kind = BLK_PAGE;
			b->map = b->virt = p;
			b->map_len = PU_PAGE;
			b->phys = phys;
			break;
		}
		rejected[nrej++] = p;
		rc = -DDEKIT_ERANGE;
	}
	for (i = 0; i < nrej; i++)
		munmap(rejected[i], PU_PAGE);
	if (rc == -DDEKIT_ERANGE)
		log_range(w, "none of the pages tried qualifies");
	return rc;
}

/* ---- huge pages ---------------------------------------------------------- */

static unsigned long read_count(const char *path)
{
	char buf[32] = "";
	FILE *f = fopen(path, "re");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strtoul(buf, NULL, 10);
}

/* Explains a failed huge page mapping (when @tell) and returns NO_HUGE. */
static int no_huge(bool tell)
{
	unsigned long total, free_pages;

	if (!tell)
		return NO_HUGE;
	total = read_count("/proc/sys/vm/nr_hugepages");
	free_pages = read_count(
	    "/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages");
	if (!total)
		posix_uio_log(
		    "posix_uio: no huge pages: DMA memory larger "
		    "than a page needs 2 MiB huge pages when there "
		    "is no IOMMU: echo 64 > /proc/sys/vm/nr_hugepages "
		    "(or boot with hugepages=64), or bind the device "
		    "to vfio-pci\n");
	else
		posix_uio_log("posix_uio: all %lu huge pages are in use (%lu "
		              "free): reserve more, e.g. echo %lu > "
		              "/proc/sys/vm/nr_hugepages\n",
		              total, free_pages, 2 * total);
	return NO_HUGE;
}

/* Address space of @len bytes aligned to @align, reserved but unusable
 * until mapped over with MAP_FIXED. */
static char *reserve_aligned(size_t len, size_t align)
{
	size_t span = len + align;
	char *p, *a;

	p = mmap(NULL, span, PROT_NONE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	a = (char *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + len < p + span)
		munmap(a + len, (size_t)(p + span - (a + len)));
	return a;
}

/*
 * Maps @len bytes of huge pages at an address aligned to @align and reads
 * their frames into @phys (@len / PU_PAGE entries; zeros when unknown and
 * !@must). Returns the mapping or NULL with *@rc set.
 */
static char *huge_map(size_t len, size_t align, uint64_t *phys, bool must,
                      int *rc)
{
	char *va =
	    reserve_aligned(len, align < PU_HUGE_PAGE ? PU_HUGE_PAGE : align);
	void *p;

	if (!va) {
		*rc = -DDEKIT_ENOMEM;
		return NULL;
	}
	p = mmap(va, len, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE |
	             MAP_FIXED,
	         -1, 0);
	if (p == MAP_FAILED) {
		munmap(va, len);
		*rc = no_huge(must);
		return NULL;
	}
	*rc = pu_pagemap(p, len / PU_PAGE, phys, must);
	if (*rc < 0) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

static struct chunk *chunk_new(bool must, int *rc)
{
	uint64_t *phys = malloc(CHUNK_PAGES * sizeof(*phys));
	struct chunk *c = calloc(1, sizeof(*c));

	*rc = -DDEKIT_ENOMEM;
	if (!phys || !c)
		goto fail;
	c->virt = huge_map(PU_HUGE_PAGE, PU_HUGE_PAGE, phys, must, rc);
	if (!c->virt)
		goto fail;
	/* One huge page is contiguous; the check guards the assumption. */
	c->phys = phys[0] && pu_contiguous(phys, CHUNK_PAGES) ? phys[0] : 0;
	if (must && !c->phys) {
		posix_uio_log("posix_uio: a huge page is not physically "
		              "contiguous; DMA without an IOMMU cannot use "
		              "it\n");
		munmap(c->virt, PU_HUGE_PAGE);
		*rc = -DDEKIT_EFAULT;
		goto fail;
	}
	free(phys);
	*rc = 0;
	return c;
fail:
	free(phys);
	free(c);
	return NULL;
}

static bool chunk_free_run(const struct chunk *c, unsigned first, unsigned n)
{
	unsigned i;

	for (i = first; i < first + n; i++)
		if (c->bits[i / 64] & (1ull << (i % 64)))
			return false;
	return true;
}

static void chunk_mark(struct chunk *c, unsigned first, unsigned n, bool set)
{
	unsigned i;

	for (i = first; i < first + n; i++) {
		if (set)
			c->bits[i / 64] |= 1ull << (i % 64);
		else
			c->bits[i / 64] &= ~(1ull << (i % 64));
	}
	c->used = set ? c->used + n : c->used - n;
}

static bool chunk_fit(const struct chunk *c, const struct want *w,
                      unsigned *first)
{
	unsigned n = (unsigned)(w->size / PU_PAGE);
	unsigned step = (unsigned)(w->align / PU_PAGE), s;

	for (s = 0; s + n <= CHUNK_PAGES; s += step) {
		if (!chunk_free_run(c, s, n))
			continue;
		if (w->phys && !fits(w, c->phys + (uint64_t)s * PU_PAGE))
			continue;
		*first = s;
		return true;
	}
	return false;
}

static void chunk_unlink(struct chunk *c)
{
	struct chunk **pp;

	for (pp = &chunks; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			return;
		}
	}
}

static void chunk_destroy(struct chunk *c)
{
	munmap(c->virt, PU_HUGE_PAGE);
	free(c);
}

static int pool_get(const struct want *w, struct blk *b)
{
	struct chunk *c, *fresh[CHUNK_TRIES];
	unsigned nfresh = 0, first = 0, i;
	int rc = 0;

	for (c = chunks; c; c = c->next)
		if (chunk_fit(c, w, &first))
			break;
	while (!c && nfresh < CHUNK_TRIES) {
		c = chunk_new(w->phys, &rc);
		if (!c)
			break;
		c->next = chunks;
		chunks = c;
		fresh[nfresh++] = c;
		if (!chunk_fit(c, w, &first))
			c = NULL;
	}
	if (c) {
		chunk_mark(c, first, (unsigned)(w->size / PU_PAGE), true);
		b->kind = BLK_POOL;
		b->chunk = c;
		b->first = first;
		b->virt = c->virt + (size_t)first * PU_PAGE;
		b->phys = c->phys ? c->phys + (uint64_t)first * PU_PAGE : 0;
		memset(b->virt, 0, w->size);
		rc = 0;
	} else if (rc == 0) {
		log_range(w, "no huge page tried qualifies");
		rc = -DDEKIT_ERANGE;
	}
	/* Huge pages tried in vain go back, or the next try gets them
	 * again. */
	for (i = 0; i < nfresh; i++) {
		if (!fresh[i]->used) {
			chunk_unlink(fresh[i]);
			chunk_destroy(fresh[i]);
		}
	}
	return rc;
}

/* Blocks larger (or more aligned) than one huge page. */
static int huge_get(const struct want *w, struct blk *b)
{
	struct pu_contig_req r = {w->size, w->align, w->low, w->high,
	                          w->boundary};
	struct pu_contig c;
	size_t len = (w->size + PU_HUGE_PAGE - 1) & ~(size_t)(PU_HUGE_PAGE - 1);
	uint64_t *phys;
	char *p;
	int rc;

	if (w->phys) {
		rc = pu_contig_alloc(&r, &c);
		if (rc == NO_HUGE)
			return no_huge(true);
		if (rc < 0)
			return rc;
		b->kind = BLK_HUGE;
		b->map = c.map;
		b->map_len = c.map_len;
		b->virt = c.virt;
		b->phys = c.phys;
		return 0;
	}
	/* Behind the IOMMU only the bus side must be contiguous; the
	 * physical address is reported when it happens to be. */
	phys = malloc(len / PU_PAGE * sizeof(*phys));
	if (!phys)
		return -DDEKIT_ENOMEM;
	p = huge_map(len, (size_t)w->align, phys, false, &rc);
	if (p) {
		b->kind = BLK_HUGE;
		b->map = b->virt = p;
		b->map_len = len;
		b->phys =
		    phys[0] && pu_contiguous(phys, len / PU_PAGE) ? phys[0] : 0;
	}
	free(phys);
	return p ? 0 : rc;
}

/* Ordinary memory for VFIO when there are no huge pages. */
static int anon_get(const struct want *w, struct blk *b)
{
	char *va = reserve_aligned(w->size, (size_t)w->align);
	size_t n = w->size / PU_PAGE;
	uint64_t *phys;
	void *p;

	if (!va)
		return -DDEKIT_ENOMEM;
	p = mmap(va, w->size, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED) {
		munmap(va, w->size);
		return -DDEKIT_ENOMEM;
	}
	posix_uio_log_once(&anon_told,
	                   "posix_uio: no huge pages; DMA blocks larger than "
	                   "a page use ordinary memory, contiguous for "
	                   "devices through the IOMMU but without a known "
	                   "physical address (echo 64 > "
	                   "/proc/sys/vm/nr_hugepages to have one)\n");
	b->kind = BLK_ANON;
	b->map = b->virt = p;
	b->map_len = w->size;
	b->phys = 0;
	phys = malloc(n * sizeof(*phys));
	if (phys && pu_pagemap(p, n, phys, false) == 0 && phys[0] &&
	    pu_contiguous(phys, n))
		b->phys = phys[0];
	free(phys);
	return 0;
}

static int backing_get(const struct want *w, struct blk *b)
{
	int rc;

	if (w->size == PU_PAGE && w->align == PU_PAGE)
		return page_get(w, b);
	if (w->size <= PU_HUGE_PAGE && w->align <= PU_HUGE_PAGE)
		rc = pool_get(w, b);
	else
		rc = huge_get(w, b);
	if (rc == NO_HUGE)
		rc = w->phys ? -DDEKIT_ENOMEM : anon_get(w, b);
	return rc;
}

static void backing_put(struct blk *b)
{
	switch (b->kind) {
	case BLK_POOL:
		chunk_mark(b->chunk, b->first, (unsigned)(b->size / PU_PAGE),
		           false);
		if (!b->chunk->used) {
			chunk_unlink(b->chunk);
			chunk_destroy(b->chunk);
		}
		break;
	case BLK_PAGE:
	case BLK_HUGE:
	case BLK_ANON:
		munmap(b->map, b->map_len);
		break;
	}
}

/* ---- the host interface: allocation -------------------------------------- */

static int heap_alloc(const struct ddekit_host_mem_req *req, void **virt)
{
	size_t size = req->size ? req->size : 1;
	void *p;

	if (req->align > sizeof(max_align_t)) {
		if (posix_memalign(&p, req->align, size) != 0)
			return -DDEKIT_ENOMEM;
		memset(p, 0, size);
	} else {
		p = calloc(1, size);
		if (!p)
			return -DDEKIT_ENOMEM;
	}
	*virt = p;
	return 0;
}

static int dma_unavailable(void)
{
	char msg[320];

	snprintf(msg, sizeof(msg), "posix_uio: no DMA-able memory: %s\n",
	         pu.dma_reason ? pu.dma_reason : "DMA is not set up");
	posix_uio_log_once(&dma_told, msg);
	return -DDEKIT_ENOSYS;
}

static int dma_alloc(const struct ddekit_host_mem_req *req, struct blk *b)
{
	struct want w = {0};
	int rc;

	if (req->size > SIZE_MAX - PU_HUGE_PAGE)
		return -DDEKIT_ENOMEM;
	w.size = ((req->size ? req->size : 1) + PU_PAGE - 1) &
	         ~(size_t)(PU_PAGE - 1);
	w.align = req->align > PU_PAGE ? req->align : PU_PAGE;
	w.low = req->bus_low;
	w.high = req->bus_high;
	w.boundary = req->boundary;
	w.phys = pu.dma == PU_DMA_PHYS;
	if (w.low > w.high || (w.boundary && w.boundary < w.size))
		return -DDEKIT_ERANGE;
	b->size = w.size;
	if (pu.dma == PU_DMA_VFIO) {
		rc = pu_iova_alloc(w.size, w.align, w.low, w.high, w.boundary,
		                   &b->bus);
		if (rc < 0) {
			log_range(&w, "the IOVA space is full there");
			return rc;
		}
	}
	rc = backing_get(&w, b);
	if (rc < 0)
		goto fail_iova;
	if (pu.dma == PU_DMA_VFIO) {
		rc = pu_vfio_map_dma(b->virt, b->bus, w.size);
		if (rc < 0)
			goto fail_backing;
		b->iommu = true;
	} else {
		b->bus = b->phys;
	}
	return 0;

fail_backing:
	backing_put(b);
fail_iova:
	if (pu.dma == PU_DMA_VFIO)
		pu_iova_free(b->bus, w.size);
	return rc;
}

static void dma_release(struct blk *b)
{
	if (b->iommu) {
		pu_vfio_unmap_dma(b->bus, b->size);
		pu_iova_free(b->bus, b->size);
	}
	backing_put(b);
}

int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus)
{
	struct blk *b;
	int rc;

	if (!req || !virt || (req->align & (req->align - 1)) ||
	    (req->boundary & (req->boundary - 1)))
		return -DDEKIT_EINVAL;
	if (!req->flags) {
		rc = heap_alloc(req, virt);
		if (rc == 0 && phys)
			*phys = 0;
		if (rc == 0 && bus)
			*bus = 0;
		return rc;
	}
	/* CONTIG alone still means "contiguous in bus space": the same
	 * memory as DMA|CONTIG. */
	if (pu.dma == PU_DMA_NONE)
		return dma_unavailable();
	b = calloc(1, sizeof(*b));
	if (!b)
		return -DDEKIT_ENOMEM;
	pthread_mutex_lock(&mem_lock);
	rc = dma_alloc(req, b);
	if (rc == 0) {
		hash_oom = false;
		HASH_ADD_PTR(blocks, virt, b);
		if (hash_oom) {
			dma_release(b);
			rc = -DDEKIT_ENOMEM;
		}
	}
	pthread_mutex_unlock(&mem_lock);
	if (rc < 0) {
		free(b);
		return rc;
	}
	*virt = b->virt;
	if (phys)
		*phys = b->phys;
	if (bus)
		*bus = b->bus;
	return 0;
}

void ddekit_host_mem_free(void *virt, size_t size)
{
	struct blk *b;

	(void)size; /* DMA blocks remember theirs */
	if (!virt)
		return;
	pthread_mutex_lock(&mem_lock);
	HASH_FIND_PTR(blocks, &virt, b);
	if (b) {
		HASH_DEL(blocks, b);
		dma_release(b);
	}
	pthread_mutex_unlock(&mem_lock);
	if (b)
		free(b);
	else
		free(virt);
}

/* ---- the host interface: streaming mappings ------------------------------ */

/* Locks @n pages from @first, counting users per page. Caller holds
 * mem_lock. */
static int pages_lock(uintptr_t first, size_t n)
{
	struct locked_page *lp;
	size_t i;

	if (mlock((void *)first, n * PU_PAGE) < 0)
		return lock_failed(errno);
	for (i = 0; i < n; i++) {
		uintptr_t page = first + i * PU_PAGE;

		HASH_FIND_PTR(locked, &page, lp);
		if (!lp) {
			lp = calloc(1, sizeof(*lp));
			if (!lp)
				goto fail;
			lp->page = page;
			hash_oom = false;
			HASH_ADD_PTR(locked, page, lp);
			if (hash_oom) {
				free(lp);
				goto fail;
			}
		}
		lp->refs++;
	}
	return 0;
fail:
	/* Drop the references taken so far; pages nobody else locked are
	 * unlocked again. */
	while (i--) {
		uintptr_t page = first + i * PU_PAGE;

		HASH_FIND_PTR(locked, &page, lp);
		if (lp && --lp->refs == 0) {
			HASH_DEL(locked, lp);
			free(lp);
			munlock((void *)page, PU_PAGE);
		}
	}
	return -DDEKIT_ENOMEM;
}

static void pages_unlock(uintptr_t first, size_t n)
{
	struct locked_page *lp;
	size_t i;

	for (i = 0; i < n; i++) {
		uintptr_t page = first + i * PU_PAGE;

		HASH_FIND_PTR(locked, &page, lp);
		if (lp && --lp->refs == 0) {
			HASH_DEL(locked, lp);
			free(lp);
			munlock((void *)page, PU_PAGE);
		}
	}
}

static int map_vfio(struct stream *s, uintptr_t first, uint64_t *bus,
                    uintptr_t virt)
{
	int rc;

	rc = pu_iova_alloc(s->len, PU_PAGE, 0, UINT64_MAX, 0, &s->iova);
	if (rc < 0)
		return rc == -DDEKIT_ERANGE ? -DDEKIT_ENOMEM : rc;
	rc = pu_vfio_map_dma((void *)first, s->iova, s->len);
	if (rc < 0) {
		pu_iova_free(s->iova, s->len);
		return rc == -DDEKIT_ENOMEM ? rc : -DDEKIT_EFAULT;
	}
	*bus = s->iova + (virt - first);
	return 0;
}

static int map_phys(struct stream *s, uintptr_t first, uint64_t *bus,
                    uintptr_t virt)
{
	uint64_t *phys;
	size_t n = (size_t)(s->len / PU_PAGE);
	int rc;

	phys = malloc(n * sizeof(*phys));
	if (!phys)
		return -DDEKIT_ENOMEM;
	rc = pages_lock(first, n);
	if (rc < 0)
		goto out;
	rc = pu_pagemap((void *)first, n, phys, true);
	if (rc == 0 && !pu_contiguous(phys, n))
		rc = -DDEKIT_EFAULT; /* no IOMMU to make it one piece */
	if (rc < 0) {
		pages_unlock(first, n);
		goto out;
	}
	s->first = first;
	s->npages = n;
	*bus = phys[0] + (virt - first);
out:
	free(phys);
	return rc;
}

int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus)
{
	uintptr_t v = (uintptr_t)virt, first, end;
	struct stream *s;
	int rc;

	if (!virt || !size || !bus || v + size < v)
		return -DDEKIT_EINVAL;
	if (pu.dma == PU_DMA_NONE)
		return dma_unavailable();
	first = v & ~(uintptr_t)(PU_PAGE - 1);
	end = (v + size + PU_PAGE - 1) & ~(uintptr_t)(PU_PAGE - 1);
	s = calloc(1, sizeof(*s));
	if (!s)
		return -DDEKIT_ENOMEM;
	s->size = size;
	s->len = end - first;
	pthread_mutex_lock(&mem_lock);
	if (pu.dma == PU_DMA_VFIO)
		rc = map_vfio(s, first, &s->bus, v);
	else
		rc = map_phys(s, first, &s->bus, v);
	if (rc == 0) {
		s->next = streams;
		streams = s;
	}
	pthread_mutex_unlock(&mem_lock);
	if (rc < 0) {
		free(s);
		return rc;
	}
	*bus = s->bus;
	return 0;
}

static void stream_release(struct stream *s)
{
	if (pu.dma == PU_DMA_VFIO) {
		pu_vfio_unmap_dma(s->iova, s->len);
		pu_iova_free(s->iova, s->len);
	} else {
		pages_unlock(s->first, s->npages);
	}
}

int ddekit_host_dma_unmap(uint64_t bus, size_t size)
{
	struct stream **pp, *s = NULL;

	pthread_mutex_lock(&mem_lock);
	for (pp = &streams; *pp; pp = &(*pp)->next) {
		if ((*pp)->bus == bus && (*pp)->size == size) {
			s = *pp;
			*pp = s->next;
			stream_release(s);
			break;
		}
	}
	pthread_mutex_unlock(&mem_lock);
	if (!s)
		return -DDEKIT_ENOENT;
	free(s);
	return 0;
}

/* ---- life cycle ---------------------------------------------------------- */

int pu_memory_init(void)
{
	atomic_store(&dma_told, false);
	return pu.dma == PU_DMA_VFIO ? pu_iova_init() : 0;
}

void pu_memory_fini(void)
{
	struct blk *b, *tmp;
	struct stream *s;
	struct chunk *c;

	/* lib/ddekit released everything it knew of; what is left is the
	 * driver's leak, returned so that init can run again. */
	pthread_mutex_lock(&mem_lock);
	HASH_ITER(hh, blocks, b, tmp)
	{
		HASH_DEL(blocks, b);
		dma_release(b);
		free(b);
	}
	while ((s = streams)) {
		streams = s->next;
		stream_release(s);
		free(s);
	}
	while ((c = chunks)) {
		chunks = c->next;
		chunk_destroy(c);
	}
	pthread_mutex_unlock(&mem_lock);
	if (pu.dma == PU_DMA_VFIO)
		pu_iova_fini();
}
