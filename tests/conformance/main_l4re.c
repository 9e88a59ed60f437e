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

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "l4re.h"
#include "suite.h"

int main(int argc, char **argv)
{
	struct ddekit_conf_config cfg;
	struct ddekit_l4re_counts left;
	char what[160];
	int failures, r;

	ddekit_conformance_defaults(&cfg);
	cfg.backend = "l4re";
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
	ddekit_l4re_wait_threads(1000);
	ddekit_l4re_counts(&left);
	ddekit_snprintf(what, sizeof(what),
	                "%ld threads, %ld mutexes/events, %ld DMA "
	                "blocks/mappings, %ld interrupts",
	                left.threads, left.sync_objects, left.mem, left.irqs);
	return ddekit_conformance_teardown(
	    failures, r,
	    left.threads || left.sync_objects || left.mem || left.irqs ? what
	                                                               : NULL);
}
