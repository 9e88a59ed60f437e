/*
 * test_pci.c — PCI driver registration, id_table matching, probe/remove,
 * the device record, configuration space, regions and DMA masks.
 *
 * The "pc" machine has edu (1234:11e8, subsystem 1af4:1100, class 0x00ff00)
 * at 00:04.0 and the scratch device (1b36:0099, class 0xff0000) at 00:05.0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "l26_fixture.h"

#define EDU_VENDOR     0x1234
#define EDU_DEVICE     0x11e8
#define SCRATCH_VENDOR 0x1b36
#define SCRATCH_DEVICE 0x0099

/* What a test driver saw; one per driver. */
struct seen {
	int probes, removes;
	struct pci_dev *probed[4];
	kernel_ulong_t data[4];
	struct pci_dev *removed[4];
	int answer; /* what probe returns */
};

static struct seen seen_a, seen_b;

static int record_probe(struct seen *s, struct pci_dev *dev,
                        const struct pci_device_id *id)
{
	if (s->probes < 4) {
		s->probed[s->probes] = dev;
		s->data[s->probes] = id->driver_data;
	}
	s->probes++;
	return s->answer;
}

static void record_remove(struct seen *s, struct pci_dev *dev)
{
	if (s->removes < 4)
		s->removed[s->removes] = dev;
	s->removes++;
}

static int probe_a(struct pci_dev *dev, const struct pci_device_id *id)
{
	return record_probe(&seen_a, dev, id);
}

static void remove_a(struct pci_dev *dev)
{
	record_remove(&seen_a, dev);
}

static int probe_b(struct pci_dev *dev, const struct pci_device_id *id)
{
	return record_probe(&seen_b, dev, id);
}

static void remove_b(struct pci_dev *dev)
{
	record_remove(&seen_b, dev);
}

static int pci_setup(void **state)
{
	memset(&seen_a, 0, sizeof(seen_a));
	memset(&seen_b, 0, sizeof(seen_b));
	return l26_setup(state);
}

#define PCI_TEST(fn)                                                           \
	cmocka_unit_test_setup_teardown(fn, pci_setup, l26_teardown)

static struct pci_driver driver_a(const struct pci_device_id *ids)
{
	return (struct pci_driver){
	    .name = "a", .id_table = ids, .probe = probe_a, .remove = remove_a};
}

static struct pci_driver driver_b(const struct pci_device_id *ids)
{
	return (struct pci_driver){
	    .name = "b", .id_table = ids, .probe = probe_b, .remove = remove_b};
}

static struct pci_dev *edu(void)
{
	struct pci_dev *dev = pci_get_device(EDU_VENDOR, EDU_DEVICE, NULL);

	assert_non_null(dev);
	return dev;
}

/* --- matching ----------------------------------------------------------------
 */

static void
test_probe_is_called_for_edu_matched_by_vendor_and_device(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 1);
	assert_int_equal(seen_a.probed[0]->vendor, EDU_VENDOR);
	assert_int_equal(seen_a.probed[0]->device, EDU_DEVICE);
	assert_ptr_equal(seen_a.probed[0]->driver, &drv);
	pci_unregister_driver(&drv);
}

static void
test_probe_is_called_for_scratch_matched_by_masked_class(void **state)
{
	/* Only the base class counts: the sub-class bits differ. */
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE_CLASS(0xff1200, 0xff0000)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 1);
	assert_int_equal(seen_a.probed[0]->vendor, SCRATCH_VENDOR);
	assert_int_equal(seen_a.probed[0]->device, SCRATCH_DEVICE);
	pci_unregister_driver(&drv);
}

static void test_class_bits_inside_the_mask_must_equal(void **state)
{
	/* edu is 0x00ff00: its sub-class is 0xff, not 0x12. */
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE_CLASS(0x001200, 0xffff00)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 0);
	pci_unregister_driver(&drv);
}

static void test_probe_is_not_called_when_no_entry_matches(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, 0x9999)},
	    {PCI_DEVICE(0x8086, EDU_DEVICE)},
	    {EDU_VENDOR, EDU_DEVICE, 0x1af4, 0x9999, 0, 0, 0},
	    {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 0);
	pci_unregister_driver(&drv);
	assert_int_equal(seen_a.removes, 0);
}

static void test_exact_subsystem_ids_match(void **state)
{
	static const struct pci_device_id ids[] = {
	    {EDU_VENDOR, EDU_DEVICE, 0x1af4, 0x1100, 0, 0, 0}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 1);
	pci_unregister_driver(&drv);
}

static void test_probe_gets_the_first_matching_entry(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, 0x9999), .driver_data = 1},
	    {PCI_DEVICE_CLASS(0x00ff00, 0xffffff), .driver_data = 2},
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE), .driver_data = 3},
	    {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 1);
	assert_int_equal(seen_a.data[0], 2);
	pci_unregister_driver(&drv);
}

static void test_matching_stops_at_the_all_zero_entry(void **state)
{
	static const struct pci_device_id ids[] = {
	    {0}, {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 0);
	pci_unregister_driver(&drv);
}

static void test_devices_are_offered_in_bus_order(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(PCI_ANY_ID, PCI_ANY_ID)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.probes, 2);
	assert_string_equal(pci_name(seen_a.probed[0]), "0000:00:04.0");
	assert_string_equal(pci_name(seen_a.probed[1]), "0000:00:05.0");
	pci_unregister_driver(&drv);
}

static void test_failed_probe_leaves_the_device_for_a_later_driver(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver a = driver_a(ids), b = driver_b(ids);

	(void)state;
	seen_a.answer = -ENODEV;
	assert_int_equal(pci_register_driver(&a), 0);
	assert_int_equal(seen_a.probes, 1);
	assert_null(seen_a.probed[0]->driver);
	assert_int_equal(pci_register_driver(&b), 0);
	assert_int_equal(seen_b.probes, 1);
	assert_ptr_equal(seen_b.probed[0], seen_a.probed[0]);
	assert_ptr_equal(seen_b.probed[0]->driver, &b);
	pci_unregister_driver(&b);
	pci_unregister_driver(&a);
	/* A driver whose probe failed holds nothing to remove. */
	assert_int_equal(seen_a.removes, 0);
}

static void test_claimed_device_is_not_offered_to_another_driver(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver a = driver_a(ids), b = driver_b(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&a), 0);
	assert_int_equal(pci_register_driver(&b), 0);
	assert_int_equal(seen_a.probes, 1);
	assert_int_equal(seen_b.probes, 0);
	pci_unregister_driver(&b);
	pci_unregister_driver(&a);
}

static void test_unregister_removes_every_device_the_driver_holds(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(PCI_ANY_ID, PCI_ANY_ID)}, {0}};
	struct pci_driver drv = driver_a(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_int_equal(seen_a.removes, 0);
	pci_unregister_driver(&drv);
	assert_int_equal(seen_a.removes, 2);
	assert_ptr_equal(seen_a.removed[0], seen_a.probed[0]);
	assert_ptr_equal(seen_a.removed[1], seen_a.probed[1]);
	assert_null(seen_a.probed[0]->driver);
	assert_null(seen_a.probed[1]->driver);
}

static void test_device_is_offered_again_after_unregister(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver a = driver_a(ids), b = driver_b(ids);

	(void)state;
	assert_int_equal(pci_register_driver(&a), 0);
	pci_unregister_driver(&a);
	assert_int_equal(pci_register_driver(&b), 0);
	assert_int_equal(seen_b.probes, 1);
	pci_unregister_driver(&b);
}

static int probe_keeps_drvdata(struct pci_dev *dev,
                               const struct pci_device_id *id)
{
	(void)id;
	pci_set_drvdata(dev, &seen_b);
	return record_probe(&seen_a, dev, id);
}

static void test_drvdata_set_in_probe_is_read_back(void **state)
{
	static const struct pci_device_id ids[] = {
	    {PCI_DEVICE(EDU_VENDOR, EDU_DEVICE)}, {0}};
	struct pci_driver drv = {
	    .name = "keep", .id_table = ids, .probe = probe_keeps_drvdata};

	(void)state;
	assert_int_equal(pci_register_driver(&drv), 0);
	assert_ptr_equal(pci_get_drvdata(seen_a.probed[0]), &seen_b);
	assert_ptr_equal(dev_get_drvdata(&seen_a.probed[0]->dev), &seen_b);
	assert_string_equal(dev_driver_string(&seen_a.probed[0]->dev), "keep");
	pci_unregister_driver(&drv);
}

/* --- the device record
 * --------------------------------------------------------- */

static void test_pci_dev_carries_ids_class_revision_and_irq(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(dev->subsystem_vendor, 0x1af4);
	assert_int_equal(dev->subsystem_device, 0x1100);
	assert_int_equal(dev->class, 0x00ff00);
	assert_int_equal(dev->revision, 0x10);
	assert_int_equal(dev->irq, 11);
	assert_int_equal(dev->pin, 1);
	assert_int_equal(dev->bus->number, 0);
	assert_int_equal(PCI_SLOT(dev->devfn), 4);
	assert_int_equal(PCI_FUNC(dev->devfn), 0);
	assert_string_equal(pci_name(dev), "0000:00:04.0");
}

static void test_pci_resource_describes_the_memory_bar(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_resource_start(dev, 0), 0xfea00000);
	assert_int_equal(pci_resource_end(dev, 0), 0xfeafffff);
	assert_int_equal(pci_resource_len(dev, 0), 0x100000);
	assert_true(pci_resource_flags(dev, 0) & IORESOURCE_MEM);
	assert_false(pci_resource_flags(dev, 0) & IORESOURCE_IO);
	assert_int_equal(pci_resource_len(dev, 1), 0);
	assert_int_equal(pci_resource_flags(dev, 1), 0);
}

static void test_pci_resource_describes_the_io_bar(void **state)
{
	struct pci_dev *dev =
	    pci_get_device(SCRATCH_VENDOR, SCRATCH_DEVICE, NULL);

	(void)state;
	assert_non_null(dev);
	assert_int_equal(pci_resource_start(dev, 0), 0xc000);
	assert_int_equal(pci_resource_len(dev, 0), 0x20);
	assert_true(pci_resource_flags(dev, 0) & IORESOURCE_IO);
}

static void test_pci_get_device_walks_matching_devices(void **state)
{
	struct pci_dev *first, *second;

	(void)state;
	first = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, NULL);
	assert_non_null(first);
	second = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, first);
	assert_non_null(second);
	assert_int_equal(first->vendor, EDU_VENDOR);
	assert_int_equal(second->vendor, SCRATCH_VENDOR);
	assert_null(pci_get_device(PCI_ANY_ID, PCI_ANY_ID, second));
	assert_null(pci_get_device(0x8086, PCI_ANY_ID, NULL));
}

static void test_pci_dev_starts_with_a_32_bit_dma_mask(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_ptr_equal(dev->dev.dma_mask, &dev->dma_mask);
	assert_true(dev->dma_mask == DMA_32BIT_MASK);
	assert_true(dev->dev.coherent_dma_mask == DMA_32BIT_MASK);
}

/* --- configuration space
 * ---------------------------------------------------------- */

static void test_config_reads_return_the_ids(void **state)
{
	struct pci_dev *dev = edu();
	u32 dword = 0;
	u16 word = 0;
	u8 byte = 0;

	(void)state;
	assert_int_equal(pci_read_config_dword(dev, PCI_VENDOR_ID, &dword), 0);
	assert_int_equal(dword, 0x11e81234);
	assert_int_equal(pci_read_config_word(dev, PCI_DEVICE_ID, &word), 0);
	assert_int_equal(word, EDU_DEVICE);
	assert_int_equal(pci_read_config_byte(dev, PCI_REVISION_ID, &byte), 0);
	assert_int_equal(byte, 0x10);
}

static void test_config_write_reaches_the_device(void **state)
{
	struct pci_dev *dev = edu();
	u8 byte = 0;

	(void)state;
	assert_int_equal(pci_write_config_byte(dev, PCI_LATENCY_TIMER, 0x40),
	                 0);
	assert_int_equal(pci_read_config_byte(dev, PCI_LATENCY_TIMER, &byte),
	                 0);
	assert_int_equal(byte, 0x40);
}

static void test_misaligned_config_access_is_a_bad_register_number(void **state)
{
	struct pci_dev *dev = edu();
	u32 dword;
	u16 word;

	(void)state;
	assert_int_equal(pci_read_config_word(dev, 1, &word),
	                 PCIBIOS_BAD_REGISTER_NUMBER);
	assert_int_equal(pci_read_config_dword(dev, 2, &dword),
	                 PCIBIOS_BAD_REGISTER_NUMBER);
	assert_int_equal(pci_write_config_word(dev, 3, 0),
	                 PCIBIOS_BAD_REGISTER_NUMBER);
}

static u16 command(struct pci_dev *dev)
{
	u16 cmd = 0;

	assert_int_equal(pci_read_config_word(dev, PCI_COMMAND, &cmd), 0);
	return cmd;
}

static void test_enable_device_turns_on_memory_decoding(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_enable_device(dev), 0);
	assert_true(command(dev) & PCI_COMMAND_MEMORY);
	assert_true(dev->is_enabled);
	pci_disable_device(dev);
	assert_false(command(dev) & PCI_COMMAND_MEMORY);
}

static void test_set_master_turns_on_bus_mastering_until_disable(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_enable_device(dev), 0);
	assert_false(command(dev) & PCI_COMMAND_MASTER);
	pci_set_master(dev);
	assert_true(command(dev) & PCI_COMMAND_MASTER);
	pci_disable_device(dev);
	assert_false(command(dev) & PCI_COMMAND_MASTER);
}

static void test_find_capability_finds_edu_msi(void **state)
{
	struct pci_dev *dev = edu();
	u8 id = 0;
	int pos;

	(void)state;
	pos = pci_find_capability(dev, PCI_CAP_ID_MSI);
	assert_true(pos >= 0x40);
	assert_int_equal(pci_read_config_byte(dev, pos, &id), 0);
	assert_int_equal(id, PCI_CAP_ID_MSI);
	assert_int_equal(pci_find_capability(dev, PCI_CAP_ID_EXP), 0);
}

static void test_restore_state_puts_back_saved_registers(void **state)
{
	struct pci_dev *dev = edu();
	u8 byte = 0;

	(void)state;
	pci_write_config_byte(dev, PCI_LATENCY_TIMER, 0x20);
	assert_int_equal(pci_save_state(dev), 0);
	pci_write_config_byte(dev, PCI_LATENCY_TIMER, 0x80);
	assert_int_equal(pci_restore_state(dev), 0);
	pci_read_config_byte(dev, PCI_LATENCY_TIMER, &byte);
	assert_int_equal(byte, 0x20);
}

/* --- regions and DMA masks
 * ------------------------------------------------------------ */

static void test_request_regions_twice_is_busy(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_enable_device(dev), 0);
	assert_int_equal(pci_request_regions(dev, "first"), 0);
	assert_int_equal(pci_request_regions(dev, "second"), -EBUSY);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_released_regions_can_be_requested_again(void **state)
{
	struct pci_dev *dev =
	    pci_get_device(SCRATCH_VENDOR, SCRATCH_DEVICE, NULL);

	(void)state;
	assert_int_equal(pci_enable_device(dev), 0);
	assert_int_equal(pci_request_regions(dev, "first"), 0);
	pci_release_regions(dev);
	assert_int_equal(pci_request_regions(dev, "second"), 0);
	pci_release_regions(dev);
	pci_disable_device(dev);
}

static void test_set_dma_mask_records_the_mask(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_set_dma_mask(dev, DMA_28BIT_MASK), 0);
	assert_true(dev->dma_mask == DMA_28BIT_MASK);
	assert_int_equal(pci_set_consistent_dma_mask(dev, DMA_28BIT_MASK), 0);
	assert_true(dev->dev.coherent_dma_mask == DMA_28BIT_MASK);
}

static void test_dma_mask_below_24_bits_is_refused(void **state)
{
	struct pci_dev *dev = edu();

	(void)state;
	assert_int_equal(pci_set_dma_mask(dev, 0xffff), -EIO);
	assert_int_equal(pci_set_consistent_dma_mask(dev, 0xffff), -EIO);
	assert_true(dev->dma_mask == DMA_32BIT_MASK);
	assert_false(pci_dma_supported(dev, 0xffff));
	assert_true(pci_dma_supported(dev, DMA_24BIT_MASK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PCI_TEST(test_probe_is_called_for_edu_matched_by_vendor_and_device),
	    PCI_TEST(test_probe_is_called_for_scratch_matched_by_masked_class),
	    PCI_TEST(test_class_bits_inside_the_mask_must_equal),
	    PCI_TEST(test_probe_is_not_called_when_no_entry_matches),
	    PCI_TEST(test_exact_subsystem_ids_match),
	    PCI_TEST(test_probe_gets_the_first_matching_entry),
	    PCI_TEST(test_matching_stops_at_the_all_zero_entry),
	    PCI_TEST(test_devices_are_offered_in_bus_order),
	    PCI_TEST(test_failed_probe_leaves_the_device_for_a_later_driver),
	    PCI_TEST(test_claimed_device_is_not_offered_to_another_driver),
	    PCI_TEST(test_unregister_removes_every_device_the_driver_holds),
	    PCI_TEST(test_device_is_offered_again_after_unregister),
	    PCI_TEST(test_drvdata_set_in_probe_is_read_back),
	    PCI_TEST(test_pci_dev_carries_ids_class_revision_and_irq),
	    PCI_TEST(test_pci_resource_describes_the_memory_bar),
	    PCI_TEST(test_pci_resource_describes_the_io_bar),
	    PCI_TEST(test_pci_get_device_walks_matching_devices),
	    PCI_TEST(test_pci_dev_starts_with_a_32_bit_dma_mask),
	    PCI_TEST(test_config_reads_return_the_ids),
	    PCI_TEST(test_config_write_reaches_the_device),
	    PCI_TEST(test_misaligned_config_access_is_a_bad_register_number),
	    PCI_TEST(test_enable_device_turns_on_memory_decoding),
	    PCI_TEST(test_set_master_turns_on_bus_mastering_until_disable),
	    PCI_TEST(test_find_capability_finds_edu_msi),
	    PCI_TEST(test_restore_state_puts_back_saved_registers),
	    PCI_TEST(test_request_regions_twice_is_busy),
	    PCI_TEST(test_released_regions_can_be_requested_again),
	    PCI_TEST(test_set_dma_mask_records_the_mask),
	    PCI_TEST(test_dma_mask_below_24_bits_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
