/*
 * test_io.c — register access: ioremap/pci_iomap with readl/writel on edu,
 * port I/O on the UART and the scratch device, region accounting, and the
 * byte-order helpers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "l26_fixture.h"

#define EDU_ID       0x010000edu
#define EDU_LIVENESS 0x04
#define EDU_BUF      0x40000
#define EDU_BAR      0xfea00000ul
#define EDU_BAR_LEN  0x100000ul
#define UART         0x3f8
#define UART_SCR     (UART + 7)

static struct pci_dev *enabled(unsigned vendor, unsigned device)
{
	struct pci_dev *dev = pci_get_device(vendor, device, NULL);

	assert_non_null(dev);
	assert_int_equal(pci_enable_device(dev), 0);
	return dev;
}

/* --- memory-mapped registers
 * --------------------------------------------------- */

static void test_pci_iomap_readl_reads_the_edu_id(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	void __iomem *regs;

	(void)state;
	assert_int_equal(pci_request_regions(dev, "test"), 0);
	regs = pci_iomap(dev, 0, 0);
	assert_non_null(regs);
	assert_int_equal(readl(regs), EDU_ID);
	pci_iounmap(dev, regs);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_writel_reaches_the_edu_liveness_register(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	void __iomem *regs;

	(void)state;
	assert_int_equal(pci_request_regions(dev, "test"), 0);
	regs = pci_iomap(dev, 0, 0);
	writel(0x12345678, regs + EDU_LIVENESS);
	assert_int_equal(readl(regs + EDU_LIVENESS), ~0x12345678u);
	pci_iounmap(dev, regs);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_ioread32_and_iowrite32_take_a_memory_cookie(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	void __iomem *regs;

	(void)state;
	assert_int_equal(pci_request_regions(dev, "test"), 0);
	regs = pci_iomap(dev, 0, 0x1000);
	assert_int_equal(ioread32(regs), EDU_ID);
	iowrite32(0xf0f0f0f0, regs + EDU_LIVENESS);
	assert_int_equal(ioread32(regs + EDU_LIVENESS), 0x0f0f0f0fu);
	pci_iounmap(dev, regs);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_ioremap_without_a_request_maps_until_iounmap(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	struct mock_leaks leaks;
	void __iomem *regs;

	(void)state;
	regs = ioremap(EDU_BAR, EDU_BAR_LEN);
	assert_non_null(regs);
	assert_int_equal(readl(regs), EDU_ID);
	iounmap(regs);
	mock_leaks(&leaks);
	assert_int_equal(leaks.mmio_maps, 0);
	pci_disable_device(dev);
}

static void test_ioremap_of_part_of_a_requested_range_uses_it(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	void __iomem *regs;

	(void)state;
	assert_non_null(request_mem_region(EDU_BAR, EDU_BAR_LEN, "test"));
	regs = ioremap_nocache(EDU_BAR + EDU_LIVENESS, 4);
	assert_non_null(regs);
	writel(0x1, regs);
	assert_int_equal(readl(regs), ~0x1u);
	iounmap(regs);
	release_mem_region(EDU_BAR, EDU_BAR_LEN);
	pci_disable_device(dev);
}

static void test_mapping_outlives_the_release_of_its_region(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	struct mock_leaks leaks;
	void __iomem *regs;

	(void)state;
	assert_non_null(request_mem_region(EDU_BAR, EDU_BAR_LEN, "test"));
	regs = ioremap(EDU_BAR, EDU_BAR_LEN);
	release_mem_region(EDU_BAR, EDU_BAR_LEN);
	assert_int_equal(readl(regs), EDU_ID);
	iounmap(regs);
	mock_leaks(&leaks);
	assert_int_equal(leaks.mmio_maps, 0);
	pci_disable_device(dev);
}

static void test_request_mem_region_twice_returns_null(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	struct resource *res;

	(void)state;
	res = request_mem_region(EDU_BAR, EDU_BAR_LEN, "first");
	assert_non_null(res);
	assert_int_equal(res->start, EDU_BAR);
	assert_int_equal(res->end, EDU_BAR + EDU_BAR_LEN - 1);
	assert_string_equal(res->name, "first");
	assert_null(request_mem_region(EDU_BAR + 0x1000, 0x1000, "second"));
	release_mem_region(EDU_BAR, EDU_BAR_LEN);
	pci_disable_device(dev);
}

static void test_memcpy_toio_and_fromio_move_bytes(void **state)
{
	struct pci_dev *dev = enabled(0x1234, 0x11e8);
	static const u8 out[13] = "hello, edu!!";
	u8 in[13] = {0};
	void __iomem *regs;

	(void)state;
	regs = ioremap(EDU_BAR, EDU_BAR_LEN);
	memcpy_toio(regs + EDU_BUF, out, sizeof(out));
	memcpy_fromio(in, regs + EDU_BUF, sizeof(in));
	assert_memory_equal(in, out, sizeof(out));
	memset_io(regs + EDU_BUF, 0x5a, 4);
	assert_int_equal(readl(regs + EDU_BUF), 0x5a5a5a5au);
	iounmap(regs);
	pci_disable_device(dev);
}

/* --- ports
 * ------------------------------------------------------------------------ */

static void test_outb_inb_round_trip_on_the_uart_scratch_register(void **state)
{
	(void)state;
	assert_non_null(request_region(UART, 8, "uart"));
	outb(0x5a, UART_SCR);
	assert_int_equal(inb(UART_SCR), 0x5a);
	outb_p(0xa5, UART_SCR);
	assert_int_equal(inb_p(UART_SCR), 0xa5);
	assert_true(mock_trace_find(MOCK_IO_WRITE, UART_SCR, 0) != (size_t)-1);
	release_region(UART, 8);
}

static void test_overlapping_request_region_returns_null(void **state)
{
	(void)state;
	assert_non_null(request_region(UART, 8, "uart"));
	assert_null(request_region(UART + 4, 8, "other"));
	release_region(UART, 8);
	assert_non_null(request_region(UART + 4, 4, "other"));
	release_region(UART + 4, 4);
}

static void test_ioport_map_cookie_reaches_the_port(void **state)
{
	void __iomem *uart;

	(void)state;
	assert_non_null(request_region(UART, 8, "uart"));
	uart = ioport_map(UART, 8);
	assert_non_null(uart);
	iowrite8(0x3c, uart + 7);
	assert_int_equal(ioread8(uart + 7), 0x3c);
	assert_int_equal(inb(UART_SCR), 0x3c);
	ioport_unmap(uart);
	release_region(UART, 8);
}

static void test_pci_iomap_of_an_io_bar_uses_ports(void **state)
{
	struct pci_dev *dev = enabled(0x1b36, 0x0099);
	void __iomem *regs;

	(void)state;
	assert_int_equal(pci_request_regions(dev, "test"), 0);
	regs = pci_iomap(dev, 0, 0);
	assert_non_null(regs);
	iowrite32(0xdeadbeef, regs + 4);
	assert_true(mock_trace_find(MOCK_IO_WRITE, 0xc004, 0) != (size_t)-1);
	assert_int_equal(ioread32(regs + 4), 0xdeadbeefu);
	assert_int_equal(inl(0xc004), 0xdeadbeefu);
	iowrite16(0x1234, regs + 8);
	assert_int_equal(ioread16(regs + 8), 0x1234);
	pci_iounmap(dev, regs);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_string_port_io_moves_each_element_in_order(void **state)
{
	static const u16 out[3] = {0x1111, 0x2222, 0x3333};
	struct pci_dev *dev = enabled(0x1b36, 0x0099);
	u16 in[2] = {0};
	size_t i = 0;
	int n;

	(void)state;
	assert_int_equal(pci_request_regions(dev, "test"), 0);
	mock_trace_clear();
	outsw(0xc000, out, 3);
	for (n = 0; n < 3; n++, i++) {
		i = mock_trace_find(MOCK_IO_WRITE, 0xc000, i);
		assert_true(i != (size_t)-1);
		assert_int_equal(mock_trace_get(i)->width, 2);
		assert_int_equal(mock_trace_get(i)->value, out[n]);
	}
	/* the register keeps the last element; reading it twice gives two */
	insw(0xc000, in, 2);
	assert_int_equal(in[0], 0x3333);
	assert_int_equal(in[1], 0x3333);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

/* --- byte order
 * ----------------------------------------------------------------------- */

static void test_cpu_to_le_stores_the_least_significant_byte_first(void **state)
{
	__le16 w = cpu_to_le16(0x1234);
	__le32 l = cpu_to_le32(0x12345678);
	__le64 q = cpu_to_le64(0x0123456789abcdefULL);
	static const u8 w_bytes[] = {0x34, 0x12};
	static const u8 l_bytes[] = {0x78, 0x56, 0x34, 0x12};
	static const u8 q_bytes[] = {0xef, 0xcd, 0xab, 0x89,
	                             0x67, 0x45, 0x23, 0x01};

	(void)state;
	assert_memory_equal(&w, w_bytes, 2);
	assert_memory_equal(&l, l_bytes, 4);
	assert_memory_equal(&q, q_bytes, 8);
}

static void test_cpu_to_be_stores_the_most_significant_byte_first(void **state)
{
	__be16 w = cpu_to_be16(0x1234);
	__be32 l = cpu_to_be32(0x12345678);
	__be64 q = cpu_to_be64(0x0123456789abcdefULL);
	static const u8 w_bytes[] = {0x12, 0x34};
	static const u8 l_bytes[] = {0x12, 0x34, 0x56, 0x78};
	static const u8 q_bytes[] = {0x01, 0x23, 0x45, 0x67,
	                             0x89, 0xab, 0xcd, 0xef};

	(void)state;
	assert_memory_equal(&w, w_bytes, 2);
	assert_memory_equal(&l, l_bytes, 4);
	assert_memory_equal(&q, q_bytes, 8);
}

static void test_le_and_be_to_cpu_read_stored_bytes(void **state)
{
	static const u8 bytes[8] = {0x01, 0x02, 0x03, 0x04,
	                            0x05, 0x06, 0x07, 0x08};
	__le32 le;
	__be32 be;
	__le64 le64;
	__be16 be16;

	(void)state;
	memcpy(&le, bytes, 4);
	memcpy(&be, bytes, 4);
	memcpy(&le64, bytes, 8);
	memcpy(&be16, bytes, 2);
	assert_int_equal(le32_to_cpu(le), 0x04030201u);
	assert_int_equal(be32_to_cpu(be), 0x01020304u);
	assert_true(le64_to_cpu(le64) == 0x0807060504030201ULL);
	assert_int_equal(be16_to_cpu(be16), 0x0102);
	assert_int_equal(le32_to_cpup(&le), 0x04030201u);
	assert_int_equal(be32_to_cpup(&be), 0x01020304u);
}

static void test_network_order_is_big_endian(void **state)
{
	(void)state;
	assert_int_equal(htons(0x0800), cpu_to_be16(0x0800));
	assert_int_equal(ntohl(htonl(0xc0a80001)), 0xc0a80001u);
	assert_int_equal(swab32(0x11223344), 0x44332211u);
	assert_int_equal(swab16(0xaabb), 0xbbaa);
	assert_true(swab64(0x0102030405060708ULL) == 0x0807060504030201ULL);
}

static int ether_type_name(__be16 proto)
{
	/* drivers switch on constant conversions */
	switch (proto) {
	case __constant_htons(0x0800):
		return 4;
	case __constant_cpu_to_be16(0x86dd):
		return 6;
	default:
		return 0;
	}
}

static void test_constant_forms_work_as_case_labels(void **state)
{
	(void)state;
	assert_int_equal(ether_type_name(htons(0x0800)), 4);
	assert_int_equal(ether_type_name(htons(0x86dd)), 6);
	assert_int_equal(ether_type_name(htons(0x0806)), 0);
}

static void test_in_place_conversion_changes_the_stored_value(void **state)
{
	u32 v = 0x11223344;
	u8 bytes[4];

	(void)state;
	cpu_to_be32s(&v);
	memcpy(bytes, &v, 4);
	assert_int_equal(bytes[0], 0x11);
	assert_int_equal(bytes[3], 0x44);
	be32_to_cpus(&v);
	assert_int_equal(v, 0x11223344u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_pci_iomap_readl_reads_the_edu_id),
	    L26(test_writel_reaches_the_edu_liveness_register),
	    L26(test_ioread32_and_iowrite32_take_a_memory_cookie),
	    L26(test_ioremap_without_a_request_maps_until_iounmap),
	    L26(test_ioremap_of_part_of_a_requested_range_uses_it),
	    L26(test_mapping_outlives_the_release_of_its_region),
	    L26(test_request_mem_region_twice_returns_null),
	    L26(test_memcpy_toio_and_fromio_move_bytes),
	    L26(test_outb_inb_round_trip_on_the_uart_scratch_register),
	    L26(test_overlapping_request_region_returns_null),
	    L26(test_ioport_map_cookie_reaches_the_port),
	    L26(test_pci_iomap_of_an_io_bar_uses_ports),
	    L26(test_string_port_io_moves_each_element_in_order),
	    L26(test_cpu_to_le_stores_the_least_significant_byte_first),
	    L26(test_cpu_to_be_stores_the_most_significant_byte_first),
	    L26(test_le_and_be_to_cpu_read_stored_bytes),
	    L26(test_network_order_is_big_endian),
	    L26(test_constant_forms_work_as_case_labels),
	    L26(test_in_place_conversion_changes_the_stored_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
