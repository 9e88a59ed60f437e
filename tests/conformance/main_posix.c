/*
 * main_posix.c — the conformance suite on posix_uio: real PCI functions
 * seen through UIO or VFIO (in the tests, QEMU's edu in a Linux guest).
 *
 * It binds nothing itself: whoever runs it binds the edu device to
 * uio_pci_generic or vfio-pci first (dde-bind). Linked statically so it can
 * be dropped into any initramfs.
 *
 * Usage: ddekit_conformance_posix [--quick] [--msi] [--only <area[.test]>]
 *                                 [--backend-name <name>] [--port <port>]
 * --msi makes MSI delivery a requirement (the msi area runs and must pass).
 * Exit status 0 only when every test passed, ddekit_deinit() succeeded and
 * no host thread, mutex or event outlived it.
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "posix_core.h"
#include "suite.h"

static void usage(const char *prog)
{
	ddekit_printf("usage: %s [--quick] [--msi] [--only <area[.test]>] "
	              "[--backend-name <name>] [--port <port>]\n",
	              prog);
}

static int parse_args(int argc, char **argv, struct ddekit_conf_config *cfg)
{
	char *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			cfg->quick = 1;
		} else if (strcmp(argv[i], "--msi") == 0) {
			cfg->msi = 1;
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			cfg->only = argv[++i];
		} else if (strcmp(argv[i], "--backend-name") == 0 &&
		           i + 1 < argc) {
			cfg->backend = argv[++i];
		} else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
			cfg->port_base = strtoul(argv[++i], &end, 0);
			if (*end || !cfg->port_base) {
				usage(argv[0]);
				return -1;
			}
		} else {
			usage(argv[0]);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct posix_core_counts left;
	int failures, r;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "posix_uio";
	if (parse_args(argc, argv, &cfg) < 0)
		return 2;

	r = ddekit_init_checked();
	if (r < 0) {
		ddekit_printf("ddekit_init failed: %d (%s)\n", r,
		              ddekit_strerror(r));
		ddekit_printf("CONFORMANCE: FAIL\n");
		return 1;
	}
	failures = ddekit_conformance_run(&cfg);
	r = ddekit_deinit();

	/* Threads that signalled their end may still be leaving. */
	posix_core_wait_threads(1000);
	posix_core_counts(&left);
	if (r < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n", r,
		              ddekit_errname(r));
	if (left.threads || left.mutexes || left.events)
		ddekit_printf(
		    "teardown: still alive after deinit: %ld threads, "
		    "%ld mutexes, %ld events\n",
		    left.threads, left.mutexes, left.events);
	if (r == 0 && !left.threads && !left.mutexes && !left.events)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no host "
		              "objects alive)\n");
	return failures || r < 0 || left.threads || left.mutexes || left.events
	           ? 1
	           : 0;
}
