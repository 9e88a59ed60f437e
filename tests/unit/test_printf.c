/*
 * test_printf.c — DDEKit's own formatter and console output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include <ddekit/printf.h>

#include "fixture.h"
#include "mock.h"

/* Formats into a fresh buffer and checks both text and returned length. */
#define assert_fmt(expected, ...)                                              \
	do {                                                                   \
		char buf_[256];                                                \
		int n_;                                                        \
		memset(buf_, 'Z', sizeof(buf_));                               \
		n_ = ddekit_snprintf(buf_, sizeof(buf_), __VA_ARGS__);         \
		assert_string_equal(buf_, (expected));                         \
		assert_int_equal(n_, (int)strlen(expected));                   \
	} while (0)

static void test_plain_text_is_copied(void **state)
{
	(void)state;
	assert_fmt("hello, world", "hello, world");
	assert_fmt("", "%s", "");
}

static void test_d_and_i_print_signed_decimal(void **state)
{
	(void)state;
	assert_fmt("0 42 -42", "%d %d %i", 0, 42, -42);
	assert_fmt("2147483647 -2147483648", "%d %d", INT_MAX, INT_MIN);
}

static void test_u_prints_unsigned_decimal(void **state)
{
	(void)state;
	assert_fmt("0 4294967295", "%u %u", 0u, UINT_MAX);
}

static void test_x_and_X_print_hex_in_lower_and_upper_case(void **state)
{
	(void)state;
	assert_fmt("deadbeef DEADBEEF 0", "%x %X %x", 0xdeadbeefu, 0xdeadbeefu,
	           0u);
}

static void test_o_prints_octal(void **state)
{
	(void)state;
	assert_fmt("777 0 10", "%o %o %o", 0777u, 0u, 8u);
}

static void test_c_prints_one_character(void **state)
{
	(void)state;
	assert_fmt("a|  b|c  |", "%c|%3c|%-3c|", 'a', 'b', 'c');
}

static void test_s_prints_strings_with_width_and_precision(void **state)
{
	(void)state;
	assert_fmt("abc|  abc|abc  |ab|   ab", "%s|%5s|%-5s|%.2s|%5.2s", "abc",
	           "abc", "abc", "abc", "abc");
}

static void test_s_precision_does_not_read_past_it(void **state)
{
	char unterminated[3] = {'x', 'y', 'z'};

	(void)state;
	assert_fmt("xyz", "%.3s", unterminated);
}

static void test_s_of_null_prints_null_marker(void **state)
{
	/* volatile: the compiler would reject a literal NULL for %s. */
	const char *volatile none = NULL;

	(void)state;
	assert_fmt("(null)", "%s", none);
}

static void test_p_prints_0x_and_hex_address(void **state)
{
	(void)state;
	assert_fmt("0x1234abcd", "%p", (void *)(uintptr_t)0x1234abcd);
	assert_fmt("(nil)", "%p", (void *)NULL);
	assert_fmt("  0xff", "%6p", (void *)(uintptr_t)0xff);
}

static void test_percent_percent_prints_a_percent_sign(void **state)
{
	(void)state;
	assert_fmt("100%", "100%%");
}

static void test_width_pads_with_spaces_on_the_left(void **state)
{
	(void)state;
	assert_fmt("   42|  -42", "%5d|%5d", 42, -42);
}

static void test_minus_flag_pads_on_the_right(void **state)
{
	(void)state;
	assert_fmt("42   |-42  |", "%-5d|%-5d|", 42, -42);
}

static void test_zero_flag_pads_with_zeros_after_the_sign(void **state)
{
	(void)state;
	assert_fmt("00042|-0042|0x00ff", "%05d|%05d|%#06x", 42, -42, 0xffu);
}

/* Deliberately odd formats: the compiler's checker would flag them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void test_zero_flag_is_ignored_with_minus_or_precision(void **state)
{
	(void)state;
	assert_fmt("42   |  042", "%-05d|%05.3d", 42, 42);
}
#pragma GCC diagnostic pop

/* Deliberately odd formats: the compiler's checker would flag them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void test_plus_and_space_flags_sign_non_negative_numbers(void **state)
{
	(void)state;
	assert_fmt("+5 -5  5 -5 +0", "%+d %+d % d % d %+d", 5, -5, 5, -5, 0);
	assert_fmt("+5", "%+ d", 5);
}
#pragma GCC diagnostic pop

static void test_hash_flag_adds_radix_prefixes(void **state)
{
	(void)state;
	assert_fmt("0x1f 0X1F 017 0 0", "%#x %#X %#o %#x %#o", 0x1fu, 0x1fu,
	           017u, 0u, 0u);
}

static void test_precision_gives_minimum_digits(void **state)
{
	(void)state;
	assert_fmt("00042 -007 0x00ab", "%.5d %.3d %#.4x", 42, -7, 0xabu);
}

static void test_zero_precision_with_zero_value_prints_no_digits(void **state)
{
	(void)state;
	assert_fmt("[] [  ] [0]", "[%.0d] [%2.0u] [%#.0o]", 0, 0u, 0u);
}

static void test_star_takes_width_and_precision_from_arguments(void **state)
{
	(void)state;
	assert_fmt("   42|42   |007", "%*d|%*d|%.*d", 5, 42, -5, 42, 3, 7);
	assert_fmt("42", "%.*d", -1, 42);
}

/* Deliberately odd formats: the compiler's checker would flag them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
static void test_length_modifiers_hh_and_h_truncate(void **state)
{
	(void)state;
	assert_fmt("-1 255 -1 65535", "%hhd %hhu %hd %hu", 255, 255, 65535,
	           65535);
}
#pragma GCC diagnostic pop

static void test_length_modifiers_l_ll_print_64_bit_values(void **state)
{
	(void)state;
	assert_fmt("-9223372036854775808 18446744073709551615", "%ld %llu",
	           LONG_MIN, ULLONG_MAX);
	assert_fmt("ffffffffffffffff 1777777777777777777777", "%lx %llo",
	           ULONG_MAX, ULLONG_MAX);
}

static void test_length_modifiers_z_t_j(void **state)
{
	(void)state;
	assert_fmt("18446744073709551615 -3 -9223372036854775807",
	           "%zu %td %jd", SIZE_MAX, (ptrdiff_t)-3, -INTMAX_MAX);
	assert_fmt("-1", "%zd", (size_t)-1);
	assert_fmt("ffffffffffffffff", "%jx", UINTMAX_MAX);
}

/* Deliberately odd formats: the compiler's checker would flag them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void test_unknown_conversion_is_printed_as_written(void **state)
{
	(void)state;
	assert_fmt("a%qb", "a%qb");
	assert_fmt("end%", "end%");
}
#pragma GCC diagnostic pop

static void
test_output_is_cut_and_terminated_but_full_length_returned(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	n = ddekit_snprintf(buf, sizeof(buf), "%s-%d", "abcdef", 12345);
	assert_int_equal(n, 12);
	assert_string_equal(buf, "abcdef-");
}

static void test_size_zero_writes_nothing_and_returns_length(void **state)
{
	char c = 'Z';

	(void)state;
	assert_int_equal(ddekit_snprintf(&c, 0, "%d", 123456), 6);
	assert_int_equal(c, 'Z');
	assert_int_equal(ddekit_snprintf(NULL, 0, "abc"), 3);
}

static void test_size_one_writes_only_the_terminator(void **state)
{
	char buf[2] = {'Z', 'Z'};

	(void)state;
	assert_int_equal(ddekit_snprintf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');
}

static void test_printf_writes_to_the_console_and_returns_count(void **state)
{
	(void)state;
	assert_int_equal(ddekit_printf("value=%d\n", 7), 8);
	assert_string_equal(mock_console_text(), "value=7\n");
}

static void test_printf_cuts_output_longer_than_1024(void **state)
{
	char big[2000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ddekit_printf("%s", big), 1023);
	assert_int_equal(strlen(mock_console_text()), 1023);
}

static void test_print_writes_the_message_as_is(void **state)
{
	(void)state;
	assert_int_equal(ddekit_print("100% raw\n"), 9);
	assert_string_equal(mock_console_text(), "100% raw\n");
}

static int call_vprintf(const char *fmt, ...)
{
	va_list va;
	int n;

	va_start(va, fmt);
	n = ddekit_vprintf(fmt, va);
	va_end(va);
	return n;
}

static void test_vprintf_takes_a_va_list(void **state)
{
	(void)state;
	assert_int_equal(call_vprintf("%s %u", "n", 3u), 3);
	assert_string_equal(mock_console_text(), "n 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC_CONSOLE(test_plain_text_is_copied),
	    PC_CONSOLE(test_d_and_i_print_signed_decimal),
	    PC_CONSOLE(test_u_prints_unsigned_decimal),
	    PC_CONSOLE(test_x_and_X_print_hex_in_lower_and_upper_case),
	    PC_CONSOLE(test_o_prints_octal),
	    PC_CONSOLE(test_c_prints_one_character),
	    PC_CONSOLE(test_s_prints_strings_with_width_and_precision),
	    PC_CONSOLE(test_s_precision_does_not_read_past_it),
	    PC_CONSOLE(test_s_of_null_prints_null_marker),
	    PC_CONSOLE(test_p_prints_0x_and_hex_address),
	    PC_CONSOLE(test_percent_percent_prints_a_percent_sign),
	    PC_CONSOLE(test_width_pads_with_spaces_on_the_left),
	    PC_CONSOLE(test_minus_flag_pads_on_the_right),
	    PC_CONSOLE(test_zero_flag_pads_with_zeros_after_the_sign),
	    PC_CONSOLE(test_zero_flag_is_ignored_with_minus_or_precision),
	    PC_CONSOLE(test_plus_and_space_flags_sign_non_negative_numbers),
	    PC_CONSOLE(test_hash_flag_adds_radix_prefixes),
	    PC_CONSOLE(test_precision_gives_minimum_digits),
	    PC_CONSOLE(test_zero_precision_with_zero_value_prints_no_digits),
	    PC_CONSOLE(test_star_takes_width_and_precision_from_arguments),
	    PC_CONSOLE(test_length_modifiers_hh_and_h_truncate),
	    PC_CONSOLE(test_length_modifiers_l_ll_print_64_bit_values),
	    PC_CONSOLE(test_length_modifiers_z_t_j),
	    PC_CONSOLE(test_unknown_conversion_is_printed_as_written),
	    PC_CONSOLE(
	        test_output_is_cut_and_terminated_but_full_length_returned),
	    PC_CONSOLE(test_size_zero_writes_nothing_and_returns_length),
	    PC_CONSOLE(test_size_one_writes_only_the_terminator),
	    PC_CONSOLE(test_printf_writes_to_the_console_and_returns_count),
	    PC_CONSOLE(test_printf_cuts_output_longer_than_1024),
	    PC_CONSOLE(test_print_writes_the_message_as_is),
	    PC_CONSOLE(test_vprintf_takes_a_va_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
