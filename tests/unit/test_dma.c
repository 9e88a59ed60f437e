/*
 * test_dma.c — coherent DMA memory and streaming mappings: bus addresses
 * with and without an IOMMU, constraints, host mappings and their undoing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/pci.h>
#include <ddekit/pgtab.h>
#include <ddekit/resources.h>

#include "fixture.h"
#include "mock.h"

#define PAGE 4096ul
#define KiB  1024ul
#define MiB  (1024ul * 1024ul)

static struct mock_leaks leaks_now(void)
{
	struct mock_leaks l;

	mock_leaks(&l);
	return l;
}

static void
test_dma_alloc_bus_address_differs_from_phys_behind_iommu(void **state)
{
	ddekit_dma_addr_t bus = 0;
	char *p;

	(void)state;
	p = ddekit_dma_alloc(3 * PAGE, 0, 0, &bus);
	assert_non_null(p);
	assert_int_not_equal(bus, 0);
	assert_int_not_equal(bus, ddekit_pgtab_get_physaddr(p));
	assert_int_equal(ddekit_dma_bus_addr(p), bus);
	assert_int_equal(ddekit_dma_bus_addr(p + 2 * PAGE + 7),
	                 bus + 2 * PAGE + 7);
	ddekit_dma_free(p);
}

static void test_dma_alloc_bus_address_equals_phys_without_iommu(void **state)
{
	ddekit_dma_addr_t bus = 0;
	char *p;

	(void)state;
	p = ddekit_dma_alloc(PAGE, 0, 0, &bus);
	assert_non_null(p);
	assert_int_not_equal(bus, 0);
	assert_int_equal(bus, ddekit_pgtab_get_physaddr(p));
	ddekit_dma_free(p);
}

static void
test_dma_alloc_is_zeroed_and_honours_mask_and_alignment(void **state)
{
	ddekit_dma_addr_t bus = 0;
	unsigned char *p;
	unsigned long i;

	(void)state;
	p = ddekit_dma_alloc(10000, 64 * KiB, 16 * MiB - 1, &bus);
	assert_non_null(p);
	assert_int_equal(bus % (64 * KiB), 0);
	assert_true(bus + 10000 - 1 <= 16 * MiB - 1);
	for (i = 0; i < 10000; i++)
		assert_int_equal(p[i], 0);
	ddekit_dma_free(p);
}

static void test_dma_free_returns_memory_to_the_host(void **state)
{
	unsigned long before = leaks_now().mem_blocks;
	ddekit_dma_addr_t bus;
	void *p;

	(void)state;
	p = ddekit_dma_alloc(PAGE, 0, 0, &bus);
	assert_non_null(p);
	ddekit_dma_free(p);
	assert_int_equal(leaks_now().mem_blocks, before);
	assert_int_equal(ddekit_dma_bus_addr(p), 0);
}

static void
test_dma_map_of_heap_memory_maps_through_host_until_unmapped(void **state)
{
	char *buf = malloc(1000);
	ddekit_dma_addr_t bus = 0;

	(void)state;
	assert_non_null(buf);
	assert_int_equal(
	    ddekit_dma_map(buf + 3, 500, DDEKIT_DMA_TO_DEVICE, &bus), 0);
	assert_int_not_equal(bus, 0);
	assert_int_equal(leaks_now().dma_maps, 1);

	assert_int_equal(ddekit_dma_unmap(bus, 500, DDEKIT_DMA_TO_DEVICE), 0);
	assert_int_equal(leaks_now().dma_maps, 0);
	free(buf);
}

static void test_dma_unmap_of_unknown_mapping_fails_enoent(void **state)
{
	char *buf = malloc(64);
	ddekit_dma_addr_t bus = 0;

	(void)state;
	assert_non_null(buf);
	assert_int_equal(ddekit_dma_unmap(0x123000, 64, DDEKIT_DMA_FROM_DEVICE),
	                 -DDEKIT_ENOENT);
	assert_int_equal(ddekit_dma_map(buf, 64, DDEKIT_DMA_FROM_DEVICE, &bus),
	                 0);
	/* right address, wrong size */
	assert_int_equal(ddekit_dma_unmap(bus, 32, DDEKIT_DMA_FROM_DEVICE),
	                 -DDEKIT_ENOENT);
	assert_int_equal(ddekit_dma_unmap(bus, 64, DDEKIT_DMA_FROM_DEVICE), 0);
	assert_int_equal(ddekit_dma_unmap(bus, 64, DDEKIT_DMA_FROM_DEVICE),
	                 -DDEKIT_ENOENT);
	free(buf);
}

static void test_dma_map_of_dma_memory_makes_no_host_mapping(void **state)
{
	ddekit_dma_addr_t base = 0, bus = 0;
	char *p;

	(void)state;
	p = ddekit_dma_alloc(2 * PAGE, 0, 0, &base);
	assert_non_null(p);
	assert_int_equal(
	    ddekit_dma_map(p + 100, 5000, DDEKIT_DMA_BIDIRECTIONAL, &bus), 0);
	assert_int_equal(bus, base + 100);
	assert_int_equal(leaks_now().dma_maps, 0);
	assert_int_equal(ddekit_dma_unmap(bus, 5000, DDEKIT_DMA_BIDIRECTIONAL),
	                 0);
	assert_int_equal(ddekit_dma_unmap(bus, 5000, DDEKIT_DMA_BIDIRECTIONAL),
	                 -DDEKIT_ENOENT);
	ddekit_dma_free(p);
}

static void test_mapping_region_memory_twice_needs_two_unmaps(void **state)
{
	ddekit_dma_addr_t base = 0, b1 = 0, b2 = 0, b3 = 0;
	char *p;

	(void)state;
	p = ddekit_large_malloc(PAGE);
	assert_non_null(p);
	base = ddekit_dma_bus_addr(p);
	assert_int_equal(ddekit_dma_map(p, 100, DDEKIT_DMA_TO_DEVICE, &b1), 0);
	assert_int_equal(ddekit_dma_map(p, 200, DDEKIT_DMA_TO_DEVICE, &b2), 0);
	assert_int_equal(ddekit_dma_map(p, 100, DDEKIT_DMA_TO_DEVICE, &b3), 0);
	assert_int_equal(b1, base);
	assert_int_equal(b2, base);
	assert_int_equal(b3, base);

	assert_int_equal(ddekit_dma_unmap(base, 100, DDEKIT_DMA_TO_DEVICE), 0);
	assert_int_equal(ddekit_dma_unmap(base, 200, DDEKIT_DMA_TO_DEVICE), 0);
	assert_int_equal(ddekit_dma_unmap(base, 200, DDEKIT_DMA_TO_DEVICE),
	                 -DDEKIT_ENOENT);
	assert_int_equal(ddekit_dma_unmap(base, 100, DDEKIT_DMA_TO_DEVICE), 0);
	assert_int_equal(ddekit_dma_unmap(base, 100, DDEKIT_DMA_TO_DEVICE),
	                 -DDEKIT_ENOENT);
	ddekit_large_free(p);
}

static void test_dma_map_rejects_size_zero(void **state)
{
	char buf[16];
	ddekit_dma_addr_t bus;

	(void)state;
	assert_int_equal(ddekit_dma_map(buf, 0, DDEKIT_DMA_TO_DEVICE, &bus),
	                 -DDEKIT_EINVAL);
}

static void test_dma_map_of_classic_region_goes_through_host(void **state)
{
	static char buf[PAGE] __attribute__((aligned(PAGE)));
	ddekit_dma_addr_t bus = 0;

	(void)state;
	/* pgtab knows its physical address, but not a bus address */
	ddekit_pgtab_set_region(buf, 0x5000000, 1, PTE_TYPE_OTHER);
	assert_int_equal(ddekit_dma_map(buf, 64, DDEKIT_DMA_TO_DEVICE, &bus),
	                 0);
	assert_int_equal(leaks_now().dma_maps, 1);
	assert_int_equal(ddekit_dma_unmap(bus, 64, DDEKIT_DMA_TO_DEVICE), 0);
	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void
test_mappings_and_memory_left_behind_are_released_by_deinit(void **state)
{
	static char buf[256];
	ddekit_dma_addr_t bus;

	(void)state;
	/* teardown checks that none of these outlives ddekit_deinit() */
	assert_int_equal(
	    ddekit_dma_map(buf, sizeof(buf), DDEKIT_DMA_TO_DEVICE, &bus), 0);
	assert_non_null(ddekit_dma_alloc(PAGE, 0, 0, &bus));
	assert_int_equal(leaks_now().dma_maps, 1);
}

/* The edu device copies a mapped heap buffer into its own buffer and from
 * there into coherent DMA memory: both bus addresses really reach memory. */
static void test_edu_dma_reaches_mapped_heap_and_coherent_memory(void **state)
{
	struct ddekit_pci_dev *edu;
	ddekit_pci_res_t *bar;
	ddekit_addr_t va = 0;
	ddekit_dma_addr_t src_bus = 0, dst_bus = 0;
	unsigned char *src = malloc(64), *dst;
	volatile char *regs;
	int i;

	(void)state;
	assert_non_null(src);
	for (i = 0; i < 64; i++)
		src[i] = (unsigned char)(i * 7 + 1);
	edu = ddekit_pci_find_device_by_id(0x1234, 0x11e8, NULL);
	assert_non_null(edu);
	assert_int_equal(ddekit_pci_enable_device(edu), 0);
	ddekit_pci_set_master(edu);
	bar = ddekit_pci_get_resource(edu, 0);
	assert_int_equal(
	    ddekit_request_mem(bar->start, bar->end - bar->start + 1, &va), 0);
	regs = (volatile char *)va;
	assert_int_equal(
	    ddekit_dma_map(src, 64, DDEKIT_DMA_TO_DEVICE, &src_bus), 0);
	dst = ddekit_dma_alloc(PAGE, 0, 0x0fffffff, &dst_bus);
	assert_non_null(dst);

	/* RAM -> device buffer at 0x40000 */
	ddekit_dma_sync_for_device(src_bus, 64, DDEKIT_DMA_TO_DEVICE);
	ddekit_mmio_write64(regs + 0x80, src_bus);
	ddekit_mmio_write64(regs + 0x88, 0x40000);
	ddekit_mmio_write64(regs + 0x90, 64);
	ddekit_mmio_write64(regs + 0x98, 0x1);
	/* device buffer -> coherent memory */
	ddekit_mmio_write64(regs + 0x80, 0x40000);
	ddekit_mmio_write64(regs + 0x88, dst_bus);
	ddekit_mmio_write64(regs + 0x90, 64);
	ddekit_mmio_write64(regs + 0x98, 0x1 | 0x2);
	ddekit_dma_sync_for_cpu(dst_bus, 64, DDEKIT_DMA_FROM_DEVICE);

	assert_memory_equal(dst, src, 64);
	assert_int_equal(ddekit_dma_unmap(src_bus, 64, DDEKIT_DMA_TO_DEVICE),
	                 0);
	ddekit_dma_free(dst);
	assert_int_equal(
	    ddekit_release_mem(bar->start, bar->end - bar->start + 1), 0);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_dma_alloc_bus_address_differs_from_phys_behind_iommu),
	    PC_NO_IOMMU(test_dma_alloc_bus_address_equals_phys_without_iommu),
	    PC(test_dma_alloc_is_zeroed_and_honours_mask_and_alignment),
	    PC(test_dma_free_returns_memory_to_the_host),
	    PC(test_dma_map_of_heap_memory_maps_through_host_until_unmapped),
	    PC(test_dma_unmap_of_unknown_mapping_fails_enoent),
	    PC(test_dma_map_of_dma_memory_makes_no_host_mapping),
	    PC(test_mapping_region_memory_twice_needs_two_unmaps),
	    PC(test_dma_map_rejects_size_zero),
	    PC(test_dma_map_of_classic_region_goes_through_host),
	    PC(test_mappings_and_memory_left_behind_are_released_by_deinit),
	    PC(test_edu_dma_reaches_mapped_heap_and_coherent_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
