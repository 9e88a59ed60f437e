/*
 * test_initcall.c — DDEKIT_INITCALL / DDEKIT_CTOR and ddekit_do_initcalls().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ddekit/ddekit.h>
#include <ddekit/initcall.h>

#include "fixture.h"
#include "mock.h"

/* The section as the linker laid it out: the oracle for "link order". */
extern const struct ddekit_initcall __start_ddekit_initcalls[];
extern const struct ddekit_initcall __stop_ddekit_initcalls[];

#define MAX_CALLS 32

static void (*calls[MAX_CALLS])(void);
static int ncalls;

static void note(void (*fn)(void))
{
	if (ncalls < MAX_CALLS)
		calls[ncalls] = fn;
	ncalls++;
}

static void late_a(void);
static void late_b(void);
static void early(void);
static void middle_a(void);
static void middle_b(void);
static void middle_c(void);
static void negative(void);
static void recursive(void);

static void late_a(void)
{
	note(late_a);
}
static void late_b(void)
{
	note(late_b);
}
static void early(void)
{
	note(early);
}
static void middle_a(void)
{
	note(middle_a);
}
static void middle_b(void)
{
	note(middle_b);
}
static void middle_c(void)
{
	note(middle_c);
}
static void negative(void)
{
	note(negative);
}
/* Calling again from inside an initcall must not run anything twice. */
static void recursive(void)
{
	note(recursive);
	ddekit_do_initcalls();
}

DDEKIT_CTOR(late_a, 9);
DDEKIT_INITCALL(middle_a);
DDEKIT_CTOR(early, 0);
DDEKIT_INITCALL(middle_b);
DDEKIT_CTOR(late_b, 9);
DDEKIT_CTOR(negative, -5);
DDEKIT_INITCALL(middle_c);
DDEKIT_CTOR(recursive, 5);

#define NREGISTERED 8

static int setup(void **state)
{
	if (fixture_setup_pc(state) < 0)
		return -1;
	ncalls = 0;
	return 0;
}

static const struct ddekit_initcall *entry_of(void (*fn)(void))
{
	const struct ddekit_initcall *c;

	for (c = __start_ddekit_initcalls; c < __stop_ddekit_initcalls; c++)
		if (c->fn == fn)
			return c;
	return NULL;
}

static void test_every_registered_function_runs_once(void **state)
{
	int i, j;

	(void)state;
	assert_int_equal(__stop_ddekit_initcalls - __start_ddekit_initcalls,
	                 NREGISTERED);
	assert_int_equal(ddekit_do_initcalls(), NREGISTERED);
	assert_int_equal(ncalls, NREGISTERED);
	for (i = 0; i < NREGISTERED; i++)
		for (j = 0; j < i; j++)
			assert_ptr_not_equal(calls[i], calls[j]);
}

static void test_lower_priority_runs_first(void **state)
{
	int i;

	(void)state;
	ddekit_do_initcalls();
	assert_ptr_equal(calls[0], negative);
	assert_ptr_equal(calls[1], early);
	for (i = 1; i < ncalls; i++)
		assert_true(entry_of(calls[i - 1])->prio <=
		            entry_of(calls[i])->prio);
}

static void test_equal_priorities_run_in_link_order(void **state)
{
	int i;

	(void)state;
	ddekit_do_initcalls();
	for (i = 1; i < ncalls; i++) {
		const struct ddekit_initcall *a = entry_of(calls[i - 1]);
		const struct ddekit_initcall *b = entry_of(calls[i]);

		if (a->prio == b->prio)
			assert_true(a < b);
	}
}

static void test_second_call_runs_nothing(void **state)
{
	(void)state;
	ddekit_do_initcalls();
	ncalls = 0;
	assert_int_equal(ddekit_do_initcalls(), 0);
	assert_int_equal(ncalls, 0);
}

static void test_initcalls_run_again_after_deinit_and_init(void **state)
{
	(void)state;
	assert_int_equal(ddekit_do_initcalls(), NREGISTERED);
	assert_int_equal(ddekit_deinit(), 0);
	ddekit_init();
	ncalls = 0;
	assert_int_equal(ddekit_do_initcalls(), NREGISTERED);
	assert_int_equal(ncalls, NREGISTERED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fixture_teardown)
	    T(test_every_registered_function_runs_once),
	    T(test_lower_priority_runs_first),
	    T(test_equal_priorities_run_in_link_order),
	    T(test_second_call_runs_nothing),
	    T(test_initcalls_run_again_after_deinit_and_init),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
