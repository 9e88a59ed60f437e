/*
 * test_intr.c — bus_setup_intr() with filter and ithread on the edu device,
 * and spin mutexes excluding filters.
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
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/rman.h>
#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>

#define EDU_IRQ_STATUS 0x24
#define EDU_IRQ_RAISE  0x60
#define EDU_IRQ_ACK    0x64

struct edu_softc {
	struct resource *mem, *irq;
	int mem_rid, irq_rid;
	void *cookie;
	struct mtx spin;
	int filters, ithreads, filter_status, ithread_in_filter;
};

static struct edu_softc *sc;

static int edu_filter(void *arg)
{
	struct edu_softc *s = arg;
	uint32_t status;

	mtx_lock_spin(&s->spin);
	status = bus_read_4(s->mem, EDU_IRQ_STATUS);
	if (!status) {
		mtx_unlock_spin(&s->spin);
		return FILTER_STRAY;
	}
	bus_write_4(s->mem, EDU_IRQ_ACK, status);
	s->filter_status = (int)status;
	__atomic_fetch_add(&s->filters, 1, __ATOMIC_SEQ_CST);
	mtx_unlock_spin(&s->spin);
	return FILTER_SCHEDULE_THREAD;
}

static void edu_ithread(void *arg)
{
	struct edu_softc *s = arg;

	s->ithread_in_filter = curthread->td_intr_nesting_level;
	__atomic_fetch_add(&s->ithreads, 1, __ATOMIC_SEQ_CST);
	wakeup(s);
}

static int edu_probe(device_t dev)
{
	return pci_get_vendor(dev) == EDU_VENDOR &&
	               pci_get_device(dev) == EDU_DEVICE
	           ? BUS_PROBE_SPECIFIC
	           : ENXIO;
}

static int edu_attach(device_t dev)
{
	struct edu_softc *s = device_get_softc(dev);
	int err;

	mtx_init(&s->spin, "edu spin", NULL, MTX_SPIN);
	s->mem_rid = PCIR_BAR(0);
	s->mem =
	    bus_alloc_resource_any(dev, SYS_RES_MEMORY, &s->mem_rid, RF_ACTIVE);
	s->irq_rid = 0;
	s->irq = bus_alloc_resource_any(dev, SYS_RES_IRQ, &s->irq_rid,
	                                RF_ACTIVE | RF_SHAREABLE);
	if (!s->mem || !s->irq)
		return ENXIO;
	err = bus_setup_intr(dev, s->irq, INTR_TYPE_MISC | INTR_MPSAFE,
	                     edu_filter, edu_ithread, s, &s->cookie);
	if (err)
		return err;
	sc = s;
	return 0;
}

static int edu_detach(device_t dev)
{
	struct edu_softc *s = device_get_softc(dev);

	bus_teardown_intr(dev, s->irq, s->cookie);
	bus_release_resource(dev, SYS_RES_IRQ, s->irq_rid, s->irq);
	bus_release_resource(dev, SYS_RES_MEMORY, s->mem_rid, s->mem);
	mtx_destroy(&s->spin);
	sc = NULL;
	return 0;
}

static device_method_t edu_methods[] = {
    DEVMETHOD(device_probe, edu_probe),
    DEVMETHOD(device_attach, edu_attach),
    DEVMETHOD(device_detach, edu_detach),
    {0, 0},
};

static driver_t edu_driver = {"tedu", edu_methods, sizeof(struct edu_softc)};

static int setup(void **state)
{
	if (fbsd_setup(state))
		return -1;
	sc = NULL;
	return fbsd_add_pci_driver(&edu_driver);
}

#define INTR(fn) cmocka_unit_test_setup_teardown(fn, setup, fbsd_teardown)

static int n_filters(void)
{
	return __atomic_load_n(&sc->filters, __ATOMIC_SEQ_CST);
}

static int n_ithreads(void)
{
	return __atomic_load_n(&sc->ithreads, __ATOMIC_SEQ_CST);
}

static void test_irq_resource_is_the_intx_line(void **state)
{
	(void)state;
	assert_non_null(sc);
	assert_int_equal(rman_get_start(sc->irq), EDU_LINE);
	assert_int_equal(rman_get_bustag(sc->mem), X86_BUS_SPACE_MEM);
}

static void test_edu_interrupt_runs_filter_then_ithread(void **state)
{
	struct mtx m;

	(void)state;
	assert_non_null(sc);
	mtx_init(&m, "wait", NULL, MTX_DEF);
	mtx_lock(&m);
	bus_write_4(sc->mem, EDU_IRQ_RAISE, 0x5);
	while (n_ithreads() == 0)
		assert_int_equal(msleep(sc, &m, PZERO, "irq", 2000), 0);
	mtx_unlock(&m);
	mtx_destroy(&m);
	assert_int_equal(n_filters(), 1);
	assert_int_equal(sc->filter_status, 0x5);
	assert_int_equal(sc->ithread_in_filter, 0);
	/* Acknowledged: the line is quiet again. */
	assert_int_equal(bus_read_4(sc->mem, EDU_IRQ_STATUS), 0);
}

static void test_spin_mutex_keeps_the_filter_out(void **state)
{
	(void)state;
	assert_non_null(sc);
	mtx_lock_spin(&sc->spin);
	bus_write_4(sc->mem, EDU_IRQ_RAISE, 0x1);
	/* Interrupts are off: busy-wait, as a FreeBSD driver would. */
	DELAY(50000);
	assert_int_equal(n_filters(), 0);
	mtx_unlock_spin(&sc->spin);
	assert_true(fbsd_wait_for(n_filters() == 1));
	assert_true(fbsd_wait_for(n_ithreads() == 1));
}

static void test_critical_section_keeps_the_filter_out(void **state)
{
	(void)state;
	assert_non_null(sc);
	critical_enter();
	bus_write_4(sc->mem, EDU_IRQ_RAISE, 0x2);
	DELAY(30000);
	assert_int_equal(n_filters(), 0);
	critical_exit();
	assert_true(fbsd_wait_for(n_filters() == 1));
}

static void test_teardown_stops_delivery(void **state)
{
	device_t dev = devclass_get_device(devclass_find("tedu"), 0);

	(void)state;
	assert_int_equal(device_detach(dev), 0);
	assert_int_equal(mock_irq_masked(EDU_LINE), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    INTR(test_irq_resource_is_the_intx_line),
	    INTR(test_edu_interrupt_runs_filter_then_ithread),
	    INTR(test_spin_mutex_keeps_the_filter_out),
	    INTR(test_critical_section_keeps_the_filter_out),
	    INTR(test_teardown_stops_delivery),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
