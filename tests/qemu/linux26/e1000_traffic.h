/*
 * e1000_traffic.h — the e1000 traffic scenario (e1000_traffic.c), entered by
 * a host-specific main: e1000_traffic_main_posix.c in a Linux guest,
 * tests/baremetal/e1000_traffic_main.c on bare metal.
 */
#ifndef TESTS_QEMU_LINUX26_E1000_TRAFFIC_H
#define TESTS_QEMU_LINUX26_E1000_TRAFFIC_H

/**
 * e1000_traffic_run() - the whole scenario on interface @iface ("eth0"),
 * with the host's UDP echo service at 10.0.2.2:@echo_port.
 *
 * Call after ddekit_init(), from the thread that called it, with the e1000
 * driver linked in (whole archive: its module_init runs here). Starts and
 * stops dde_linux26 itself. Prints one "ok:" or "FAIL:" line per check and
 * "e1000 traffic: N of M checks passed"; returns 0 only if every expected
 * check passed, else 1.
 */
int e1000_traffic_run(const char *iface, unsigned echo_port);

#endif
