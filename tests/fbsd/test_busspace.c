/*
 * test_busspace.c — bus_space on the scratch device's ports and the edu's
 * MMIO, and the PCI accessors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/rman.h>
#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>

static device_t found[2];

static int any_probe(device_t dev)
{
	(void)dev;
	return BUS_PROBE_GENERIC;
}

static int any_attach(device_t dev)
{
	found[pci_get_slot(dev) == 4 ? 0 : 1] = dev;
	return 0;
}

static int any_detach(device_t dev)
{
	(void)dev;
	return 0;
}

static device_method_t any_methods[] = {
    DEVMETHOD(device_probe, any_probe),
    DEVMETHOD(device_attach, any_attach),
    DEVMETHOD(device_detach, any_detach),
    {0, 0},
};

static driver_t any_driver = {"tany", any_methods, 0};

static int setup(void **state)
{
	found[0] = found[1] = NULL;
	if (fbsd_setup(state))
		return -1;
	return fbsd_add_pci_driver(&any_driver);
}

#define BS(fn) cmocka_unit_test_setup_teardown(fn, setup, fbsd_teardown)

static void test_pci_accessors_read_the_functions_identity(void **state)
{
	device_t edu = found[0], scratch = found[1];

	(void)state;
	assert_non_null(edu);
	assert_non_null(scratch);
	assert_int_equal(pci_get_vendor(edu), EDU_VENDOR);
	assert_int_equal(pci_get_device(edu), EDU_DEVICE);
	assert_int_equal(pci_get_subvendor(edu), 0x1af4);
	assert_int_equal(pci_get_subdevice(edu), 0x1100);
	assert_int_equal(pci_get_class(edu), 0x00);
	assert_int_equal(pci_get_subclass(edu), 0xff);
	assert_int_equal(pci_get_revid(edu), 0x10);
	assert_int_equal(pci_get_irq(edu), EDU_LINE);
	assert_int_equal(pci_get_class(scratch), 0xff);
	assert_int_equal(pci_get_slot(scratch), 5);
	assert_int_equal(pci_get_function(scratch), 0);
	assert_int_equal(pci_read_config(edu, PCIR_DEVVENDOR, 4),
	                 EDU_DEVICE << 16 | EDU_VENDOR);
	assert_int_equal(pci_read_config(scratch, PCIR_VENDOR, 2),
	                 SCRATCH_VENDOR);
}

static void test_enable_busmaster_sets_the_command_bit(void **state)
{
	(void)state;
	assert_int_equal(pci_enable_busmaster(found[0]), 0);
	assert_true(pci_read_config(found[0], PCIR_COMMAND, 2) &
	            PCIM_CMD_BUSMASTEREN);
	pci_disable_busmaster(found[0]);
	assert_false(pci_read_config(found[0], PCIR_COMMAND, 2) &
	             PCIM_CMD_BUSMASTEREN);
}

static void test_port_access_on_the_scratch_bar(void **state)
{
	int rid = PCIR_BAR(0);
	struct resource *r =
	    bus_alloc_resource_any(found[1], SYS_RES_IOPORT, &rid, RF_ACTIVE);
	u_int32_t regs[2] = {0x11223344, 0x55667788}, back[2];
	u_int8_t b;

	(void)state;
	assert_non_null(r);
	assert_int_equal(rman_get_start(r), SCRATCH_PORT);
	assert_int_equal(rman_get_size(r), 0x20);
	assert_int_equal(rman_get_bustag(r), X86_BUS_SPACE_IO);
	bus_write_4(r, 0, 0xdeadbeef);
	assert_int_equal(bus_read_4(r, 0), 0xdeadbeef);
	assert_int_equal(bus_read_2(r, 2), 0xdead);
	bus_write_1(r, 1, 0x42);
	assert_int_equal(bus_read_1(r, 1), 0x42);
	/* Register 6 counts its reads: _multi reads the same port. */
	bus_write_4(r, 0x18, 0);
	bus_read_multi_1(r, 0x18, &b, 1);
	bus_read_multi_4(r, 0x18, back, 2);
	assert_int_equal(back[0], 2);
	assert_int_equal(back[1], 3);
	/* _region walks registers 1 and 2. */
	bus_write_region_4(r, 4, regs, 2);
	assert_int_equal(bus_read_4(r, 4), 0x11223344);
	assert_int_equal(bus_read_4(r, 8), 0x55667788);
	bus_read_region_4(r, 4, back, 2);
	assert_memory_equal(back, regs, sizeof(regs));
	assert_int_equal(bus_release_resource(found[1], SYS_RES_IOPORT, rid, r),
	                 0);
}

static void test_mmio_access_on_the_edu_bar(void **state)
{
	int rid = PCIR_BAR(0);
	struct resource *r =
	    bus_alloc_resource_any(found[0], SYS_RES_MEMORY, &rid, RF_ACTIVE);

	(void)state;
	assert_non_null(r);
	assert_int_equal(rman_get_start(r), 0xfea00000ul);
	assert_int_equal(rman_get_bustag(r), X86_BUS_SPACE_MEM);
	assert_int_equal(bus_read_4(r, 0x00), 0x010000ed);
	bus_space_write_4(rman_get_bustag(r), rman_get_bushandle(r), 0x04,
	                  0x12345678);
	assert_int_equal(bus_read_4(r, 0x04), ~0x12345678u);
	assert_int_equal(bus_release_resource(found[0], SYS_RES_MEMORY, rid, r),
	                 0);
}

static void test_wrong_bar_kind_gives_no_resource(void **state)
{
	int rid = PCIR_BAR(0);

	(void)state;
	/* The scratch BAR is I/O, not memory; BAR 1 does not exist. */
	assert_null(
	    bus_alloc_resource_any(found[1], SYS_RES_MEMORY, &rid, RF_ACTIVE));
	rid = PCIR_BAR(1);
	assert_null(
	    bus_alloc_resource_any(found[1], SYS_RES_IOPORT, &rid, RF_ACTIVE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BS(test_pci_accessors_read_the_functions_identity),
	    BS(test_enable_busmaster_sets_the_command_bit),
	    BS(test_port_access_on_the_scratch_bar),
	    BS(test_mmio_access_on_the_edu_bar),
	    BS(test_wrong_bar_kind_gives_no_resource),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
