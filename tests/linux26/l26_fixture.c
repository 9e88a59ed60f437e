/*
 * l26_fixture.c — setup and teardown of the linux26 unit tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dde_linux26.h"
#include "l26_fixture.h"

int l26_setup(void **state)
{
	if (fixture_setup_pc(state) < 0)
		return -1;
	return dde_linux26_init();
}

int l26_teardown(void **state)
{
	dde_linux26_exit();
	return fixture_teardown(state);
}
