/*
 * fixture.c — setups and teardowns shared by the unit test programs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ddekit/ddekit.h>
#include <ddekit/timer.h>

#include "fixture.h"
#include "mock.h"

int fixture_load_and_init(const char *machine, int iommu)
{
	if (mock_machine_load(machine) < 0)
		return -1;
	mock_set_iommu(iommu);
	ddekit_init();
	return 0;
}

int fixture_setup_pc(void **state)
{
	(void)state;
	return fixture_load_and_init("pc", 1);
}

int fixture_setup_pc_no_iommu(void **state)
{
	(void)state;
	return fixture_load_and_init("pc", 0);
}

int fixture_setup_shared_irq(void **state)
{
	(void)state;
	return fixture_load_and_init("shared-irq", 1);
}

int fixture_setup_pc_console(void **state)
{
	if (fixture_setup_pc(state) < 0)
		return -1;
	mock_console_capture(1);
	mock_console_clear();
	return 0;
}

void fixture_disarm(void)
{
	mock_expect_abort(NULL);
	mock_fail_alloc_after(-1);
	mock_console_capture(0);
}

void fixture_expect_clean(void)
{
	char report[1024];
	int leaks = mock_leak_report(report, sizeof(report));

	if (leaks)
		print_message("%s\n", report);
	assert_int_equal(leaks, 0);
}

int fixture_teardown(void **state)
{
	(void)state;
	fixture_disarm();
	assert_int_equal(ddekit_deinit(), 0);
	fixture_expect_clean();
	mock_machine_unload();
	return 0;
}

void fixture_expect_elapsed(uint64_t t0, uint64_t min_ns)
{
	assert_in_range(ddekit_clock_ns() - t0, min_ns, 2000000000u - 1);
}
