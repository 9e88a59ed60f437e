/*
 * test_panic.c — ddekit_panic(), ddekit_debug() and ddekit_assert().
 *
 * The mock turns the next ddekit_host_abort() into a longjmp back here, so a
 * test sees both the message and the abort.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <ddekit/assert.h>
#include <ddekit/panic.h>

#include "fixture.h"
#include "mock.h"

static void test_panic_prints_message_and_aborts(void **state)
{
	(void)state;
	assert_true(fixture_panics(ddekit_panic("disk %d on fire", 3)));
	assert_string_equal(mock_console_text(), "PANIC: disk 3 on fire\n");
}

static void test_panic_message_is_one_console_line(void **state)
{
	char long_msg[2000];
	const char *text;

	(void)state;
	memset(long_msg, 'm', sizeof(long_msg) - 1);
	long_msg[sizeof(long_msg) - 1] = '\0';
	fixture_panics(ddekit_panic("%s", long_msg));
	text = mock_console_text();
	/* Cut, but still one line starting with the tag. */
	assert_memory_equal(text, "PANIC: mmm", 10);
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1);
}

static void test_debug_prints_message_and_continues(void **state)
{
	(void)state;
	ddekit_debug("irq %s", "late");
	assert_string_equal(mock_console_text(), "DEBUG: irq late\n");
}

static void test_failed_assert_reports_expression_place_and_aborts(void **state)
{
	char line[16];
	jmp_buf env;
	volatile int where = 0;
	const char *text;

	(void)state;
	if (setjmp(env) == 0) {
		mock_expect_abort(&env);
		where = __LINE__ + 1;
		ddekit_assert(1 + 1 == 3);
	}
	text = mock_console_text();
	snprintf(line, sizeof(line), ":%d", where);
	assert_non_null(strstr(text, "PANIC: "));
	assert_non_null(strstr(text, "1 + 1 == 3"));
	assert_non_null(strstr(text, "test_panic.c"));
	assert_non_null(strstr(text, line));
	assert_non_null(strstr(text, __func__));
}

static void test_classic_Assert_spelling_also_panics(void **state)
{
	(void)state;
	assert_true(fixture_panics(Assert(0)));
	assert_non_null(strstr(mock_console_text(), "PANIC: "));
}

static void test_holding_assert_prints_nothing(void **state)
{
	int x = 2;

	(void)state;
	ddekit_assert(x == 2);
	assert_string_equal(mock_console_text(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC_CONSOLE(test_panic_prints_message_and_aborts),
	    PC_CONSOLE(test_panic_message_is_one_console_line),
	    PC_CONSOLE(test_debug_prints_message_and_continues),
	    PC_CONSOLE(test_failed_assert_reports_expression_place_and_aborts),
	    PC_CONSOLE(test_classic_Assert_spelling_also_panics),
	    PC_CONSOLE(test_holding_assert_prints_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
