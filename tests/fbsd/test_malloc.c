/*
 * test_malloc.c — malloc(9) statistics and flags, uma(9) zones, SYSINIT
 * ordering.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dde_fbsd.h"
#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <vm/uma.h>

MALLOC_DEFINE(M_TESTBUF, "testbuf", "test buffers");

static void test_malloc_counts_blocks_and_bytes_per_type(void **state)
{
	long inuse = M_TESTBUF->ks_inuse, memuse = M_TESTBUF->ks_memuse;
	char *a, *b;

	(void)state;
	a = malloc(100, M_TESTBUF, M_WAITOK);
	b = malloc(28, M_TESTBUF, M_NOWAIT);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(M_TESTBUF->ks_inuse, inuse + 2);
	assert_int_equal(M_TESTBUF->ks_memuse, memuse + 128);
	free(a, M_TESTBUF);
	free(b, M_TESTBUF);
	assert_int_equal(M_TESTBUF->ks_inuse, inuse);
	assert_int_equal(M_TESTBUF->ks_memuse, memuse);
}

static void test_malloc_m_zero_clears_and_realloc_keeps_contents(void **state)
{
	unsigned char *p = malloc(64, M_TESTBUF, M_WAITOK | M_ZERO);
	int i;

	(void)state;
	for (i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0xab, 64);
	p = realloc(p, 4096, M_TESTBUF, M_WAITOK);
	for (i = 0; i < 64; i++)
		assert_int_equal(p[i], 0xab);
	assert_int_equal(M_TESTBUF->ks_memuse, 4096);
	free(p, M_TESTBUF);
}

static void test_free_with_the_wrong_type_panics(void **state)
{
	void *p = malloc(8, M_TESTBUF, M_WAITOK);

	(void)state;
	assert_true(fixture_panics(free(p, M_TEMP)));
	assert_non_null(strstr(mock_console_text(), "allocated as testbuf"));
	free(p, M_TESTBUF);
}

static int inits, finis, ctors, dtors;

static int z_init(void *mem, int size, int flags)
{
	(void)flags;
	inits++;
	memset(mem, 0x5a, (size_t)size);
	return 0;
}

static void z_fini(void *mem, int size)
{
	(void)mem;
	(void)size;
	finis++;
}

static int z_ctor(void *mem, int size, void *arg, int flags)
{
	(void)size;
	(void)flags;
	ctors++;
	*(void **)mem = arg;
	return 0;
}

static void z_dtor(void *mem, int size, void *arg)
{
	(void)mem;
	(void)size;
	(void)arg;
	dtors++;
}

static void test_uma_zone_runs_init_once_and_ctor_each_time(void **state)
{
	uma_zone_t z;
	void *a, *b;
	int tag;

	(void)state;
	inits = finis = ctors = dtors = 0;
	z = uma_zcreate("tz", 48, z_ctor, z_dtor, z_init, z_fini, UMA_ALIGN_PTR,
	                0);
	assert_non_null(z);
	a = uma_zalloc_arg(z, &tag, M_WAITOK);
	assert_ptr_equal(*(void **)a, &tag);
	assert_int_equal(((unsigned char *)a)[47], 0x5a);
	uma_zfree(z, a);
	b = uma_zalloc(z, M_NOWAIT);
	/* The cached item came back: init did not run again. */
	assert_ptr_equal(a, b);
	assert_int_equal(inits, 1);
	assert_int_equal(ctors, 2);
	assert_int_equal(dtors, 1);
	assert_int_equal(uma_zone_get_cur(z), 1);
	uma_zfree(z, b);
	uma_zdestroy(z);
	assert_int_equal(finis, 1);
}

static void test_uma_zone_set_max_limits_allocations(void **state)
{
	uma_zone_t z = uma_zcreate("lim", 16, NULL, NULL, NULL, NULL, 0, 0);
	void *a, *b;

	(void)state;
	uma_zone_set_max(z, 1);
	a = uma_zalloc(z, M_NOWAIT);
	b = uma_zalloc(z, M_NOWAIT);
	assert_non_null(a);
	assert_null(b);
	uma_zfree(z, a);
	uma_zdestroy(z);
}

/* ---- SYSINIT ordering ---- */
static char sysinit_order[16];

static void rec(void *arg)
{
	size_t n = strlen(sysinit_order);

	if (n + 1 < sizeof(sysinit_order)) {
		sysinit_order[n] = *(const char *)arg;
		sysinit_order[n + 1] = '\0';
	}
}

static void reset_order(void *arg)
{
	(void)arg;
	sysinit_order[0] = '\0';
}

SYSINIT(t_reset, SI_SUB_DUMMY, SI_ORDER_FIRST, reset_order, NULL);
SYSINIT(t_c, SI_SUB_DRIVERS, SI_ORDER_FIRST, rec, "c");
SYSINIT(t_a, SI_SUB_LOCK, SI_ORDER_SECOND, rec, "b");
SYSINIT(t_b, SI_SUB_LOCK, SI_ORDER_FIRST, rec, "a");
SYSINIT(t_d, SI_SUB_CONFIGURE, SI_ORDER_ANY, rec, "d");
SYSUNINIT(t_u1, SI_SUB_LOCK, SI_ORDER_FIRST, rec, "y");
SYSUNINIT(t_u2, SI_SUB_DRIVERS, SI_ORDER_FIRST, rec, "x");

static void test_sysinits_run_by_subsystem_then_order(void **state)
{
	(void)state;
	assert_string_equal(sysinit_order, "abcd");
}

static void test_sysuninits_run_in_reverse_at_exit(void **state)
{
	(void)state;
	dde_fbsd_exit();
	assert_string_equal(sysinit_order, "abcdxy");
	assert_int_equal(dde_fbsd_init(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FBSD(test_malloc_counts_blocks_and_bytes_per_type),
	    FBSD(test_malloc_m_zero_clears_and_realloc_keeps_contents),
	    FBSD(test_free_with_the_wrong_type_panics),
	    FBSD(test_uma_zone_runs_init_once_and_ctor_each_time),
	    FBSD(test_uma_zone_set_max_limits_allocations),
	    FBSD(test_sysinits_run_by_subsystem_then_order),
	    FBSD(test_sysuninits_run_in_reverse_at_exit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
