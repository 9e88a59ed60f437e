/*
 * test_errno.c — ddekit_strerror() and ddekit_errname().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <ddekit/errno.h>

#include "fixture.h"
#include "mock.h"

static void test_strerror_accepts_negative_codes_as_returned(void **state)
{
	(void)state;
	assert_string_equal(ddekit_strerror(-DDEKIT_ENOMEM), "out of memory");
	assert_string_equal(ddekit_strerror(-DDEKIT_ETIMEDOUT), "timed out");
}

static void test_strerror_accepts_positive_codes(void **state)
{
	(void)state;
	assert_string_equal(ddekit_strerror(DDEKIT_EBUSY), "resource busy");
}

static void test_strerror_of_unknown_code_is_unknown_error(void **state)
{
	(void)state;
	assert_string_equal(ddekit_strerror(0), "unknown error");
	assert_string_equal(ddekit_strerror(-3), "unknown error");
	assert_string_equal(ddekit_strerror(-100000), "unknown error");
	assert_string_equal(ddekit_strerror(INT32_MIN), "unknown error");
}

static void test_errname_gives_the_symbolic_name(void **state)
{
	(void)state;
	assert_string_equal(ddekit_errname(-DDEKIT_EBUSY), "EBUSY");
	assert_string_equal(ddekit_errname(DDEKIT_EPROTO), "EPROTO");
	assert_string_equal(ddekit_errname(-DDEKIT_ECANCELED), "ECANCELED");
}

static void test_errname_of_unknown_code_is_unknown_error(void **state)
{
	(void)state;
	assert_string_equal(ddekit_errname(-9999), "unknown error");
}

/* The table and the functions agree for every entry, in both signs. */
static void test_every_code_in_the_map_has_its_text_and_name(void **state)
{
	static const struct {
		int value;
		const char *name;
		const char *msg;
	} map[] = {
#define ENTRY(name, value, msg) {(value), #name, (msg)},
	    DDEKIT_ERRNO_MAP(ENTRY)
#undef ENTRY
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		assert_string_equal(ddekit_strerror(-map[i].value), map[i].msg);
		assert_string_equal(ddekit_strerror(map[i].value), map[i].msg);
		assert_string_equal(ddekit_errname(-map[i].value), map[i].name);
	}
}

static void test_codes_equal_linux_errno_values(void **state)
{
	(void)state;
	assert_int_equal(DDEKIT_ENOMEM, 12);
	assert_int_equal(DDEKIT_EBUSY, 16);
	assert_int_equal(DDEKIT_EINVAL, 22);
	assert_int_equal(DDEKIT_ETIMEDOUT, 110);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_strerror_accepts_negative_codes_as_returned),
	    PC(test_strerror_accepts_positive_codes),
	    PC(test_strerror_of_unknown_code_is_unknown_error),
	    PC(test_errname_gives_the_symbolic_name),
	    PC(test_errname_of_unknown_code_is_unknown_error),
	    PC(test_every_code_in_the_map_has_its_text_and_name),
	    PC(test_codes_equal_linux_errno_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
