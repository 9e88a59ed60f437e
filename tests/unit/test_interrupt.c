/*
 * test_interrupt.c — handler threads, shared lines, disable/enable, detach,
 * and device interrupts of the edu and scratch models (INTx and MSI).
 *
 * Handlers record what they saw in atomics; the test thread polls them with
 * a generous deadline (2 s) and never relies on timing for a positive result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <ddekit/errno.h>
#include <ddekit/interrupt.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>
#include <ddekit/thread.h>

#include "fixture.h"
#include "mock.h"

#define LINE    5 /* no device on it in "pc" */
#define EDU_IRQ 11

struct rec {
	int init_calls;
	int calls;
	int seq_init; /* sequence number of the first thread_init */
	int seq_call; /* ... and of the first handler call */
	int current;  /* ddekit_interrupt_current() in the handler */
	ddekit_thread_t *init_thread;
	ddekit_thread_t *handler_thread;
	volatile char *regs; /* edu BAR0, for handlers that acknowledge */
	ddekit_addr_t port;  /* scratch I/O BAR */
	int mine;            /* scratch: interrupts its device had raised */
	int block;           /* handler spins while set */
	int inside;
};

static int seq;

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Waits up to 2 s for *@p to reach @want; returns whether it did. */
static bool wait_for(int *p, int want)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (load(p) >= want)
			return true;
		sleep_ms(1);
	}
	return load(p) >= want;
}

static void rec_init(void *priv)
{
	struct rec *r = priv;

	r->init_thread = ddekit_thread_myself();
	if (__atomic_add_fetch(&r->init_calls, 1, __ATOMIC_SEQ_CST) == 1)
		r->seq_init = __atomic_add_fetch(&seq, 1, __ATOMIC_SEQ_CST);
}

static void rec_handler(void *priv)
{
	struct rec *r = priv;

	r->handler_thread = ddekit_thread_myself();
	r->current = ddekit_interrupt_current();
	if (!r->seq_call)
		r->seq_call = __atomic_add_fetch(&seq, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&r->inside, 1, __ATOMIC_SEQ_CST);
	while (load(&r->block))
		sleep_ms(1);
	__atomic_store_n(&r->inside, 0, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&r->calls, 1, __ATOMIC_SEQ_CST);
}

/* --- legacy lines --------------------------------------------------------- */

static void
test_attach_runs_thread_init_in_the_handler_thread_first(void **state)
{
	struct rec r = {0};
	ddekit_thread_t *t;

	(void)state;
	t = ddekit_interrupt_attach(LINE, 0, rec_init, rec_handler, &r);
	assert_non_null(t);
	/* before attach returned */
	assert_int_equal(load(&r.init_calls), 1);
	assert_ptr_equal(r.init_thread, t);
	assert_ptr_not_equal(t, ddekit_thread_myself());
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_raised_interrupt_runs_the_handler_in_its_thread(void **state)
{
	struct rec r = {0};
	ddekit_thread_t *t;

	(void)state;
	t = ddekit_interrupt_attach(LINE, 0, rec_init, rec_handler, &r);
	assert_non_null(t);
	mock_irq_raise(LINE);

	assert_true(wait_for(&r.calls, 1));
	assert_ptr_equal(r.handler_thread, t);
	assert_int_equal(r.current, LINE);
	assert_true(r.seq_init < r.seq_call);
	assert_int_equal(load(&r.init_calls), 1);
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_source_is_unmasked_after_the_handlers_ran(void **state)
{
	struct rec r = {0};
	int i;

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &r));
	for (i = 1; i <= 3; i++) {
		mock_irq_raise(LINE);
		assert_true(wait_for(&r.calls, i));
	}
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
	assert_int_equal(mock_irq_delivered(LINE), 3);
}

static void test_interrupt_current_is_minus_one_outside_handlers(void **state)
{
	(void)state;
	assert_int_equal(ddekit_interrupt_current(), -1);
}

static void test_shared_line_calls_every_handler_in_attach_order(void **state)
{
	struct rec a = {0}, b = {0};
	ddekit_thread_t *ta, *tb;

	(void)state;
	ta = ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &a);
	tb = ddekit_interrupt_attach(LINE, 1, rec_init, rec_handler, &b);
	assert_non_null(ta);
	assert_ptr_equal(tb, ta);
	mock_irq_raise(LINE);

	assert_true(wait_for(&b.calls, 1));
	assert_int_equal(load(&a.calls), 1);
	/* b's thread_init ran before the handlers, which ran in order */
	assert_true(b.seq_init < a.seq_call);
	assert_true(a.seq_call < b.seq_call);
	assert_ptr_equal(b.handler_thread, ta);
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_attach_to_a_line_in_use_fails_unless_both_share(void **state)
{
	struct rec a = {0}, b = {0};

	(void)state;
	mock_console_capture(1);
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &a));
	assert_null(ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &b));
	assert_null(ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &b));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);

	assert_non_null(
	    ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &a));
	assert_null(ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &b));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_attach_rejects_bad_arguments(void **state)
{
	struct rec r = {0};

	(void)state;
	assert_null(ddekit_interrupt_attach(-1, 0, NULL, rec_handler, &r));
	assert_null(ddekit_interrupt_attach(LINE, 0, NULL, NULL, &r));
	assert_null(ddekit_interrupt_attach(DDEKIT_IRQ_DYNAMIC_BASE, 0, NULL,
	                                    rec_handler, &r));
}

static void test_disable_holds_interrupts_back_until_enable(void **state)
{
	struct rec r = {0};

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &r));
	ddekit_interrupt_disable(LINE);
	mock_irq_raise(LINE);
	sleep_ms(100);
	assert_int_equal(load(&r.calls), 0);

	ddekit_interrupt_enable(LINE);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_disable_nests(void **state)
{
	struct rec r = {0};

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &r));
	ddekit_interrupt_disable(LINE);
	ddekit_interrupt_disable(LINE);
	mock_irq_raise(LINE);
	ddekit_interrupt_enable(LINE);
	sleep_ms(100);
	assert_int_equal(load(&r.calls), 0);

	ddekit_interrupt_enable(LINE);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

struct disabler {
	int returned;
};

static void *disable_line(void *arg)
{
	struct disabler *d = arg;

	ddekit_interrupt_disable(LINE);
	__atomic_store_n(&d->returned, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_disable_waits_for_a_running_handler(void **state)
{
	struct rec r = {0};
	struct disabler d = {0};
	pthread_t th;

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &r));
	r.block = 1;
	mock_irq_raise(LINE);
	assert_true(wait_for(&r.inside, 1));

	assert_int_equal(pthread_create(&th, NULL, disable_line, &d), 0);
	sleep_ms(100);
	assert_int_equal(load(&d.returned), 0);

	__atomic_store_n(&r.block, 0, __ATOMIC_SEQ_CST);
	assert_true(wait_for(&d.returned, 1));
	assert_int_equal(load(&r.inside), 0);
	pthread_join(th, NULL);
	ddekit_interrupt_enable(LINE);
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_detach_stops_delivery_and_releases_the_source(void **state)
{
	struct rec r = {0};
	struct mock_leaks l;

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &r));
	mock_irq_raise(LINE);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
	mock_leaks(&l);
	assert_int_equal(l.irqs, 0);

	mock_irq_raise(LINE);
	sleep_ms(100);
	assert_int_equal(load(&r.calls), 1);
	assert_int_equal(ddekit_interrupt_detach(LINE), -1);
}

static void test_line_can_be_attached_again_after_detach(void **state)
{
	struct rec a = {0}, b = {0};

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &a));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, rec_handler, &b));
	mock_irq_raise(LINE);
	assert_true(wait_for(&b.calls, 1));
	assert_int_equal(load(&a.calls), 0);
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_detach_handler_removes_only_that_handler(void **state)
{
	struct rec a = {0}, b = {0};
	struct mock_leaks l;

	(void)state;
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &a));
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &b));
	assert_int_equal(ddekit_interrupt_detach_handler(LINE, &a), 0);
	assert_int_equal(ddekit_interrupt_detach_handler(LINE, &a),
	                 -DDEKIT_ENOENT);
	mock_irq_raise(LINE);
	assert_true(wait_for(&b.calls, 1));
	assert_int_equal(load(&a.calls), 0);

	/* the last handler takes the thread and the source with it */
	assert_int_equal(ddekit_interrupt_detach_handler(LINE, &b), 0);
	mock_leaks(&l);
	assert_int_equal(l.irqs, 0);
	assert_int_equal(ddekit_interrupt_detach(LINE), -1);
}

static int detach_result = 1;

static void detaching_handler(void *priv)
{
	struct rec *r = priv;

	__atomic_store_n(&detach_result, ddekit_interrupt_detach(LINE),
	                 __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&r->calls, 1, __ATOMIC_SEQ_CST);
}

static void test_detach_from_the_lines_own_handler_is_refused(void **state)
{
	struct rec r = {0};

	(void)state;
	mock_console_capture(1);
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 0, NULL, detaching_handler, &r));
	mock_irq_raise(LINE);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(load(&detach_result), -1);

	/* the line still works */
	mock_irq_raise(LINE);
	assert_true(wait_for(&r.calls, 2));
	assert_int_equal(ddekit_interrupt_detach(LINE), 0);
}

static void test_handlers_left_attached_are_detached_by_deinit(void **state)
{
	struct rec a = {0}, b = {0};

	(void)state;
	/* teardown checks that no thread or source outlives ddekit_deinit() */
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &a));
	assert_non_null(
	    ddekit_interrupt_attach(LINE, 1, NULL, rec_handler, &b));
	assert_non_null(
	    ddekit_interrupt_attach(LINE + 1, 0, NULL, rec_handler, &b));
	ddekit_interrupt_disable(LINE + 1);
}

/* --- devices ----------------------------------------------------------------
 */

static volatile char *edu_regs(struct ddekit_pci_dev **devp)
{
	struct ddekit_pci_dev *dev;
	ddekit_pci_res_t *bar;
	ddekit_addr_t va = 0;

	dev = ddekit_pci_find_device_by_id(0x1234, 0x11e8, NULL);
	assert_non_null(dev);
	assert_int_equal(ddekit_pci_enable_device(dev), 0);
	bar = ddekit_pci_get_resource(dev, 0);
	assert_int_equal(
	    ddekit_request_mem(bar->start, bar->end - bar->start + 1, &va), 0);
	if (devp)
		*devp = dev;
	return (volatile char *)va;
}

/* Acknowledges whatever the edu device raised, as a driver would. */
static void edu_handler(void *priv)
{
	struct rec *r = priv;
	uint32_t status = ddekit_mmio_read32(r->regs + 0x24);

	r->current = ddekit_interrupt_current();
	ddekit_mmio_write32(r->regs + 0x64, status);
	if (status)
		__atomic_add_fetch(&r->calls, 1, __ATOMIC_SEQ_CST);
}

static void test_edu_interrupt_raised_by_register_is_acknowledged(void **state)
{
	struct rec r = {0};
	int irq = -1;

	(void)state;
	r.regs = edu_regs(NULL);
	assert_int_equal(ddekit_pci_irq_enable(0, 4, 0, 1, &irq), 0);
	assert_non_null(ddekit_interrupt_attach(irq, 1, NULL, edu_handler, &r));

	ddekit_mmio_write32(r.regs + 0x60, 0x1234);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(ddekit_mmio_read32(r.regs + 0x24), 0);
	assert_int_equal(r.current, EDU_IRQ);
	assert_int_equal(ddekit_interrupt_detach(irq), 0);
}

static void test_attach_pci_intx_delivers_edu_interrupts(void **state)
{
	struct ddekit_pci_dev *dev;
	struct rec r = {0};
	int irq = -1;

	(void)state;
	r.regs = edu_regs(&dev);
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_INTX, 0,
	                                             NULL, edu_handler, &r,
	                                             &irq),
	                 0);
	assert_true(irq >= DDEKIT_IRQ_DYNAMIC_BASE);

	ddekit_mmio_write32(r.regs + 0x60, 0x1);
	assert_true(wait_for(&r.calls, 1));
	assert_int_equal(r.current, irq);
	ddekit_mmio_write32(r.regs + 0x60, 0x2);
	assert_true(wait_for(&r.calls, 2));
	assert_int_equal(ddekit_interrupt_detach(irq), 0);
}

static void test_attach_pci_msi_delivers_one_call_per_message(void **state)
{
	struct ddekit_pci_dev *dev;
	struct rec r = {0};
	int irq = -1, i;

	(void)state;
	r.regs = edu_regs(&dev);
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_MSI, 0,
	                                             rec_init, edu_handler, &r,
	                                             &irq),
	                 0);
	assert_true(irq >= DDEKIT_IRQ_DYNAMIC_BASE);
	assert_int_equal(load(&r.init_calls), 1);
	for (i = 1; i <= 3; i++) {
		ddekit_mmio_write32(r.regs + 0x60, 0x100);
		assert_true(wait_for(&r.calls, i));
	}
	assert_int_equal(r.current, irq);
	assert_int_equal(ddekit_interrupt_detach(irq), 0);
}

static void test_attach_pci_numbers_are_distinct_and_detachable(void **state)
{
	struct ddekit_pci_dev *dev;
	struct rec a = {0}, b = {0};
	int i1 = -1, i2 = -1;

	(void)state;
	a.regs = b.regs = edu_regs(&dev);
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_INTX, 0,
	                                             NULL, edu_handler, &a,
	                                             &i1),
	                 0);
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_MSI, 0,
	                                             NULL, edu_handler, &b,
	                                             &i2),
	                 0);
	assert_int_not_equal(i1, i2);
	assert_int_equal(ddekit_interrupt_detach(i2), 0);
	assert_int_equal(ddekit_interrupt_detach(i1), 0);
	assert_int_equal(ddekit_interrupt_detach(i1), -1);
}

static void test_attach_pci_of_unsupported_kind_fails(void **state)
{
	struct ddekit_pci_dev *dev;
	struct rec r = {0};
	int irq = -1;

	(void)state;
	edu_regs(&dev);
	/* the mock has no MSI-X, and edu only one MSI vector */
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_MSIX, 0,
	                                             NULL, edu_handler, &r,
	                                             &irq),
	                 -DDEKIT_ENOSYS);
	assert_int_equal(ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_MSI, 1,
	                                             NULL, edu_handler, &r,
	                                             &irq),
	                 -DDEKIT_ENODEV);
	assert_int_equal(ddekit_interrupt_attach_pci(NULL, DDEKIT_IRQ_INTX, 0,
	                                             NULL, edu_handler, &r,
	                                             &irq),
	                 -DDEKIT_EINVAL);
}

/* Scratch register 7 drives INTx; a handler claims what its device raised. */
static void scratch_handler(void *priv)
{
	struct rec *r = priv;

	if (ddekit_inl(r->port + 0x1c)) {
		ddekit_outl(r->port + 0x1c, 0);
		__atomic_add_fetch(&r->mine, 1, __ATOMIC_SEQ_CST);
	}
	__atomic_add_fetch(&r->calls, 1, __ATOMIC_SEQ_CST);
}

static void scratch_setup(int slot, struct rec *r)
{
	int bus = 0, func = 0;
	struct ddekit_pci_dev *dev;
	ddekit_pci_res_t *bar;

	dev = ddekit_pci_find_device(&bus, &slot, &func, NULL);
	assert_non_null(dev);
	assert_int_equal(ddekit_pci_enable_device(dev), 0);
	bar = ddekit_pci_get_resource(dev, 0);
	r->port = bar->start;
	assert_int_equal(
	    ddekit_request_io(bar->start, bar->end - bar->start + 1), 0);
}

static void
test_devices_sharing_a_line_each_get_their_handler_called(void **state)
{
	struct rec a = {0}, b = {0};

	(void)state;
	scratch_setup(5, &a);
	scratch_setup(6, &b);
	assert_non_null(
	    ddekit_interrupt_attach(10, 1, NULL, scratch_handler, &a));
	assert_non_null(
	    ddekit_interrupt_attach(10, 1, NULL, scratch_handler, &b));

	ddekit_outl(b.port + 0x1c, 1);
	assert_true(wait_for(&b.mine, 1));
	assert_true(wait_for(&a.calls, 1));
	assert_int_equal(load(&a.mine), 0);

	ddekit_outl(a.port + 0x1c, 1);
	assert_true(wait_for(&a.mine, 1));
	assert_int_equal(load(&b.mine), 1);
	assert_int_equal(ddekit_interrupt_detach(10), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_attach_runs_thread_init_in_the_handler_thread_first),
	    PC(test_raised_interrupt_runs_the_handler_in_its_thread),
	    PC(test_source_is_unmasked_after_the_handlers_ran),
	    PC(test_interrupt_current_is_minus_one_outside_handlers),
	    PC(test_shared_line_calls_every_handler_in_attach_order),
	    PC(test_attach_to_a_line_in_use_fails_unless_both_share),
	    PC(test_attach_rejects_bad_arguments),
	    PC(test_disable_holds_interrupts_back_until_enable),
	    PC(test_disable_nests),
	    PC(test_disable_waits_for_a_running_handler),
	    PC(test_detach_stops_delivery_and_releases_the_source),
	    PC(test_line_can_be_attached_again_after_detach),
	    PC(test_detach_handler_removes_only_that_handler),
	    PC(test_detach_from_the_lines_own_handler_is_refused),
	    PC(test_handlers_left_attached_are_detached_by_deinit),
	    PC(test_edu_interrupt_raised_by_register_is_acknowledged),
	    PC(test_attach_pci_intx_delivers_edu_interrupts),
	    PC(test_attach_pci_msi_delivers_one_call_per_message),
	    PC(test_attach_pci_numbers_are_distinct_and_detachable),
	    PC(test_attach_pci_of_unsupported_kind_fails),
	    SHARED_IRQ(
	        test_devices_sharing_a_line_each_get_their_handler_called),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
