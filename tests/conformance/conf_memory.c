/*
 * conf_memory.c — the allocators and address translation: alignment,
 * zero-fill, contiguity constraints in bus space, pgtab round trips, slabs
 * (plain and contiguous), DMA memory and streaming mappings.
 *
 * Constraints are checked on bus addresses (ddekit_dma_bus_addr()), which
 * is what a device sees on every host, IOMMU or not.
 */
#include "runner.h"

#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/pgtab.h>

#define PAGE 4096ul

/* The edu device's DMA mask (28 bits), a realistic device limit. */
#define EDU_DMA_HIGH 0x0ffffffful

static int all_zero(const void *p, unsigned long size)
{
	const unsigned char *b = p;
	unsigned long i;

	for (i = 0; i < size; i++)
		if (b[i])
			return 0;
	return 1;
}

/* ---- simple and large ------------------------------------------------------
 */

static void simple_malloc_aligns_for_any_type(struct conf_test_ctx *t)
{
	static const unsigned sizes[] = {1, 3, 8, 24, 100, 4000, 70000};
	const uintptr_t align = _Alignof(max_align_t);
	void *p = NULL;
	unsigned i;

	for (i = 0; i < CONF_ARRAY_SIZE(sizes); i++) {
		p = ddekit_simple_malloc(sizes[i]);
		CONF_CHECK(t, p, "ddekit_simple_malloc(%u) returned NULL",
		           sizes[i]);
		CONF_CHECK(t, (uintptr_t)p % align == 0,
		           "ddekit_simple_malloc(%u) returned %p, not aligned "
		           "to %u",
		           sizes[i], p, (unsigned)align);
		/* The whole block is usable (a sanitizer build checks). */
		memset(p, 0xa5, sizes[i]);
		ddekit_simple_free(p);
		p = NULL;
	}
out:
	ddekit_simple_free(p);
}

static void
large_malloc_is_page_aligned_and_zero_filled(struct conf_test_ctx *t)
{
	static const int sizes[] = {1, 4096, 3 * 4096 + 5};
	void *p = NULL;
	unsigned i;

	for (i = 0; i < CONF_ARRAY_SIZE(sizes); i++) {
		p = ddekit_large_malloc(sizes[i]);
		CONF_CHECK(t, p, "ddekit_large_malloc(%d) returned NULL",
		           sizes[i]);
		CONF_CHECK(t, (uintptr_t)p % PAGE == 0,
		           "ddekit_large_malloc(%d) returned %p, not page "
		           "aligned",
		           sizes[i], p);
		CONF_CHECK(t, all_zero(p, (unsigned long)sizes[i]),
		           "ddekit_large_malloc(%d) memory is not zero-filled",
		           sizes[i]);
		memset(p, 0x5a, (size_t)sizes[i]);
		ddekit_large_free(p);
		p = NULL;
	}
out:
	ddekit_large_free(p);
}

/* Checks the pgtab record of a region of @size bytes at @p and its bus
 * address; fails the test and returns -1 on the first mismatch. */
static int check_region(struct conf_test_ctx *t, const char *what, char *p,
                        unsigned long size, int type)
{
	unsigned long off = size > 1 ? size - 1 : 0;
	ddekit_addr_t phys, phys_end, virt_end;
	ddekit_dma_addr_t bus, bus_end;
	int got_type, got_size;

	phys = ddekit_pgtab_get_physaddr(p);
	phys_end = ddekit_pgtab_get_physaddr(p + off);
	virt_end = phys ? ddekit_pgtab_get_virtaddr(phys + off) : 0;
	got_type = ddekit_pgtab_get_type(p + off);
	got_size = ddekit_pgtab_get_size(p);
	bus = ddekit_dma_bus_addr(p);
	bus_end = ddekit_dma_bus_addr(p + off);

	if (!phys) {
		conf_fail(t, __FILE__, __LINE__,
		          "%s: no physical address for %p", what, (void *)p);
		return -1;
	}
	if (phys_end != phys + off || virt_end != (ddekit_addr_t)(p + off)) {
		conf_fail(t, __FILE__, __LINE__,
		          "%s: byte %lu maps to phys 0x%lx and back to 0x%lx; "
		          "want 0x%lx and %p",
		          what, off, phys_end, virt_end, phys + off,
		          (void *)(p + off));
		return -1;
	}
	if (got_type != type) {
		conf_fail(t, __FILE__, __LINE__, "%s: pgtab type %d, want %d",
		          what, got_type, type);
		return -1;
	}
	if (got_size < 0 || (unsigned long)got_size < size) {
		conf_fail(t, __FILE__, __LINE__,
		          "%s: pgtab size %d is smaller than the %lu bytes "
		          "asked for",
		          what, got_size, size);
		return -1;
	}
	if (!bus || bus_end != bus + off) {
		conf_fail(t, __FILE__, __LINE__,
		          "%s: bus address 0x%llx, of byte %lu 0x%llx; want "
		          "non-zero and contiguous",
		          what, (unsigned long long)bus, off,
		          (unsigned long long)bus_end);
		return -1;
	}
	return 0;
}

static void large_malloc_registers_its_region(struct conf_test_ctx *t)
{
	const unsigned long size = 3 * PAGE + 100;
	char *p = ddekit_large_malloc((int)size);

	CONF_CHECK(t, p, "ddekit_large_malloc(%lu) returned NULL", size);
	CONF_TRY(check_region(t, "large_malloc", p, size, PTE_TYPE_LARGE));
out:
	ddekit_large_free(p);
}

static void pgtab_forgets_freed_regions(struct conf_test_ctx *t)
{
	char *p = ddekit_large_malloc((int)PAGE);
	int type;

	CONF_CHECK(t, p, "ddekit_large_malloc(%lu) returned NULL", PAGE);
	ddekit_large_free(p);
	type = ddekit_pgtab_get_type(p);
	p = NULL;
	CONF_CHECK(t, type == -1,
	           "pgtab still has a region of type %d for freed memory",
	           type);
out:
	ddekit_large_free(p);
}

static void pgtab_records_client_regions(struct conf_test_ctx *t)
{
	/* A physical address no RAM region uses (top of the 32-bit space,
	 * where firmware lives on a PC). */
	const ddekit_addr_t phys = 0xfff00000ul;
	char *block = ddekit_simple_malloc(3 * PAGE);
	char *virt;
	ddekit_addr_t got_phys, got_virt;
	int type, size, registered = 0;

	CONF_CHECK(t, block, "ddekit_simple_malloc() returned NULL");
	virt = (char *)(((uintptr_t)block + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
	ddekit_pgtab_set_region(virt, phys, 1, PTE_TYPE_OTHER);
	registered = 1;
	got_phys = ddekit_pgtab_get_physaddr(virt + 10);
	got_virt = ddekit_pgtab_get_virtaddr(phys + 10);
	type = ddekit_pgtab_get_type(virt);
	size = ddekit_pgtab_get_size(virt);
	CONF_CHECK(t, got_phys == phys + 10,
	           "physical address of byte 10 is 0x%lx, want 0x%lx", got_phys,
	           phys + 10);
	CONF_CHECK(t, got_virt == (ddekit_addr_t)(virt + 10),
	           "virtual address of phys 0x%lx is 0x%lx, want %p", phys + 10,
	           got_virt, (void *)(virt + 10));
	CONF_CHECK(t, type == PTE_TYPE_OTHER, "type %d, want %d", type,
	           PTE_TYPE_OTHER);
	CONF_CHECK(t, size == (int)PAGE, "size %d, want %lu", size, PAGE);
	ddekit_pgtab_clear_region(virt, PTE_TYPE_OTHER);
	registered = 0;
	got_phys = ddekit_pgtab_get_physaddr(virt + 10);
	CONF_CHECK(t, got_phys == 0, "cleared region still maps to 0x%lx",
	           got_phys);
out:
	if (registered)
		ddekit_pgtab_clear_region(virt, PTE_TYPE_OTHER);
	ddekit_simple_free(block);
}

/* ---- contiguous memory under constraints ------------------------------------
 */

static void
contig_malloc_honours_alignment_and_boundary(struct conf_test_ctx *t)
{
	const unsigned long size = 2 * PAGE, align = 0x10000,
	                    boundary = 0x20000;
	char *p = ddekit_contig_malloc(size, 0, 0, align, boundary);
	ddekit_dma_addr_t bus;

	CONF_CHECK(t, p,
	           "ddekit_contig_malloc(size 0x%lx, align 0x%lx, boundary "
	           "0x%lx) returned NULL",
	           size, align, boundary);
	bus = ddekit_dma_bus_addr(p);
	CONF_CHECK(t, bus != 0, "no bus address for contig memory");
	CONF_CHECK(t, bus % align == 0,
	           "bus address 0x%llx is not aligned "
	           "to 0x%lx",
	           (unsigned long long)bus, align);
	CONF_CHECK(t, bus / boundary == (bus + size - 1) / boundary,
	           "block 0x%llx+0x%lx crosses a 0x%lx boundary",
	           (unsigned long long)bus, size, boundary);
	CONF_CHECK(t, (uintptr_t)p % PAGE == 0,
	           "virtual address %p is not "
	           "page aligned",
	           (void *)p);
out:
	ddekit_contig_free(p);
}

static void contig_malloc_honours_low_and_high(struct conf_test_ctx *t)
{
	const unsigned long size = 3 * PAGE, low = 0x01000000ul,
	                    high = EDU_DMA_HIGH;
	char *p = ddekit_contig_malloc(size, low, high, 0, 0);
	ddekit_dma_addr_t bus;

	CONF_CHECK(t, p,
	           "ddekit_contig_malloc(size 0x%lx, low 0x%lx, high 0x%lx) "
	           "returned NULL",
	           size, low, high);
	bus = ddekit_dma_bus_addr(p);
	CONF_CHECK(t, bus >= low && bus + size - 1 <= high,
	           "block 0x%llx..0x%llx is outside 0x%lx..0x%lx",
	           (unsigned long long)bus,
	           (unsigned long long)(bus + size - 1), low, high);
	CONF_CHECK(t, all_zero(p, size), "contig memory is not zero-filled");
out:
	ddekit_contig_free(p);
}

static void contig_malloc_registers_its_region(struct conf_test_ctx *t)
{
	const unsigned long size = 2 * PAGE + 8;
	char *p = ddekit_contig_malloc(size, 0, 0, 0, 0);

	CONF_CHECK(t, p, "ddekit_contig_malloc(0x%lx) returned NULL", size);
	CONF_TRY(check_region(t, "contig_malloc", p, size, PTE_TYPE_CONTIG));
out:
	ddekit_contig_free(p);
}

static void
contig_malloc_refuses_impossible_constraints(struct conf_test_ctx *t)
{
	void *crossing = ddekit_contig_malloc(2 * PAGE, 0, 0, 0, PAGE);
	void *empty =
	    ddekit_contig_malloc(PAGE, 0x02000000ul, 0x01000000ul, 0, 0);

	CONF_CHECK(t, !crossing,
	           "a 2-page block that may not cross a page boundary was "
	           "returned at %p",
	           crossing);
	CONF_CHECK(t, !empty, "a block with low > high was returned at %p",
	           empty);
out:
	ddekit_contig_free(crossing);
	ddekit_contig_free(empty);
}

/* ---- slabs
 * -------------------------------------------------------------------- */

#define SLAB_OBJECTS 100

/* The promised alignment: the largest power of two dividing @size, at
 * most 64, at least the size of a pointer. */
static unsigned slab_alignment(unsigned size)
{
	unsigned a = size & -size;

	if (a > 64)
		a = 64;
	if (a < sizeof(void *))
		a = sizeof(void *);
	return a;
}

static void slab_objects_are_aligned_to_their_size(struct conf_test_ctx *t)
{
	static const unsigned sizes[] = {24, 48, 100, 128, 200, 4000};
	struct ddekit_slab *slab = NULL;
	unsigned align[CONF_ARRAY_SIZE(sizes)];
	void *obj[8];
	unsigned i, j, n = 0;

	for (i = 0; i < CONF_ARRAY_SIZE(sizes); i++) {
		align[i] = slab_alignment(sizes[i]);
		slab = ddekit_slab_init(sizes[i], 0);
		CONF_CHECK(t, slab, "ddekit_slab_init(%u, 0) returned NULL",
		           sizes[i]);
		for (n = 0; n < CONF_ARRAY_SIZE(obj); n++) {
			obj[n] = ddekit_slab_alloc(slab);
			CONF_CHECK(t, obj[n],
			           "slab of %u: allocation %u "
			           "returned NULL",
			           sizes[i], n);
			CONF_CHECK(t, (uintptr_t)obj[n] % align[i] == 0,
			           "slab of %u: object %p is not aligned to %u",
			           sizes[i], obj[n], align[i]);
		}
		for (j = 0; j < n; j++)
			ddekit_slab_free(slab, obj[j]);
		n = 0;
		ddekit_slab_destroy(slab);
		slab = NULL;
	}
out:
	if (slab) {
		for (j = 0; j < n; j++)
			ddekit_slab_free(slab, obj[j]);
		ddekit_slab_destroy(slab);
	}
}

static void slab_objects_are_disjoint(struct conf_test_ctx *t)
{
	const unsigned size = 48;
	struct ddekit_slab *slab = ddekit_slab_init(size, 0);
	unsigned char *obj[SLAB_OBJECTS];
	unsigned i, j, n = 0;

	CONF_CHECK(t, slab, "ddekit_slab_init(%u, 0) returned NULL", size);
	for (n = 0; n < SLAB_OBJECTS; n++) {
		obj[n] = ddekit_slab_alloc(slab);
		CONF_CHECK(t, obj[n], "allocation %u returned NULL", n);
		memset(obj[n], (int)n, size);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < size; j++)
			CONF_CHECK(t, obj[i][j] == (unsigned char)i,
			           "object %u byte %u is %u: another object "
			           "overlaps it",
			           i, j, obj[i][j]);
	/* Half are freed one by one; destroy takes back the rest. */
	for (i = 0; i < n / 2; i++)
		ddekit_slab_free(slab, obj[i]);
out:
	if (slab)
		ddekit_slab_destroy(slab);
}

static void contiguous_slab_objects_are_dma_reachable(struct conf_test_ctx *t)
{
	const unsigned size = 256;
	struct ddekit_slab *slab = ddekit_slab_init(size, 1);
	char *obj[40];
	ddekit_dma_addr_t bus;
	unsigned n = 0, i;
	int type;

	CONF_CHECK(t, slab, "ddekit_slab_init(%u, 1) returned NULL", size);
	for (n = 0; n < CONF_ARRAY_SIZE(obj); n++) {
		obj[n] = ddekit_slab_alloc(slab);
		CONF_CHECK(t, obj[n], "allocation %u returned NULL", n);
	}
	for (i = 0; i < n; i++) {
		CONF_CHECK(t,
		           (uintptr_t)obj[i] / PAGE ==
		               ((uintptr_t)obj[i] + size - 1) / PAGE,
		           "object %p crosses a page boundary", (void *)obj[i]);
		bus = ddekit_dma_bus_addr(obj[i]);
		CONF_CHECK(t, bus != 0, "object %p has no bus address",
		           (void *)obj[i]);
		CONF_CHECK(
		    t, ddekit_dma_bus_addr(obj[i] + size - 1) == bus + size - 1,
		    "object %p is not contiguous in bus space", (void *)obj[i]);
		CONF_CHECK(t, ddekit_pgtab_get_physaddr(obj[i]) != 0,
		           "object %p has no physical address", (void *)obj[i]);
		type = ddekit_pgtab_get_type(obj[i]);
		CONF_CHECK(t, type == PTE_TYPE_UMA,
		           "object %p has pgtab type %d, want %d (UMA)",
		           (void *)obj[i], type, PTE_TYPE_UMA);
	}
out:
	if (slab) {
		for (i = 0; i < n; i++)
			ddekit_slab_free(slab, obj[i]);
		ddekit_slab_destroy(slab);
	}
}

static void slab_keeps_its_client_data(struct conf_test_ctx *t)
{
	struct ddekit_slab *slab = ddekit_slab_init(32, 0);
	int marker;
	void *got;

	CONF_CHECK(t, slab, "ddekit_slab_init(32, 0) returned NULL");
	got = ddekit_slab_get_data(slab);
	CONF_CHECK(t, got == NULL, "a new slab's data is %p, want NULL", got);
	ddekit_slab_set_data(slab, &marker);
	got = ddekit_slab_get_data(slab);
	CONF_CHECK(t, got == &marker, "data reads back as %p, want %p", got,
	           (void *)&marker);
out:
	if (slab)
		ddekit_slab_destroy(slab);
}

/* ---- DMA memory
 * ------------------------------------------------------------------ */

static void dma_alloc_bus_address_is_consistent(struct conf_test_ctx *t)
{
	const unsigned long size = 3 * PAGE + 100;
	ddekit_dma_addr_t bus = 0, again;
	char *p = ddekit_dma_alloc(size, 0, EDU_DMA_HIGH, &bus);

	CONF_CHECK(t, p,
	           "ddekit_dma_alloc(0x%lx, bus_high 0x%lx) returned "
	           "NULL",
	           size, EDU_DMA_HIGH);
	CONF_CHECK(t, bus != 0, "bus address is 0");
	CONF_CHECK(t, bus % PAGE == 0,
	           "bus address 0x%llx is not page "
	           "aligned",
	           (unsigned long long)bus);
	CONF_CHECK(t, bus + size - 1 <= EDU_DMA_HIGH,
	           "block ends at bus 0x%llx, above bus_high 0x%lx",
	           (unsigned long long)(bus + size - 1), EDU_DMA_HIGH);
	again = ddekit_dma_bus_addr(p);
	CONF_CHECK(t, again == bus,
	           "ddekit_dma_bus_addr() says 0x%llx, dma_alloc said 0x%llx",
	           (unsigned long long)again, (unsigned long long)bus);
	again = ddekit_dma_bus_addr(p + size - 1);
	CONF_CHECK(t, again == bus + size - 1,
	           "the last byte is at bus 0x%llx, want 0x%llx",
	           (unsigned long long)again,
	           (unsigned long long)(bus + size - 1));
	CONF_CHECK(t, all_zero(p, size), "DMA memory is not zero-filled");
out:
	ddekit_dma_free(p);
}

static void dma_alloc_honours_alignment(struct conf_test_ctx *t)
{
	const unsigned long align = 0x10000;
	ddekit_dma_addr_t bus = 0;
	void *p = ddekit_dma_alloc(PAGE, align, 0, &bus);

	CONF_CHECK(t, p, "ddekit_dma_alloc(align 0x%lx) returned NULL", align);
	CONF_CHECK(t, bus % align == 0,
	           "bus address 0x%llx is not aligned to 0x%lx",
	           (unsigned long long)bus, align);
out:
	ddekit_dma_free(p);
}

static void dma_bus_addr_is_0_outside_dma_memory(struct conf_test_ctx *t)
{
	char *heap = ddekit_simple_malloc(64);
	ddekit_dma_addr_t bus;

	CONF_CHECK(t, heap, "ddekit_simple_malloc(64) returned NULL");
	bus = ddekit_dma_bus_addr(heap);
	CONF_CHECK(t, bus == 0, "heap memory has bus address 0x%llx",
	           (unsigned long long)bus);
out:
	ddekit_simple_free(heap);
}

/* A 64-byte window inside one page of heap memory: even a host without an
 * IOMMU can map it in one piece. */
static char *heap_window(char *block)
{
	return (char *)(((uintptr_t)block + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
}

static void dma_map_gives_a_bus_address_until_unmapped(struct conf_test_ctx *t)
{
	char *block = ddekit_simple_malloc(2 * PAGE);
	ddekit_dma_addr_t bus = 0;
	int mapped = 0, r;
	char *win;

	CONF_CHECK(t, block, "ddekit_simple_malloc() returned NULL");
	win = heap_window(block);
	r = ddekit_dma_map(win, 64, DDEKIT_DMA_TO_DEVICE, &bus);
	CONF_CHECK(t, r == 0,
	           "ddekit_dma_map() of heap memory returned %d "
	           "(%s)",
	           r, ddekit_errname(r));
	mapped = 1;
	CONF_CHECK(t, bus != 0, "the mapping has bus address 0");
	r = ddekit_dma_unmap(bus, 64, DDEKIT_DMA_TO_DEVICE);
	mapped = 0;
	CONF_CHECK(t, r == 0, "ddekit_dma_unmap() returned %d (%s)", r,
	           ddekit_errname(r));
	r = ddekit_dma_unmap(bus, 64, DDEKIT_DMA_TO_DEVICE);
	CONF_CHECK(t, r == -DDEKIT_ENOENT,
	           "a second unmap returned %d (%s), want -DDEKIT_ENOENT", r,
	           ddekit_errname(r));
out:
	if (mapped)
		ddekit_dma_unmap(bus, 64, DDEKIT_DMA_TO_DEVICE);
	ddekit_simple_free(block);
}

static void dma_map_of_dma_memory_uses_its_bus_address(struct conf_test_ctx *t)
{
	ddekit_dma_addr_t bus = 0, mapped_bus = 0;
	char *p = ddekit_dma_alloc(PAGE, 0, 0, &bus);
	int r = -1;

	CONF_CHECK(t, p, "ddekit_dma_alloc() returned NULL");
	r = ddekit_dma_map(p + 100, 50, DDEKIT_DMA_BIDIRECTIONAL, &mapped_bus);
	CONF_CHECK(t, r == 0, "ddekit_dma_map() returned %d (%s)", r,
	           ddekit_errname(r));
	CONF_CHECK(t, mapped_bus == bus + 100,
	           "mapped at bus 0x%llx, the memory's own bus address is "
	           "0x%llx",
	           (unsigned long long)mapped_bus,
	           (unsigned long long)(bus + 100));
out:
	/* The contract leaves open whether this unmap finds a mapping, so
	 * its result is not judged; the call keeps the books balanced. */
	if (r == 0)
		ddekit_dma_unmap(mapped_bus, 50, DDEKIT_DMA_BIDIRECTIONAL);
	ddekit_dma_free(p);
}

static void dma_map_refuses_size_0(struct conf_test_ctx *t)
{
	char buf[16];
	ddekit_dma_addr_t bus = 0;
	int r = ddekit_dma_map(buf, 0, DDEKIT_DMA_TO_DEVICE, &bus);

	CONF_CHECK(t, r == -DDEKIT_EINVAL,
	           "ddekit_dma_map(size 0) returned %d (%s), want "
	           "-DDEKIT_EINVAL",
	           r, ddekit_errname(r));
out:
	if (r == 0)
		ddekit_dma_unmap(bus, 0, DDEKIT_DMA_TO_DEVICE);
}

static const struct conf_test tests[] = {
    {"simple_malloc_aligns_for_any_type", simple_malloc_aligns_for_any_type},
    {"large_malloc_is_page_aligned_and_zero_filled",
     large_malloc_is_page_aligned_and_zero_filled},
    {"large_malloc_registers_its_region", large_malloc_registers_its_region},
    {"pgtab_forgets_freed_regions", pgtab_forgets_freed_regions},
    {"pgtab_records_client_regions", pgtab_records_client_regions},
    {"contig_malloc_honours_alignment_and_boundary",
     contig_malloc_honours_alignment_and_boundary},
    {"contig_malloc_honours_low_and_high", contig_malloc_honours_low_and_high},
    {"contig_malloc_registers_its_region", contig_malloc_registers_its_region},
    {"contig_malloc_refuses_impossible_constraints",
     contig_malloc_refuses_impossible_constraints},
    {"slab_objects_are_aligned_to_their_size",
     slab_objects_are_aligned_to_their_size},
    {"slab_objects_are_disjoint", slab_objects_are_disjoint},
    {"contiguous_slab_objects_are_dma_reachable",
     contiguous_slab_objects_are_dma_reachable},
    {"slab_keeps_its_client_data", slab_keeps_its_client_data},
    {"dma_alloc_bus_address_is_consistent",
     dma_alloc_bus_address_is_consistent},
    {"dma_alloc_honours_alignment", dma_alloc_honours_alignment},
    {"dma_bus_addr_is_0_outside_dma_memory",
     dma_bus_addr_is_0_outside_dma_memory},
    {"dma_map_gives_a_bus_address_until_unmapped",
     dma_map_gives_a_bus_address_until_unmapped},
    {"dma_map_of_dma_memory_uses_its_bus_address",
     dma_map_of_dma_memory_uses_its_bus_address},
    {"dma_map_refuses_size_0", dma_map_refuses_size_0},
};

CONF_AREA(conf_area_memory, "memory", tests);
