/*
 * e1000_traffic_main.c — the e1000 traffic scenario
 * (tests/qemu/linux26/e1000_traffic.c) as a bare-metal image: the same
 * driver and scenario sources as the Linux-guest program, on QEMU "pc" with
 * an e1000 on the user network.
 *
 * Arguments come from the Multiboot command line (qemu -append):
 *   --echo-port N [--iface eth0]
 * N is the host port of udp_echo, which QEMU reaches as 10.0.2.2:N.
 * Returns 0 (QEMU exits with status 33) only when every check passed and
 * the environment tore down without leaving a host object behind.
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "baremetal.h"
#include "e1000_traffic.h"

int main(int argc, char **argv)
{
	const char *iface = "eth0";
	struct baremetal_counts left;
	unsigned long port = 0;
	int i, failed, r;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--echo-port") && i + 1 < argc) {
			port = strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--iface") && i + 1 < argc) {
			iface = argv[++i];
		} else {
			ddekit_printf("unknown argument \"%s\"; usage: "
			              "--echo-port N [--iface eth0]\n",
			              argv[i]);
			return 2;
		}
	}
	if (port == 0 || port > 65535) {
		ddekit_printf("--echo-port 1..65535 is required\n");
		return 2;
	}

	r = ddekit_init_checked();
	if (r != 0) {
		ddekit_printf("ddekit_init failed: %d (%s)\n", r,
		              ddekit_strerror(r));
		return 1;
	}
	failed = e1000_traffic_run(iface, (unsigned)port);
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
	return failed || r < 0 || left.threads || left.mutexes || left.events ||
	               left.irqs || left.dma_maps
	           ? 1
	           : 0;
}
