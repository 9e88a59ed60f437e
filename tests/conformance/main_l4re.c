/*
 * main_l4re.c — the conformance suite on backends/l4re: a program that ned
 * starts on L4Re with a "vbus" capability from io holding QEMU's edu device,
 * the vbus's ICU and a port range whose last port reads back what is
 * written (a 16550's scratch register).
 *
 * Usage: ddekit_conformance_l4re [--quick] [--only <area[.test]>]
 *                                [--port <port>]
 * Exit status 0 only when every test passed, ddekit_deinit() succeeded and
 * no host thread, mutex, event, DMA block or interrupt outlived it.
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "l4re.h"
#include "suite.h"

static int parse_args(int argc, char **argv, struct ddekit_conf_config *cfg)
{
	char *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			cfg->quick = 1;
		} else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
			cfg->only = argv[++i];
		} else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
			cfg->port_base = strtoul(argv[++i], &end, 0);
			if (*end || !cfg->port_base)
				return -1;
		} else {
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct ddekit_l4re_counts left;
	int failures, r, clean;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "l4re";
	if (parse_args(argc, argv, &cfg) < 0) {
		ddekit_printf("usage: %s [--quick] [--only <area[.test]>] "
		              "[--port <port>]\n",
		              argv[0]);
		return 2;
	}
	r = ddekit_init_checked();
	if (r < 0) {
		ddekit_printf("ddekit_init failed: %d (%s)\n", r,
		              ddekit_strerror(r));
		ddekit_printf("CONFORMANCE: FAIL\n");
		return 1;
	}
	failures = ddekit_conformance_run(&cfg);
	r = ddekit_deinit();
	ddekit_l4re_wait_threads(1000);
	ddekit_l4re_counts(&left);
	clean = r == 0 && !left.threads && !left.sync_objects && !left.mem &&
	        !left.irqs;
	if (r < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n", r,
		              ddekit_errname(r));
	if (clean)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no host "
		              "objects alive)\n");
	else
		ddekit_printf(
		    "teardown: still alive after deinit: %ld threads, "
		    "%ld mutexes/events, %ld DMA blocks/mappings, "
		    "%ld interrupts\n",
		    left.threads, left.sync_objects, left.mem, left.irqs);
	return failures || !clean ? 1 : 0;
}
