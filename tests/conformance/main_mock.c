/*
 * main_mock.c — the conformance suite on the mock machine "pc".
 *
 * The only file of the suite that knows it runs on the mock: it loads the
 * machine, brings DDEKit up, runs the suite, tears DDEKit down and asks the
 * mock whether anything was left behind.
 *
 * Usage: ddekit_conformance_mock [--quick] [--only <area[.test]>]
 *                                [--machine <name>]
 * (--machine "empty" shows how missing devices are reported.)
 * Exit status 0 only when every test passed, ddekit_deinit() succeeded and
 * no host object leaked.
 */

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>
#include <ddekit/thread.h>

#include "mock.h"
#include "suite.h"

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	const char *machine = "pc";
	char backend[96];
	char leaks[1024];
	int failures, r, leaked;

	ddekit_conformance_defaults(&cfg);
	if (ddekit_conformance_args(argc, argv, &cfg, &machine) < 0)
		return 2;
	ddekit_snprintf(backend, sizeof(backend), "mock (machine \"%s\")",
	                machine);
	cfg.backend = backend;

	r = mock_machine_load(machine);
	if (r < 0) {
		ddekit_printf("cannot load the mock machine \"%s\": %d (%s)\n",
		              machine, r, ddekit_strerror(r));
		return 1;
	}
	ddekit_init();
	failures = ddekit_conformance_run(&cfg);

	r = ddekit_deinit();
	leaks[0] = '\0';
	leaked = mock_leak_report(leaks, sizeof(leaks));
	mock_machine_unload();
	return ddekit_conformance_teardown(failures, r, leaked ? leaks : NULL);
}
