/*
 * test_dma.c — the DMA API against the edu device's DMA engine: coherent
 * memory and streaming mappings are reached at the bus addresses the API
 * returns, within the device's DMA mask (edu: 28 bits).
 *
 * edu DMA registers: 0x80 source, 0x88 destination, 0x90 count, 0x98
 * command (bit 0 start, bit 1 device buffer -> RAM); the device buffer is at
 * 0x40000. In the mock a transfer ends within the command write.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "l26_fixture.h"

#define EDU_DMA_SRC    0x80
#define EDU_DMA_DST    0x88
#define EDU_DMA_CNT    0x90
#define EDU_DMA_CMD    0x98
#define EDU_DMA_START  0x1
#define EDU_DMA_TO_RAM 0x2
#define EDU_BUF        0x40000
#define EDU_MASK       0x0fffffffULL
#define LEN            256

static struct pci_dev *pdev;
static void __iomem *regs;

static int edu_setup(void **state)
{
	if (l26_setup(state))
		return -1;
	pdev = pci_get_device(0x1234, 0x11e8, NULL);
	if (!pdev || pci_enable_device(pdev))
		return -1;
	pci_set_master(pdev);
	if (pci_request_regions(pdev, "edu-test"))
		return -1;
	regs = pci_iomap(pdev, 0, 0);
	if (!regs || pci_set_dma_mask(pdev, EDU_MASK) ||
	    pci_set_consistent_dma_mask(pdev, EDU_MASK))
		return -1;
	return 0;
}

static int edu_teardown(void **state)
{
	if (regs)
		pci_iounmap(pdev, regs);
	if (pdev) {
		pci_release_regions(pdev);
		pci_disable_device(pdev);
	}
	regs = NULL;
	pdev = NULL;
	return l26_teardown(state);
}

#define EDU(fn) cmocka_unit_test_setup_teardown(fn, edu_setup, edu_teardown)

static void edu_dma(u64 src, u64 dst, u32 count, u32 cmd)
{
	writeq(src, regs + EDU_DMA_SRC);
	writeq(dst, regs + EDU_DMA_DST);
	writeq(count, regs + EDU_DMA_CNT);
	writeq(cmd | EDU_DMA_START, regs + EDU_DMA_CMD);
	/* the mock finishes within the write; polling keeps this honest */
	assert_true(l26_wait_for(!(readq(regs + EDU_DMA_CMD) & EDU_DMA_START)));
}

static void fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

static void load_device_buffer(u8 seed)
{
	u8 pattern[LEN];

	fill(pattern, LEN, seed);
	memcpy_toio(regs + EDU_BUF, pattern, LEN);
}

static void test_coherent_bus_address_is_below_the_device_mask(void **state)
{
	dma_addr_t bus = 0;
	u8 *buf;

	(void)state;
	buf = dma_alloc_coherent(&pdev->dev, 4096, &bus, GFP_KERNEL);
	assert_non_null(buf);
	assert_true(bus != 0);
	assert_true(bus + 4096 - 1 <= EDU_MASK);
	assert_int_equal((unsigned long)buf % 4096, 0);
	dma_free_coherent(&pdev->dev, 4096, buf, bus);
}

static void test_device_writes_coherent_memory_at_its_bus_address(void **state)
{
	u8 expect[LEN];
	dma_addr_t bus;
	u8 *buf;

	(void)state;
	buf = dma_alloc_coherent(&pdev->dev, LEN, &bus, GFP_KERNEL);
	assert_non_null(buf);
	load_device_buffer(3);
	edu_dma(EDU_BUF, bus, LEN, EDU_DMA_TO_RAM);
	fill(expect, LEN, 3);
	assert_memory_equal(buf, expect, LEN);
	dma_free_coherent(&pdev->dev, LEN, buf, bus);
}

static void test_device_reads_coherent_memory_at_its_bus_address(void **state)
{
	u8 got[LEN];
	dma_addr_t bus;
	u8 *buf;

	(void)state;
	buf = pci_alloc_consistent(pdev, LEN, &bus);
	assert_non_null(buf);
	fill(buf, LEN, 9);
	edu_dma(bus, EDU_BUF, LEN, 0);
	memcpy_fromio(got, regs + EDU_BUF, LEN);
	assert_memory_equal(got, buf, LEN);
	pci_free_consistent(pdev, LEN, buf, bus);
}

static void test_coherent_memory_starts_zeroed(void **state)
{
	static const u8 zero[LEN];
	dma_addr_t bus;
	u8 *buf;

	(void)state;
	buf = dma_alloc_coherent(&pdev->dev, LEN, &bus, GFP_KERNEL);
	assert_non_null(buf);
	assert_memory_equal(buf, zero, LEN);
	dma_free_coherent(&pdev->dev, LEN, buf, bus);
}

static void test_map_single_round_trips_kmalloc_memory_through_edu(void **state)
{
	u8 *out = kmalloc(LEN, GFP_KERNEL), *in = kzalloc(LEN, GFP_KERNEL);
	dma_addr_t to_dev, from_dev;

	(void)state;
	assert_non_null(out);
	assert_non_null(in);
	fill(out, LEN, 42);

	to_dev = dma_map_single(&pdev->dev, out, LEN, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(to_dev));
	assert_true(to_dev + LEN - 1 <= EDU_MASK);
	edu_dma(to_dev, EDU_BUF, LEN, 0);
	dma_unmap_single(&pdev->dev, to_dev, LEN, DMA_TO_DEVICE);

	from_dev = pci_map_single(pdev, in, LEN, PCI_DMA_FROMDEVICE);
	assert_false(pci_dma_mapping_error(from_dev));
	edu_dma(EDU_BUF, from_dev, LEN, EDU_DMA_TO_RAM);
	pci_dma_sync_single_for_cpu(pdev, from_dev, LEN, PCI_DMA_FROMDEVICE);
	pci_unmap_single(pdev, from_dev, LEN, PCI_DMA_FROMDEVICE);

	assert_memory_equal(in, out, LEN);
	kfree(out);
	kfree(in);
}

static void test_unmapped_buffer_is_no_longer_reachable(void **state)
{
	u8 *buf = kzalloc(LEN, GFP_KERNEL);
	struct mock_leaks leaks;
	dma_addr_t bus;

	(void)state;
	assert_non_null(buf);
	bus = dma_map_single(&pdev->dev, buf, LEN, DMA_FROM_DEVICE);
	assert_false(dma_mapping_error(bus));
	dma_unmap_single(&pdev->dev, bus, LEN, DMA_FROM_DEVICE);
	mock_leaks(&leaks);
	assert_int_equal(leaks.dma_maps, 0);
	mock_trace_clear();
	edu_dma(EDU_BUF, bus, LEN, EDU_DMA_TO_RAM);
	assert_true(mock_trace_find(MOCK_DMA_FAULT, bus, 0) != (size_t)-1);
	kfree(buf);
}

static void test_mapping_beyond_the_device_mask_is_a_mapping_error(void **state)
{
	/* 16 MiB of coherent memory pushes later bus addresses above the
	 * lowest mask a device may have. */
	const size_t big = 16ul << 20;
	u8 *buf = kzalloc(LEN, GFP_KERNEL);
	struct mock_leaks leaks;
	dma_addr_t big_bus, bus;
	void *hog;

	(void)state;
	assert_non_null(buf);
	hog = dma_alloc_coherent(&pdev->dev, big, &big_bus, GFP_KERNEL);
	assert_non_null(hog);
	assert_int_equal(pci_set_dma_mask(pdev, DMA_24BIT_MASK), 0);
	bus = dma_map_single(&pdev->dev, buf, LEN, DMA_TO_DEVICE);
	assert_true(dma_mapping_error(bus));
	mock_leaks(&leaks);
	assert_int_equal(leaks.dma_maps, 0);
	dma_free_coherent(&pdev->dev, big, hog, big_bus);
	kfree(buf);
}

static void
test_coherent_allocation_honours_a_lower_streaming_mask(void **state)
{
	const size_t big = 16ul << 20;
	dma_addr_t big_bus, bus;
	void *hog, *buf;

	(void)state;
	hog = dma_alloc_coherent(&pdev->dev, big, &big_bus, GFP_KERNEL);
	assert_non_null(hog);
	/* Nothing fits below 16 MiB any more. */
	assert_int_equal(pci_set_dma_mask(pdev, DMA_24BIT_MASK), 0);
	buf = dma_alloc_coherent(&pdev->dev, 4096, &bus, GFP_KERNEL);
	assert_null(buf);
	dma_free_coherent(&pdev->dev, big, hog, big_bus);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    EDU(test_coherent_bus_address_is_below_the_device_mask),
	    EDU(test_device_writes_coherent_memory_at_its_bus_address),
	    EDU(test_device_reads_coherent_memory_at_its_bus_address),
	    EDU(test_coherent_memory_starts_zeroed),
	    EDU(test_map_single_round_trips_kmalloc_memory_through_edu),
	    EDU(test_unmapped_buffer_is_no_longer_reachable),
	    EDU(test_mapping_beyond_the_device_mask_is_a_mapping_error),
	    EDU(test_coherent_allocation_honours_a_lower_streaming_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
