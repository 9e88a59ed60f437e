/*
 * fbsd_fixture.h — the FreeBSD emulation up on the "pc" mock machine.
 *
 * Setup: fixture_setup_pc() then dde_fbsd_init(); teardown:
 * dde_fbsd_exit() then fixture_teardown(), which proves ddekit_deinit()
 * succeeds and nothing leaked. Include after the C library's headers and
 * cmocka.h, before FreeBSD headers.
 */
#ifndef TESTS_FBSD_FBSD_FIXTURE_H
#define TESTS_FBSD_FBSD_FIXTURE_H

#include <ddekit/thread.h>

#include "fixture.h"

int fbsd_setup(void **state);
int fbsd_teardown(void **state);

#define FBSD(fn) cmocka_unit_test_setup_teardown(fn, fbsd_setup, fbsd_teardown)

/* The pc machine: edu at 00:04.0 (MMIO BAR0, line 11), scratch 1b36:0099 at
 * 00:05.0 (I/O BAR0 at 0xc000, line 10). */
#define EDU_VENDOR     0x1234
#define EDU_DEVICE     0x11e8
#define EDU_LINE       11
#define SCRATCH_VENDOR 0x1b36
#define SCRATCH_DEVICE 0x0099
#define SCRATCH_PORT   0xc000

/* fbsd_wait_for() - poll @cond (1 ms steps) for up to 2 s; its final value. */
#define fbsd_wait_for(cond)                                                    \
	({                                                                     \
		int __i;                                                       \
		for (__i = 0; __i < 2000 && !(cond); __i++)                    \
			ddekit_thread_msleep(1);                               \
		!!(cond);                                                      \
	})

struct kobj_class;
/* Add @driver to the root PCI bus's drivers (probing unattached devices),
 * and take it away again (detaching its devices). */
int fbsd_add_pci_driver(struct kobj_class *driver);
int fbsd_remove_pci_driver(struct kobj_class *driver);

#endif /* TESTS_FBSD_FBSD_FIXTURE_H */
