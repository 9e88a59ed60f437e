/*
 * test_newbus.c — newbus: DRIVER_MODULE registration, probe priorities and
 * order, softc lifetime, child buses, detach.
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
#include <sys/kernel.h>
#include <sys/module.h>
#include <dev/pci/pcivar.h>
#include <dev/pci/pcireg.h>

/* ---- an event log the drivers write ---- */
static char events[1024];

static void note(const char *what, device_t dev)
{
	size_t n = strlen(events);

	snprintf(events + n, sizeof(events) - n, "%s:%s ", what,
	         device_get_nameunit(dev));
}

/* ---- two DRIVER_MODULE drivers competing for edu ---- */
struct tedu_softc {
	char bytes[100];
	device_t self;
};

static struct tedu_softc *tedu_softc_seen;

static int tedu_probe(device_t dev)
{
	note("probe", dev);
	if (pci_get_vendor(dev) != EDU_VENDOR ||
	    pci_get_device(dev) != EDU_DEVICE)
		return ENXIO;
	device_set_desc(dev, "test edu driver");
	return BUS_PROBE_DEFAULT;
}

static int tedu_attach(device_t dev)
{
	struct tedu_softc *sc = device_get_softc(dev);
	size_t i;

	note("attach", dev);
	for (i = 0; i < sizeof(sc->bytes); i++)
		assert_int_equal(sc->bytes[i], 0);
	sc->self = dev;
	tedu_softc_seen = sc;
	return 0;
}

static int tedu_detach(device_t dev)
{
	note("detach", dev);
	return 0;
}

static device_method_t tedu_methods[] = {
    DEVMETHOD(device_probe, tedu_probe),
    DEVMETHOD(device_attach, tedu_attach),
    DEVMETHOD(device_detach, tedu_detach),
    {0, 0},
};

static driver_t tedu_driver = {"tedu", tedu_methods, sizeof(struct tedu_softc)};
static devclass_t tedu_devclass;
DRIVER_MODULE(tedu, pci, tedu_driver, tedu_devclass, 0, 0);

static int tgen_probe(device_t dev)
{
	note("probe", dev);
	device_set_desc(dev, "test generic driver");
	return BUS_PROBE_GENERIC;
}

static int tgen_attach(device_t dev)
{
	note("attach", dev);
	return 0;
}

static int tgen_detach(device_t dev)
{
	note("detach", dev);
	return 0;
}

static device_method_t tgen_methods[] = {
    DEVMETHOD(device_probe, tgen_probe),
    DEVMETHOD(device_attach, tgen_attach),
    DEVMETHOD(device_detach, tgen_detach),
    {0, 0},
};

static driver_t tgen_driver = {"tgen", tgen_methods, 0};
static devclass_t tgen_devclass;
DRIVER_MODULE(tgen, pci, tgen_driver, tgen_devclass, 0, 0);

static int setup(void **state)
{
	events[0] = '\0';
	tedu_softc_seen = NULL;
	return fbsd_setup(state);
}

#define NB(fn) cmocka_unit_test_setup_teardown(fn, setup, fbsd_teardown)

static void test_driver_module_registers_the_driver_class(void **state)
{
	(void)state;
	assert_non_null(tedu_devclass);
	assert_string_equal(devclass_get_name(tedu_devclass), "tedu");
}

static void test_highest_probe_priority_wins(void **state)
{
	device_t edu = devclass_get_device(tedu_devclass, 0);

	(void)state;
	assert_non_null(edu);
	assert_true(device_is_attached(edu));
	assert_string_equal(device_get_nameunit(edu), "tedu0");
	assert_string_equal(device_get_desc(edu), "test edu driver");
	assert_int_equal(pci_get_slot(edu), 4);
}

static void test_a_lone_generic_driver_gets_the_device(void **state)
{
	device_t scratch = devclass_get_device(tgen_devclass, 0);

	(void)state;
	assert_non_null(scratch);
	assert_int_equal(pci_get_vendor(scratch), SCRATCH_VENDOR);
	assert_null(devclass_get_device(tgen_devclass, 1));
}

static void test_winner_probes_again_before_attach(void **state)
{
	const char *again = strstr(events, "probe:tedu0 attach:tedu0 ");
	const char *first = strstr(events, "probe:tedu0 ");

	(void)state;
	/* edu: every driver probes (each under its own class), then the
	 * winner once more, then it attaches. */
	assert_non_null(again);
	assert_true(first < again);
	assert_non_null(strstr(events, "probe:tgen"));
	assert_true(strstr(events, "probe:tgen") < again);
}

static void test_softc_is_zeroed_and_sized_and_reachable(void **state)
{
	device_t edu = devclass_get_device(tedu_devclass, 0);

	(void)state;
	assert_ptr_equal(device_get_softc(edu), tedu_softc_seen);
	assert_ptr_equal(tedu_softc_seen->self, edu);
	assert_ptr_equal(devclass_get_softc(tedu_devclass, 0), tedu_softc_seen);
}

static void test_detach_frees_the_softc_and_keeps_the_device(void **state)
{
	device_t edu = devclass_get_device(tedu_devclass, 0);

	(void)state;
	assert_int_equal(device_detach(edu), 0);
	assert_non_null(strstr(events, "detach:tedu0"));
	assert_null(device_get_softc(edu));
	assert_false(device_is_attached(edu));
	/* Probing again attaches it anew, with a fresh zeroed softc. */
	assert_int_equal(device_probe_and_attach(edu), 0);
	assert_true(device_is_attached(edu));
}

/* ---- a driver added later, whose attach fails ---- */
static int failing_attaches;

static int tfail_probe(device_t dev)
{
	if (pci_get_vendor(dev) != SCRATCH_VENDOR)
		return ENXIO;
	return BUS_PROBE_SPECIFIC;
}

static int tfail_attach(device_t dev)
{
	(void)dev;
	failing_attaches++;
	return ENXIO;
}

static device_method_t tfail_methods[] = {
    DEVMETHOD(device_probe, tfail_probe),
    DEVMETHOD(device_attach, tfail_attach),
    {0, 0},
};

static driver_t tfail_driver = {"tfail", tfail_methods, 64};

static void test_failed_attach_leaves_the_device_unattached(void **state)
{
	device_t scratch = devclass_get_device(tgen_devclass, 0);

	(void)state;
	assert_int_equal(device_detach(scratch), 0);
	failing_attaches = 0;
	assert_int_equal(fbsd_add_pci_driver(&tfail_driver), 0);
	/* tfail (SPECIFIC) was tried first and failed; tgen does not get a
	 * second chance in the same probe (FreeBSD does not retry). */
	assert_int_equal(failing_attaches, 1);
	assert_false(device_is_attached(scratch));
	assert_null(device_get_softc(scratch));
	assert_null(devclass_get_device(devclass_find("tfail"), 0));
	assert_int_equal(fbsd_remove_pci_driver(&tfail_driver), 0);
}

/* ---- a bus driver with children of its own ("atapci" style) ---- */
static int tbus_probe(device_t dev)
{
	if (pci_get_vendor(dev) != SCRATCH_VENDOR)
		return ENXIO;
	return BUS_PROBE_VENDOR;
}

static int tbus_attach(device_t dev)
{
	note("attach", dev);
	device_add_child(dev, "tchild", -1);
	device_add_child(dev, "tchild", -1);
	return bus_generic_attach(dev);
}

static int tbus_detach(device_t dev)
{
	int err = bus_generic_detach(dev);

	note("detach", dev);
	return err;
}

static device_method_t tbus_methods[] = {
    DEVMETHOD(device_probe, tbus_probe),
    DEVMETHOD(device_attach, tbus_attach),
    DEVMETHOD(device_detach, tbus_detach),
    {0, 0},
};

static driver_t tbus_driver = {"tbus", tbus_methods, 0};

struct tchild_softc {
	struct resource *port;
	int rid;
	uint32_t reg6;
};

static int tchild_probe(device_t dev)
{
	device_set_desc(dev, "test child");
	return 0;
}

static int tchild_attach(device_t dev)
{
	struct tchild_softc *sc = device_get_softc(dev);
	int unit = device_get_unit(dev);

	note("attach", dev);
	/* An explicit port range, passed up through the parent bus. */
	sc->rid = 0;
	sc->port = bus_alloc_resource(
	    dev, SYS_RES_IOPORT, &sc->rid, SCRATCH_PORT + 4 * (u_long)unit,
	    SCRATCH_PORT + 4 * (u_long)unit + 3, 4, RF_ACTIVE);
	if (!sc->port)
		return ENXIO;
	bus_write_4(sc->port, 0, 0x1000u + (u_int)unit);
	return 0;
}

static int tchild_detach(device_t dev)
{
	struct tchild_softc *sc = device_get_softc(dev);

	note("detach", dev);
	return bus_release_resource(dev, SYS_RES_IOPORT, sc->rid, sc->port);
}

static device_method_t tchild_methods[] = {
    DEVMETHOD(device_probe, tchild_probe),
    DEVMETHOD(device_attach, tchild_attach),
    DEVMETHOD(device_detach, tchild_detach),
    {0, 0},
};

static driver_t tchild_driver = {"tchild", tchild_methods,
                                 sizeof(struct tchild_softc)};

static void test_bus_driver_attaches_its_children(void **state)
{
	device_t scratch = devclass_get_device(tgen_devclass, 0), bus;
	devclass_t tbus_dc;

	(void)state;
	assert_int_equal(device_detach(scratch), 0);
	assert_int_equal(
	    devclass_add_driver(devclass_create("tbus"), &tchild_driver), 0);
	events[0] = '\0';
	assert_int_equal(fbsd_add_pci_driver(&tbus_driver), 0);
	tbus_dc = devclass_find("tbus");
	bus = devclass_get_device(tbus_dc, 0);
	assert_non_null(bus);
	assert_true(device_is_attached(bus));
	/* The unattached scratch is offered to every driver again. */
	assert_non_null(
	    strstr(events, "attach:tbus0 attach:tchild0 attach:tchild1 "));
	assert_ptr_equal(device_get_parent(device_find_child(bus, "tchild", 1)),
	                 bus);
	assert_int_equal(devclass_get_count(devclass_find("tchild")), 2);

	events[0] = '\0';
	assert_int_equal(fbsd_remove_pci_driver(&tbus_driver), 0);
	assert_string_equal(events,
	                    "detach:tchild0 detach:tchild1 detach:tbus0 ");
}

static void test_delete_child_detaches_grandchildren_first(void **state)
{
	device_t scratch = devclass_get_device(tgen_devclass, 0), bus;

	(void)state;
	assert_int_equal(device_detach(scratch), 0);
	devclass_add_driver(devclass_create("tbus"), &tchild_driver);
	assert_int_equal(fbsd_add_pci_driver(&tbus_driver), 0);
	bus = devclass_get_device(devclass_find("tbus"), 0);
	events[0] = '\0';
	assert_int_equal(device_delete_child(device_get_parent(bus), bus), 0);
	assert_string_equal(events,
	                    "detach:tchild0 detach:tchild1 detach:tbus0 ");
	assert_null(devclass_get_device(devclass_find("tchild"), 0));
}

static void test_device_printf_prefixes_the_name_and_unit(void **state)
{
	device_t edu = devclass_get_device(tedu_devclass, 0);

	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	device_printf(edu, "hello %d\n", 42);
	assert_non_null(strstr(mock_console_text(), "tedu0: hello 42\n"));
	mock_console_capture(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    NB(test_driver_module_registers_the_driver_class),
	    NB(test_highest_probe_priority_wins),
	    NB(test_a_lone_generic_driver_gets_the_device),
	    NB(test_winner_probes_again_before_attach),
	    NB(test_softc_is_zeroed_and_sized_and_reachable),
	    NB(test_detach_frees_the_softc_and_keeps_the_device),
	    NB(test_failed_attach_leaves_the_device_unattached),
	    NB(test_bus_driver_attaches_its_children),
	    NB(test_delete_child_detaches_grandchildren_first),
	    NB(test_device_printf_prefixes_the_name_and_unit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
