/*
 * test_resources.c — accounting of ports, device memory and ISA DMA
 * channels, and the port and MMIO accessors reaching the device models.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>

#include "fixture.h"
#include "mock.h"

#define UART     0x3f8
#define UART_SCR (UART + 7)
#define EDU_VID  0x1234
#define EDU_DID  0x11e8

/* Claims and maps the edu device's BAR0; returns its base in *start. */
static volatile char *edu_map(ddekit_addr_t *start, ddekit_addr_t *size)
{
	struct ddekit_pci_dev *edu;
	ddekit_pci_res_t *bar;
	ddekit_addr_t va = 0;

	edu = ddekit_pci_find_device_by_id(EDU_VID, EDU_DID, NULL);
	assert_non_null(edu);
	assert_int_equal(ddekit_pci_enable_device(edu), 0);
	bar = ddekit_pci_get_resource(edu, 0);
	*start = bar->start;
	*size = bar->end - bar->start + 1;
	assert_int_equal(ddekit_request_mem(*start, *size, &va), 0);
	assert_int_not_equal(va, 0);
	return (volatile char *)va;
}

/* --- ports ---------------------------------------------------------------- */

static void test_requesting_ports_twice_fails_busy(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	assert_int_equal(ddekit_request_io(UART, 8), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_release_io(UART, 8), 0);
}

static void test_requesting_partly_overlapping_ports_fails_busy(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	assert_int_equal(ddekit_request_io(UART - 4, 5), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_request_io(UART + 7, 2), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_request_io(UART + 2, 1), -DDEKIT_EBUSY);
	/* adjacent ranges do not overlap */
	assert_int_equal(ddekit_request_io(UART + 8, 8), 0);
	assert_int_equal(ddekit_request_io(UART - 8, 8), 0);
	assert_int_equal(ddekit_release_io(UART - 8, 8), 0);
	assert_int_equal(ddekit_release_io(UART + 8, 8), 0);
	assert_int_equal(ddekit_release_io(UART, 8), 0);
}

static void test_releasing_ports_not_claimed_exactly_fails_einval(void **state)
{
	(void)state;
	assert_int_equal(ddekit_release_io(UART, 8), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	assert_int_equal(ddekit_release_io(UART, 4), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_release_io(UART + 1, 7), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_release_io(UART, 8), 0);
	assert_int_equal(ddekit_release_io(UART, 8), -DDEKIT_EINVAL);
}

static void test_request_io_rejects_empty_and_out_of_range_ports(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 0), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_request_io(0xfffe, 4), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_request_io(0x10000, 1), -DDEKIT_EINVAL);
}

static void test_ports_the_host_refuses_fail_eacces_and_stay_free(void **state)
{
	(void)state;
	mock_console_capture(1);
	mock_io_deny(UART, 8);
	assert_int_equal(ddekit_request_io(UART, 8), -DDEKIT_EACCES);
	/* nothing stays claimed: a neighbour overlapping it is fine */
	assert_int_equal(ddekit_request_io(UART - 8, 9), -DDEKIT_EACCES);
	assert_int_equal(ddekit_request_io(UART - 8, 8), 0);
	assert_int_equal(ddekit_release_io(UART - 8, 8), 0);
}

static void test_uart_scratch_register_round_trips_and_is_traced(void **state)
{
	size_t w;
	const struct mock_access *a;

	(void)state;
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	mock_trace_clear();

	ddekit_outb(UART_SCR, 0x5a);
	assert_int_equal(ddekit_inb(UART_SCR), 0x5a);
	ddekit_outb(UART_SCR, 0xc3);
	assert_int_equal(ddekit_inb(UART_SCR), 0xc3);

	w = mock_trace_find(MOCK_IO_WRITE, UART_SCR, 0);
	assert_int_not_equal(w, (size_t)-1);
	a = mock_trace_get(w);
	assert_int_equal(a->width, 1);
	assert_int_equal(a->value, 0x5a);
	assert_int_not_equal(mock_trace_find(MOCK_IO_READ, UART_SCR, w),
	                     (size_t)-1);
	assert_int_equal(ddekit_release_io(UART, 8), 0);
}

static void test_access_to_unclaimed_port_panics_naming_it(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 4), 0);
	assert_true(fixture_panics(ddekit_inb(UART + 5)));
	assert_non_null(strstr(mock_console_text(), "PANIC"));
	assert_non_null(strstr(mock_console_text(), "0x3fd"));
	assert_int_equal(ddekit_release_io(UART, 4), 0);
}

static void test_released_ports_can_no_longer_be_accessed(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	ddekit_outb(UART_SCR, 1);
	assert_int_equal(ddekit_release_io(UART, 8), 0);
	assert_true(fixture_panics(ddekit_outb(UART_SCR, 2)));
}

static void test_wide_port_access_must_lie_entirely_in_a_claim(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_io(UART, 2), 0);
	ddekit_outw(UART, 0x0102);
	assert_true(fixture_panics(ddekit_inl(UART)));
	assert_non_null(strstr(mock_console_text(), "0x3fa"));
	assert_int_equal(ddekit_release_io(UART, 2), 0);
}

/* --- device memory -------------------------------------------------------- */

static void test_mmio_accessors_reach_the_edu_model(void **state)
{
	ddekit_addr_t start, size;
	volatile char *regs;

	(void)state;
	regs = edu_map(&start, &size);

	assert_int_equal(ddekit_mmio_read32(regs + 0x00), 0x010000ed);
	ddekit_mmio_write32(regs + 0x04, 0x12345678);
	assert_int_equal(ddekit_mmio_read32(regs + 0x04), ~0x12345678u);
	ddekit_mmio_write32(regs + 0x04, 0);
	assert_int_equal(ddekit_mmio_read32(regs + 0x04), 0xffffffffu);
	assert_int_not_equal(mock_trace_find(MOCK_MMIO_WRITE, 0x04, 0),
	                     (size_t)-1);

	assert_int_equal(ddekit_release_mem(start, size), 0);
}

static void test_requesting_device_memory_twice_fails_busy(void **state)
{
	ddekit_addr_t start, size, va;

	(void)state;
	edu_map(&start, &size);
	assert_int_equal(ddekit_request_mem(start, size, &va), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_request_mem(start + 0x1000, 0x1000, &va),
	                 -DDEKIT_EBUSY);
	assert_int_equal(ddekit_release_mem(start, size), 0);
}

static void test_releasing_memory_not_claimed_exactly_fails_einval(void **state)
{
	ddekit_addr_t start, size;

	(void)state;
	edu_map(&start, &size);
	assert_int_equal(ddekit_release_mem(start, 0x1000), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_release_mem(start, size), 0);
	assert_int_equal(ddekit_release_mem(start, size), -DDEKIT_EINVAL);
}

static void test_request_mem_where_no_device_decodes_fails_enodev(void **state)
{
	ddekit_addr_t va;

	(void)state;
	mock_console_capture(1);
	assert_int_equal(ddekit_request_mem(0x1000, 0x1000, &va),
	                 -DDEKIT_ENODEV);
	/* and the range is not left claimed */
	assert_int_equal(ddekit_request_mem(0x1000, 0x1000, &va),
	                 -DDEKIT_ENODEV);
}

/* --- ISA DMA channels ----------------------------------------------------- */

static void test_isa_dma_channels_are_accounted(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_dma(3), 0);
	assert_int_equal(ddekit_request_dma(3), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_request_dma(5), 0);
	assert_int_equal(ddekit_release_dma(3), 0);
	assert_int_equal(ddekit_release_dma(3), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_request_dma(3), 0);
	assert_int_equal(ddekit_release_dma(3), 0);
	assert_int_equal(ddekit_release_dma(5), 0);
}

static void
test_isa_dma_channel_numbers_outside_0_to_7_fail_einval(void **state)
{
	(void)state;
	assert_int_equal(ddekit_request_dma(8), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_request_dma(-1), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_release_dma(8), -DDEKIT_EINVAL);
}

static void test_resources_left_claimed_are_released_by_deinit(void **state)
{
	ddekit_addr_t start, size;

	(void)state;
	/* teardown checks that nothing of these outlives ddekit_deinit() */
	assert_int_equal(ddekit_request_io(UART, 8), 0);
	edu_map(&start, &size);
	assert_int_equal(ddekit_request_dma(2), 0);
}

/* The scratch function's I/O BAR (machines/pc.dts): 32-bit registers. */
#define SCRATCH_IO 0xc000

static void test_port_accessors_of_every_width_use_their_width(void **state)
{
	(void)state;
	/* Its I/O BAR decodes only once the function is enabled. */
	assert_int_equal(ddekit_pci_enable_device(ddekit_pci_find_device_by_id(
	                     0x1b36, 0x0099, NULL)),
	                 0);
	assert_int_equal(ddekit_request_io(SCRATCH_IO, 0x20), 0);
	ddekit_outl(SCRATCH_IO, 0x11223344ul);
	assert_int_equal(ddekit_inl(SCRATCH_IO), 0x11223344ul);
	assert_int_equal(ddekit_inw(SCRATCH_IO), 0x3344);
	assert_int_equal(ddekit_inw(SCRATCH_IO + 2), 0x1122);
	ddekit_outw(SCRATCH_IO + 2, 0xbeef);
	assert_int_equal(ddekit_inl(SCRATCH_IO), 0xbeef3344ul);
	ddekit_outb(SCRATCH_IO + 1, 0x5a);
	assert_int_equal(ddekit_inl(SCRATCH_IO), 0xbeef5a44ul);
	assert_int_equal(
	    mock_trace_get(mock_trace_find(MOCK_IO_WRITE, SCRATCH_IO + 2, 0))
	        ->width,
	    2);
	assert_int_equal(ddekit_release_io(SCRATCH_IO, 0x20), 0);
}

/* edu's 4 KiB buffer at BAR0 + 0x40000 takes accesses of any width. */
static void test_mmio_accessors_of_every_width_round_trip(void **state)
{
	ddekit_addr_t start, size;
	volatile uint8_t *buf;
	const struct mock_access *a;

	(void)state;
	buf = (volatile uint8_t *)edu_map(&start, &size) + 0x40000;
	mock_trace_clear();

	ddekit_mmio_write8(buf, 0xa5);
	ddekit_mmio_write16(buf + 2, 0xb00c);
	ddekit_mmio_write32(buf + 4, 0xdeadbeefu);
	ddekit_mmio_write64(buf + 8, 0x0123456789abcdefull);
	assert_int_equal(ddekit_mmio_read8(buf), 0xa5);
	assert_int_equal(ddekit_mmio_read16(buf + 2), 0xb00c);
	assert_int_equal(ddekit_mmio_read32(buf + 4), 0xdeadbeefu);
	assert_true(ddekit_mmio_read64(buf + 8) == 0x0123456789abcdefull);
	/* Not merged or split: each access reaches the device as issued. */
	a = mock_trace_get(mock_trace_find(MOCK_MMIO_WRITE, 0x40002, 0));
	assert_int_equal(a->width, 2);
	assert_int_equal(a->value, 0xb00c);
	a = mock_trace_get(mock_trace_find(MOCK_MMIO_READ, 0x40008, 0));
	assert_int_equal(a->width, 8);
	assert_int_equal(ddekit_release_mem(start, size), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_requesting_ports_twice_fails_busy),
	    PC(test_requesting_partly_overlapping_ports_fails_busy),
	    PC(test_releasing_ports_not_claimed_exactly_fails_einval),
	    PC(test_request_io_rejects_empty_and_out_of_range_ports),
	    PC(test_ports_the_host_refuses_fail_eacces_and_stay_free),
	    PC(test_uart_scratch_register_round_trips_and_is_traced),
	    PC(test_port_accessors_of_every_width_use_their_width),
	    PC(test_mmio_accessors_of_every_width_round_trip),
	    PC(test_access_to_unclaimed_port_panics_naming_it),
	    PC(test_released_ports_can_no_longer_be_accessed),
	    PC(test_wide_port_access_must_lie_entirely_in_a_claim),
	    PC(test_mmio_accessors_reach_the_edu_model),
	    PC(test_requesting_device_memory_twice_fails_busy),
	    PC(test_releasing_memory_not_claimed_exactly_fails_einval),
	    PC(test_request_mem_where_no_device_decodes_fails_enodev),
	    PC(test_isa_dma_channels_are_accounted),
	    PC(test_isa_dma_channel_numbers_outside_0_to_7_fail_einval),
	    PC(test_resources_left_claimed_are_released_by_deinit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
