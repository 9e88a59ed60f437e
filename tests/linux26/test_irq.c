/*
 * test_irq.c — request_irq/free_irq, shared lines, disable/enable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/interrupt.h>

#include "l26_fixture.h"

struct dev {
	int calls;
	irqreturn_t answer;
};

static irqreturn_t dev_handler(int irq, void *dev_id)
{
	struct dev *d = dev_id;

	(void)irq;
	__atomic_fetch_add(&d->calls, 1, __ATOMIC_SEQ_CST);
	return d->answer;
}

static int calls(struct dev *d)
{
	return __atomic_load_n(&d->calls, __ATOMIC_SEQ_CST);
}

static void
test_shared_line_calls_both_handlers_whatever_they_return(void **state)
{
	struct dev a = {0, IRQ_NONE}, b = {0, IRQ_HANDLED};

	(void)state;
	assert_int_equal(
	    request_irq(L26_LINE, dev_handler, IRQF_SHARED, "a", &a), 0);
	assert_int_equal(
	    request_irq(L26_LINE, dev_handler, IRQF_SHARED, "b", &b), 0);
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(calls(&a) == 1 && calls(&b) == 1));
	/* IRQ_NONE from one device does not keep the line masked. */
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(calls(&a) == 2 && calls(&b) == 2));
	free_irq(L26_LINE, &a);
	free_irq(L26_LINE, &b);
}

static void test_free_irq_removes_only_that_dev_id(void **state)
{
	struct dev a = {0, IRQ_HANDLED}, b = {0, IRQ_HANDLED};

	(void)state;
	request_irq(L26_LINE, dev_handler, IRQF_SHARED, "a", &a);
	request_irq(L26_LINE, dev_handler, IRQF_SHARED, "b", &b);
	free_irq(L26_LINE, &a);
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(calls(&b) == 1));
	ddekit_thread_msleep(10);
	assert_int_equal(calls(&a), 0);
	free_irq(L26_LINE, &b);
}

static void test_unshared_line_in_use_is_busy(void **state)
{
	struct dev a = {0, IRQ_HANDLED}, b = {0, IRQ_HANDLED};

	(void)state;
	assert_int_equal(request_irq(L26_LINE, dev_handler, 0, "a", &a), 0);
	assert_int_equal(
	    request_irq(L26_LINE, dev_handler, IRQF_SHARED, "b", &b), -EBUSY);
	free_irq(L26_LINE, &a);
}

static void test_shared_request_needs_a_dev_id(void **state)
{
	(void)state;
	assert_int_equal(
	    request_irq(L26_LINE, dev_handler, IRQF_SHARED, "x", NULL),
	    -EINVAL);
}

static void test_disable_irq_defers_the_handler_until_enable_irq(void **state)
{
	struct dev a = {0, IRQ_HANDLED};

	(void)state;
	request_irq(L26_LINE, dev_handler, 0, "a", &a);
	disable_irq(L26_LINE);
	mock_irq_raise(L26_LINE);
	ddekit_thread_msleep(40);
	assert_int_equal(calls(&a), 0);
	enable_irq(L26_LINE);
	assert_true(l26_wait_for(calls(&a) == 1));
	synchronize_irq(L26_LINE);
	free_irq(L26_LINE, &a);
}

static void test_free_irq_of_an_unknown_dev_id_only_complains(void **state)
{
	struct dev a = {0, IRQ_HANDLED};
	int other;

	(void)state;
	request_irq(L26_LINE, dev_handler, IRQF_SHARED, "a", &a);
	mock_console_capture(1);
	free_irq(L26_LINE, &other);
	mock_console_capture(0);
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(calls(&a) == 1));
	free_irq(L26_LINE, &a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_shared_line_calls_both_handlers_whatever_they_return),
	    L26(test_free_irq_removes_only_that_dev_id),
	    L26(test_unshared_line_in_use_is_busy),
	    L26(test_shared_request_needs_a_dev_id),
	    L26(test_disable_irq_defers_the_handler_until_enable_irq),
	    L26(test_free_irq_of_an_unknown_dev_id_only_complains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
