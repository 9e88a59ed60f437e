/*
 * initcall.c — running the functions registered with DDEKIT_INITCALL().
 *
 * The linker collects the records in section "ddekit_initcalls" and defines
 * __start_/__stop_ symbols around it. They are weak so that a program without
 * any initcall (no such section) still links; both are then NULL.
 */
#include "internal.h"

#include <ddekit/initcall.h>

#include <stdbool.h>

extern const struct ddekit_initcall __start_ddekit_initcalls[]
    __attribute__((weak));
extern const struct ddekit_initcall __stop_ddekit_initcalls[]
    __attribute__((weak));

static bool initcalls_done;

void ddekit__initcall_reset(void)
{
	initcalls_done = false;
}

/*
 * Runs one priority level after the other, each in section (link) order.
 * That is quadratic in the number of distinct priorities, which are few, and
 * needs no memory, which a sort would.
 */
int ddekit_do_initcalls(void)
{
	const struct ddekit_initcall *first = __start_ddekit_initcalls;
	const struct ddekit_initcall *end = __stop_ddekit_initcalls;
	const struct ddekit_initcall *c;
	bool have_prev = false;
	int prev = 0;
	int called = 0;

	/* Set first: an initcall that calls this again must not recurse. */
	if (initcalls_done)
		return 0;
	initcalls_done = true;
	if (!first || !end)
		return 0;

	for (;;) {
		bool found = false;
		int level = 0;

		for (c = first; c < end; c++) {
			if (have_prev && c->prio <= prev)
				continue;
			if (!found || c->prio < level) {
				level = c->prio;
				found = true;
			}
		}
		if (!found)
			break;
		for (c = first; c < end; c++) {
			if (c->prio != level)
				continue;
			c->fn();
			called++;
		}
		prev = level;
		have_prev = true;
	}
	return called;
}
