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
#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "posix_core.h"
#include "suite.h"

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct posix_core_counts left;
	char what[128];
	int failures, r;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "posix_uio";
	if (ddekit_conformance_args(argc, argv, &cfg, NULL) < 0)
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
	ddekit_snprintf(what, sizeof(what),
	                "%ld threads, %ld mutexes, %ld events", left.threads,
	                left.mutexes, left.events);
	return ddekit_conformance_teardown(
	    failures, r,
	    left.threads || left.mutexes || left.events ? what : NULL);
}
