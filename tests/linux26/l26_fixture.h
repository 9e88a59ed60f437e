/*
 * l26_fixture.h — the Linux emulation up on the "pc" mock machine.
 *
 * Setup: fixture_setup_pc() then dde_linux26_init(); teardown:
 * dde_linux26_exit() then fixture_teardown(), which proves ddekit_deinit()
 * succeeds and nothing leaked.
 */
#ifndef TESTS_LINUX26_L26_FIXTURE_H
#define TESTS_LINUX26_L26_FIXTURE_H

#include <ddekit/thread.h>

#include "fixture.h"

int l26_setup(void **state);
int l26_teardown(void **state);

/* The pc machine's scratch device line, free for request_irq() tests. */
#define L26_LINE 11

#define L26(fn) cmocka_unit_test_setup_teardown(fn, l26_setup, l26_teardown)

/* l26_wait_for() - poll @cond (1 ms steps) for up to 2 s; its final value. */
#define l26_wait_for(cond)                                                     \
	({                                                                     \
		int __i;                                                       \
		for (__i = 0; __i < 2000 && !(cond); __i++)                    \
			ddekit_thread_msleep(1);                               \
		!!(cond);                                                      \
	})

#endif /* TESTS_LINUX26_L26_FIXTURE_H */
