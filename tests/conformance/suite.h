/*
 * tests/conformance/suite.h — the DDEKit conformance suite.
 *
 * One test program for every backend: it uses only the public DDEKit ABI
 * (the headers in include/ddekit) and the devices it is told about here, and
 * prints its report with ddekit_printf(), so it runs unchanged on the mock
 * machine, in a Linux guest on posix_uio, on bare metal and on L4Re.
 *
 * The report ends with one line "N passed, M failed" followed by
 * "CONFORMANCE: PASS" or "CONFORMANCE: FAIL"; CI parsers read those.
 */
#ifndef TESTS_CONFORMANCE_SUITE_H
#define TESTS_CONFORMANCE_SUITE_H

/**
 * struct ddekit_conf_config - what the suite may use.
 * @backend:    name printed in the report header; NULL when unknown.
 * @edu_vendor: PCI vendor ID of the QEMU "edu" device to drive (0x1234).
 * @edu_device: its device ID (0x11e8). Both 0: no device configured, and
 *              every device test fails saying so.
 * @port_base:  an I/O port that reads back what was written to it (e.g. the
 *              16550 scratch register 0x3ff); 0: not configured, and the
 *              port tests fail saying so.
 * @quick:      non-zero: fewer iterations in the stress-like tests.
 * @only:       NULL, or run only the tests whose full name ("area.test")
 *              starts with this string.
 * @msi:        non-zero: the host must deliver the edu's MSI vector, and the
 *              "msi" area runs (MSI is optional for a host; 0 leaves the
 *              area out).
 */
struct ddekit_conf_config {
	const char *backend;
	unsigned edu_vendor;
	unsigned edu_device;
	unsigned long port_base;
	int quick;
	const char *only;
	int msi;
};

/** ddekit_conformance_defaults() - the QEMU "pc" setup: edu 1234:11e8,
 * scratch port 0x3ff, backend unknown, all tests, full iteration counts. */
void ddekit_conformance_defaults(struct ddekit_conf_config *cfg);

/**
 * ddekit_conformance_run() - run the suite and print its report.
 *
 * The caller has called ddekit_init() and calls ddekit_deinit() afterwards;
 * the suite leaves nothing behind (its threads have ended, its memory is
 * freed, its interrupts are detached, its ports and device memory are
 * released). Call it from a DDEKit thread in process context (the thread
 * that called ddekit_init() will do). Returns the number of failed tests,
 * or 1 when no test ran at all (a filter that matches nothing proves
 * nothing).
 */
int ddekit_conformance_run(const struct ddekit_conf_config *cfg);

/*
 * For the backends' main()s (main_<backend>.c), so that each holds only
 * what is its own: start-up and counting what outlived ddekit_deinit().
 */

/**
 * ddekit_conformance_args() - apply the command line to @cfg:
 * --quick, --msi / --no-msi, --only <area[.test]>, --backend-name <name>,
 * --port <port> (decimal or 0x hex, 1..0xffff), and --machine <name> into
 * *@machine when @machine is not NULL (else it is refused). Prints the
 * usage and returns -1 on anything else; 0 otherwise.
 */
int ddekit_conformance_args(int argc, char **argv,
                            struct ddekit_conf_config *cfg,
                            const char **machine);

/**
 * ddekit_conformance_teardown() - the report's last line: "teardown:
 * clean …", or what went wrong (@deinit_result of ddekit_deinit() < 0,
 * @leftovers non-NULL: a description of the host objects still alive).
 * Returns the program's exit status: 0 only when @failures is 0 and the
 * teardown was clean.
 */
int ddekit_conformance_teardown(int failures, int deinit_result,
                                const char *leftovers);

#endif /* TESTS_CONFORMANCE_SUITE_H */
