/*
 * e1000_traffic_main_posix.c — the e1000 traffic scenario as a program for a
 * Linux guest on posix_uio (qemu_linux26_e1000_uio / _vfio).
 *
 * usage: e1000_traffic --echo-port N [--iface eth0]
 */
#include "e1000_traffic.h"

#include <ddekit/ddekit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *iface = "eth0";
	unsigned long port = 0;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--echo-port") && i + 1 < argc)
			port = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--iface") && i + 1 < argc)
			iface = argv[++i];
		else {
			fprintf(stderr,
			        "usage: %s --echo-port N [--iface eth0]\n",
			        argv[0]);
			return 2;
		}
	}
	if (port == 0 || port > 65535) {
		fprintf(stderr, "%s: --echo-port 1..65535 is required\n",
		        argv[0]);
		return 2;
	}

	r = ddekit_init_checked();
	if (r != 0) {
		fprintf(stderr, "ddekit_init failed: %d\n", r);
		return 1;
	}
	return e1000_traffic_run(iface, (unsigned)port);
}
