/*
 * fbsd_fixture.c — setup and teardown of the fbsd unit tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dde_fbsd.h"
#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/bus.h>

int fbsd_setup(void **state)
{
	if (fixture_setup_pc(state) < 0)
		return -1;
	return dde_fbsd_init();
}

int fbsd_teardown(void **state)
{
	dde_fbsd_exit();
	return fixture_teardown(state);
}

int fbsd_add_pci_driver(struct kobj_class *driver)
{
	return devclass_add_driver(devclass_find("pci"), driver);
}

int fbsd_remove_pci_driver(struct kobj_class *driver)
{
	return devclass_delete_driver(devclass_find("pci"), driver);
}
