/*
 * conformance_standin.c — the DDEKit conformance suite on backends/l4re,
 * with the L4Re stand-in simulating L4Re over the mock machine "pc".
 *
 * The same suite runs on real L4Re in QEMU (tests/conformance/main_l4re.c);
 * here it checks the backend's logic in every build. Exit status 0 only
 * when every test passed, the backend released all it held, and every
 * capability went back to the simulated L4Re.
 */
#include <stdio.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>

#include "l4re.h"
#include "mock.h"
#include "standin_ctl.h"
#include "suite.h"

int main(void)
{
	struct ddekit_conf_config cfg;
	struct ddekit_l4re_counts left;
	char report[1024];
	int failures, r, caps, leaks;

	if (mock_machine_load("pc") < 0 || l4re_standin_boot(0) < 0) {
		fprintf(stderr, "cannot start the simulated L4Re\n");
		return 1;
	}
	r = ddekit_init_checked();
	if (r < 0) {
		fprintf(stderr, "ddekit_init: %d\n", r);
		return 1;
	}
	ddekit_conformance_defaults(&cfg);
	cfg.backend = "l4re (stand-in over the mock machine)";
	cfg.quick = 1;
	failures = ddekit_conformance_run(&cfg);
	r = ddekit_deinit();
	ddekit_l4re_wait_threads(1000);
	ddekit_l4re_counts(&left);
	caps = l4re_standin_shutdown();
	leaks = mock_leak_report(report, sizeof(report));
	if (leaks)
		fprintf(stderr, "%s\n", report);
	if (left.threads || left.sync_objects || left.mem || left.irqs)
		fprintf(stderr,
		        "still alive: %ld threads, %ld mutexes/events, "
		        "%ld memory, %ld irqs\n",
		        left.threads, left.sync_objects, left.mem, left.irqs);
	mock_machine_unload();
	return failures || r < 0 || caps || leaks || left.threads ||
	               left.sync_objects || left.mem || left.irqs
	           ? 1
	           : 0;
}
