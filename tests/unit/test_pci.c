/*
 * test_pci.c — enumeration, lookups, configuration access, enable/disable
 * and bus mastering on the mock "pc" (edu at 00:04.0, scratch at 00:05.0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/pci.h>

#include "fixture.h"
#include "mock.h"

#define ANY     DDEKIT_PCI_ANY_ID
#define EDU_VID 0x1234
#define EDU_DID 0x11e8
#define PCI_CMD 0x04

static struct ddekit_pci_dev *edu(void)
{
	struct ddekit_pci_dev *d;

	d = ddekit_pci_find_device_by_id(EDU_VID, EDU_DID, NULL);
	assert_non_null(d);
	return d;
}

static uint16_t command(void)
{
	ddekit_uint16_t cmd = 0;

	assert_int_equal(ddekit_pci_readw(0, 4, 0, PCI_CMD, &cmd), 0);
	return cmd;
}

static void test_enumeration_finds_edu_at_00_04_0(void **state)
{
	struct ddekit_pci_dev *d;
	int bus = -1, slot = -1, func = -1;

	(void)state;
	d = edu();
	ddekit_pci_get_location(d, &bus, &slot, &func);
	assert_int_equal(bus, 0);
	assert_int_equal(slot, 4);
	assert_int_equal(func, 0);
	assert_int_equal(ddekit_pci_get_vendor(d), EDU_VID);
	assert_int_equal(ddekit_pci_get_device_id(d), EDU_DID);
	assert_int_equal(ddekit_pci_get_sub_vendor(d), 0x1af4);
	assert_int_equal(ddekit_pci_get_sub_device(d), 0x1100);
	assert_int_equal(ddekit_pci_get_dev_class(d), 0x00ff00);
	assert_int_equal(ddekit_pci_get_irq(d), 11);
}

static void test_edu_bar0_is_a_1_mib_memory_resource(void **state)
{
	ddekit_pci_res_t *r;
	unsigned i;

	(void)state;
	r = ddekit_pci_get_resource(edu(), 0);
	assert_non_null(r);
	assert_int_equal(r->start, 0xfea00000);
	assert_int_equal(r->end - r->start + 1, 0x100000);
	assert_true(r->flags & DDEKIT_PCI_RES_MEM);
	assert_false(r->flags & DDEKIT_PCI_RES_IO);
	for (i = 1; i < 6; i++) {
		r = ddekit_pci_get_resource(edu(), i);
		assert_int_equal(r->start | r->end | r->flags, 0);
	}
	assert_null(ddekit_pci_get_resource(edu(), 6));
}

static void test_io_bar_becomes_an_io_resource(void **state)
{
	struct ddekit_pci_dev *d;
	ddekit_pci_res_t *r;

	(void)state;
	d = ddekit_pci_find_device_by_id(0x1b36, 0x0099, NULL);
	assert_non_null(d);
	r = ddekit_pci_get_resource(d, 0);
	assert_int_equal(r->start, 0xc000);
	assert_int_equal(r->end, 0xc01f);
	assert_int_equal(r->flags, DDEKIT_PCI_RES_IO);
}

static void test_names_are_ids_and_location(void **state)
{
	(void)state;
	assert_string_equal(ddekit_pci_get_name(edu()), "1234:11e8");
	assert_string_equal(ddekit_pci_get_slot_name(edu()), "00:04.0");
}

static void test_get_device_lists_functions_in_order_then_fails(void **state)
{
	int bus, slot, func;

	(void)state;
	assert_int_equal(ddekit_pci_get_device(0, &bus, &slot, &func), 0);
	assert_int_equal(slot, 4);
	assert_int_equal(ddekit_pci_get_device(1, &bus, &slot, &func), 0);
	assert_int_equal(slot, 5);
	assert_int_equal(ddekit_pci_get_device(2, &bus, &slot, &func), -1);
	assert_int_equal(ddekit_pci_get_device(-1, &bus, &slot, &func), -1);
}

static void
test_find_device_with_wildcards_visits_each_function_once(void **state)
{
	struct ddekit_pci_dev *d = NULL;
	int bus, slot, func, n = 0, seen = 0;

	(void)state;
	for (;;) {
		bus = slot = func = ANY;
		d = ddekit_pci_find_device(&bus, &slot, &func, d);
		if (!d)
			break;
		n++;
		seen |= 1 << slot;
		assert_int_equal(bus, 0);
		assert_int_equal(func, 0);
	}
	assert_int_equal(n, 2);
	assert_int_equal(seen, (1 << 4) | (1 << 5));
}

static void test_find_device_by_location_sets_the_wildcards(void **state)
{
	struct ddekit_pci_dev *d;
	int bus = 0, slot = 5, func = ANY;

	(void)state;
	d = ddekit_pci_find_device(&bus, &slot, &func, NULL);
	assert_non_null(d);
	assert_int_equal(func, 0);
	assert_int_equal(ddekit_pci_get_vendor(d), 0x1b36);

	slot = 9;
	func = ANY;
	assert_null(ddekit_pci_find_device(&bus, &slot, &func, NULL));
}

static void test_find_device_by_id_matches_wildcards(void **state)
{
	struct ddekit_pci_dev *first, *second;

	(void)state;
	first = ddekit_pci_find_device_by_id(ANY, ANY, NULL);
	assert_ptr_equal(first, edu());
	second = ddekit_pci_find_device_by_id(ANY, ANY, first);
	assert_non_null(second);
	assert_int_equal(ddekit_pci_get_vendor(second), 0x1b36);
	assert_null(ddekit_pci_find_device_by_id(ANY, ANY, second));
	assert_ptr_equal(ddekit_pci_find_device_by_id(ANY, EDU_DID, NULL),
	                 edu());
	assert_null(ddekit_pci_find_device_by_id(EDU_VID, 0x1111, NULL));
}

static void test_find_device_by_class_compares_masked_bits(void **state)
{
	struct ddekit_pci_dev *d;

	(void)state;
	assert_ptr_equal(
	    ddekit_pci_find_device_by_class(0x00ff00, 0xffffff, NULL), edu());
	d = ddekit_pci_find_device_by_class(0xff0000, 0xff0000, NULL);
	assert_non_null(d);
	assert_int_equal(ddekit_pci_get_dev_class(d), 0xff0000);
	assert_null(ddekit_pci_find_device_by_class(0x020000, 0xff0000, NULL));
	/* an empty mask matches everything */
	assert_ptr_equal(ddekit_pci_find_device_by_class(0x123456, 0, NULL),
	                 edu());
}

static void test_config_reads_return_the_header(void **state)
{
	ddekit_uint8_t b = 0;
	ddekit_uint16_t w = 0;
	ddekit_uint32_t l = 0;

	(void)state;
	assert_int_equal(ddekit_pci_readl(0, 4, 0, 0x00, &l), 0);
	assert_int_equal(l, 0x11e81234);
	assert_int_equal(ddekit_pci_readw(0, 4, 0, 0x02, &w), 0);
	assert_int_equal(w, EDU_DID);
	assert_int_equal(ddekit_pci_readb(0, 4, 0, 0x08, &b), 0);
	assert_int_equal(b, 0x10);
	assert_int_equal(ddekit_pci_read(0, 4, 0, 0x3c, 1, &l), 0);
	assert_int_equal(l, 11);
}

static void test_config_writes_reach_the_function(void **state)
{
	ddekit_uint8_t b = 0;

	(void)state;
	mock_trace_clear();
	assert_int_equal(ddekit_pci_writeb(0, 4, 0, 0x0d, 0x40), 0);
	assert_int_equal(ddekit_pci_readb(0, 4, 0, 0x0d, &b), 0);
	assert_int_equal(b, 0x40);
	assert_int_not_equal(mock_trace_find(MOCK_CFG_WRITE, 0x0d, 0),
	                     (size_t)-1);
}

static void test_config_access_to_unknown_function_fails_enodev(void **state)
{
	ddekit_uint32_t l;

	(void)state;
	assert_int_equal(ddekit_pci_readl(0, 7, 0, 0, &l), -DDEKIT_ENODEV);
	assert_int_equal(ddekit_pci_writel(1, 4, 0, 0, 0), -DDEKIT_ENODEV);
	assert_int_equal(ddekit_pci_read(0, 4, 1, 0, 4, &l), -DDEKIT_ENODEV);
}

static void test_config_access_with_bad_width_fails_einval(void **state)
{
	ddekit_uint32_t l;

	(void)state;
	assert_int_equal(ddekit_pci_read(0, 4, 0, 0, 3, &l), -DDEKIT_EINVAL);
	assert_int_equal(ddekit_pci_write(0, 4, 0, 0, 8, 0), -DDEKIT_EINVAL);
}

static void test_enable_device_turns_on_decoding(void **state)
{
	(void)state;
	assert_int_equal(ddekit_pci_enable_device(edu()), 0);
	assert_int_equal(command() & 0x2, 0x2);
}

static void test_set_master_sets_bit_2_with_a_config_write(void **state)
{
	size_t i;
	const struct mock_access *a;

	(void)state;
	assert_int_equal(command() & 0x4, 0);
	mock_trace_clear();
	ddekit_pci_set_master(edu());
	assert_int_equal(command() & 0x4, 0x4);
	i = mock_trace_find(MOCK_CFG_WRITE, PCI_CMD, 0);
	assert_int_not_equal(i, (size_t)-1);
	a = mock_trace_get(i);
	assert_string_equal(a->device, "edu");
	assert_true(a->value & 0x4);
}

static void test_disable_device_clears_decoding_and_mastering(void **state)
{
	(void)state;
	assert_int_equal(ddekit_pci_enable_device(edu()), 0);
	ddekit_pci_set_master(edu());
	assert_int_equal(ddekit_pci_disable_device(edu()), 0);
	assert_int_equal(command() & 0x7, 0);
}

static void test_irq_enable_reports_the_legacy_line(void **state)
{
	int irq = -1;

	(void)state;
	assert_int_equal(ddekit_pci_irq_enable(0, 4, 0, 1, &irq), 0);
	assert_int_equal(irq, 11);
	assert_int_equal(ddekit_pci_irq_enable(0, 5, 0, 1, &irq), 0);
	assert_int_equal(irq, 10);
	assert_int_equal(ddekit_pci_irq_enable(0, 8, 0, 1, &irq),
	                 -DDEKIT_ENODEV);
}

static void test_machine_without_pci_has_no_functions(void **state)
{
	int bus = ANY, slot = ANY, func = ANY;

	(void)state;
	assert_int_equal(ddekit_deinit(), 0);
	mock_machine_unload();
	assert_int_equal(mock_machine_load("empty"), 0);
	ddekit_init();

	assert_null(ddekit_pci_find_device(&bus, &slot, &func, NULL));
	assert_int_equal(ddekit_pci_get_device(0, &bus, &slot, &func), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_enumeration_finds_edu_at_00_04_0),
	    PC(test_edu_bar0_is_a_1_mib_memory_resource),
	    PC(test_io_bar_becomes_an_io_resource),
	    PC(test_names_are_ids_and_location),
	    PC(test_get_device_lists_functions_in_order_then_fails),
	    PC(test_find_device_with_wildcards_visits_each_function_once),
	    PC(test_find_device_by_location_sets_the_wildcards),
	    PC(test_find_device_by_id_matches_wildcards),
	    PC(test_find_device_by_class_compares_masked_bits),
	    PC(test_config_reads_return_the_header),
	    PC(test_config_writes_reach_the_function),
	    PC(test_config_access_to_unknown_function_fails_enodev),
	    PC(test_config_access_with_bad_width_fails_einval),
	    PC(test_enable_device_turns_on_decoding),
	    PC(test_set_master_sets_bit_2_with_a_config_write),
	    PC(test_disable_device_clears_decoding_and_mastering),
	    PC(test_irq_enable_reports_the_legacy_line),
	    PC(test_machine_without_pci_has_no_functions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
