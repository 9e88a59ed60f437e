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
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>
#include <ddekit/thread.h>

#include "mock.h"
#include "suite.h"

static int parse_args(int argc, char **argv, struct ddekit_conf_config *cfg,
                      const char **machine)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			cfg->quick = 1;
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			cfg->only = argv[++i];
		} else if (strcmp(argv[i], "--machine") == 0 && i + 1 < argc) {
			*machine = argv[++i];
		} else {
			ddekit_printf("usage: %s [--quick] [--only "
			              "<area[.test]>] [--machine <name>]\n",
			              argv[0]);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	const char *machine = "pc";
	char backend[96];
	char leaks[1024];
	int failures, r, leaked;

	ddekit_conformance_defaults(&cfg);
	if (parse_args(argc, argv, &cfg, &machine) < 0)
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

	if (r < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n", r,
		              ddekit_errname(r));
	if (leaked)
		ddekit_printf("teardown: %d host objects leaked: %s\n", leaked,
		              leaks);
	if (r == 0 && !leaked)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no leaks)\n");
	return failures || r < 0 || leaked ? 1 : 0;
}
