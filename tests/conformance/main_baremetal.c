/*
 * main_baremetal.c — the conformance suite on bare x86_64 (QEMU "pc" with
 * the edu device): the image's main(), called by backends/baremetal once
 * the machine is up.
 *
 * Arguments come from the Multiboot command line (qemu -append):
 *   [--quick] [--msi | --no-msi] [--only <area[.test]>]
 * MSI is required by default: this host programs the edu's MSI capability
 * itself. Returns 0 (QEMU exits with status 33) only when every test
 * passed, ddekit_deinit() succeeded and no host object outlived it.
 */
#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "baremetal.h"
#include "suite.h"

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct baremetal_counts left;
	char what[160];
	int failures, r;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "baremetal";
	cfg.msi = 1;
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
	baremetal_wait_threads(1000);
	baremetal_counts(&left);
	ddekit_snprintf(what, sizeof(what),
	                "%ld threads, %ld mutexes, %ld events, %ld irq "
	                "sources, %ld DMA mappings",
	                left.threads, left.mutexes, left.events, left.irqs,
	                left.dma_maps);
	return ddekit_conformance_teardown(failures, r,
	                                   left.threads || left.mutexes ||
	                                           left.events || left.irqs ||
	                                           left.dma_maps
	                                       ? what
	                                       : NULL);
}
