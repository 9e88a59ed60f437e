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
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "baremetal.h"
#include "suite.h"

static int parse_args(int argc, char **argv, struct ddekit_conf_config *cfg)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			cfg->quick = 1;
		} else if (strcmp(argv[i], "--msi") == 0) {
			cfg->msi = 1;
		} else if (strcmp(argv[i], "--no-msi") == 0) {
			cfg->msi = 0;
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			cfg->only = argv[++i];
		} else {
			ddekit_printf(
			    "unknown argument \"%s\"; usage: [--quick] "
			    "[--msi | --no-msi] [--only <area[.test]>]\n",
			    argv[i]);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct baremetal_counts left;
	int failures, r;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "baremetal";
	cfg.msi = 1;
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
	baremetal_wait_threads(1000);
	baremetal_counts(&left);
	if (r < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n", r,
		              ddekit_errname(r));
	if (left.threads || left.mutexes || left.events || left.irqs ||
	    left.dma_maps)
		ddekit_printf(
		    "teardown: still alive after deinit: %ld threads, "
		    "%ld mutexes, %ld events, %ld irq sources, %ld DMA "
		    "mappings\n",
		    left.threads, left.mutexes, left.events, left.irqs,
		    left.dma_maps);
	else if (r == 0)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no host "
		              "objects alive)\n");
	return failures || r < 0 || left.threads || left.mutexes ||
	               left.events || left.irqs || left.dma_maps
	           ? 1
	           : 0;
}
