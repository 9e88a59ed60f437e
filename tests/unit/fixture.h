/*
 * fixture.h — what every unit test program does around its tests.
 *
 * A test runs on a freshly loaded mock machine with ddekit_init() done; its
 * teardown proves that ddekit_deinit() gave every host object back. Each
 * test program links fixture.c (tests/CMakeLists.txt, libdde_unit_test).
 */
#ifndef TESTS_UNIT_FIXTURE_H
#define TESTS_UNIT_FIXTURE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "mock.h"

/**
 * fixture_load_and_init() - load @machine, switch its IOMMU on or off, then
 * ddekit_init(). Returns 0, or -1 when the machine does not load.
 */
int fixture_load_and_init(const char *machine, int iommu);

/* CMocka setups: "pc" with the IOMMU on (the machine's default) or off. */
int fixture_setup_pc(void **state);
int fixture_setup_pc_no_iommu(void **state);
/* "shared-irq": two scratch devices on one interrupt line. */
int fixture_setup_shared_irq(void **state);
/* "pc", with console output kept for mock_console_text() from the start. */
int fixture_setup_pc_console(void **state);

/**
 * fixture_disarm() - undo what a test may have left armed when it failed
 * half-way: an expected abort (whose jmp_buf is gone), a pending allocation
 * failure, console capture.
 */
void fixture_disarm(void);

/**
 * fixture_expect_clean() - assert that no host object is alive, printing
 * the leak report if one is. Usable mid-test, e.g. after ddekit_deinit().
 */
void fixture_expect_clean(void);

/** fixture_teardown() - disarm, ddekit_deinit(), expect clean, unload. */
int fixture_teardown(void **state);

/* Entries of a CMUnitTest table: @fn on the machine its name says, between
 * the matching setup above and fixture_teardown(). */
#define PC(fn)                                                                 \
	cmocka_unit_test_setup_teardown(fn, fixture_setup_pc, fixture_teardown)
#define PC_NO_IOMMU(fn)                                                        \
	cmocka_unit_test_setup_teardown(fn, fixture_setup_pc_no_iommu,         \
	                                fixture_teardown)
#define SHARED_IRQ(fn)                                                         \
	cmocka_unit_test_setup_teardown(fn, fixture_setup_shared_irq,          \
	                                fixture_teardown)
#define PC_CONSOLE(fn)                                                         \
	cmocka_unit_test_setup_teardown(fn, fixture_setup_pc_console,          \
	                                fixture_teardown)

/**
 * fixture_expect_elapsed() - assert that at least @min_ns passed since @t0
 * (a ddekit_clock_ns() value). Timing tests check only that lower bound;
 * the upper one, 2 s, is generous enough to catch a hang, not slowness.
 */
void fixture_expect_elapsed(uint64_t t0, uint64_t min_ns);

/**
 * fixture_panics() - run @stmt with the console captured (and emptied) and
 * the next ddekit_host_abort() caught; true when @stmt ended in an abort.
 * The console text stays for the test to check. A macro, since the jmp_buf
 * must belong to the test's own frame while @stmt runs.
 */
#define fixture_panics(stmt)                                                   \
	({                                                                     \
		jmp_buf fixture_env_;                                          \
		volatile bool fixture_aborted_ = false;                        \
                                                                               \
		mock_console_capture(1);                                       \
		mock_console_clear();                                          \
		if (setjmp(fixture_env_) == 0) {                               \
			mock_expect_abort(&fixture_env_);                      \
			stmt;                                                  \
		} else {                                                       \
			fixture_aborted_ = true;                               \
		}                                                              \
		mock_expect_abort(NULL);                                       \
		fixture_aborted_;                                              \
	})

#endif /* TESTS_UNIT_FIXTURE_H */
