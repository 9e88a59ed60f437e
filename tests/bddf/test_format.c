/*
 * test_format.c — the encodings the parsers rely on: CRC-32, GUID text,
 * UTF-16LE labels.
 */
#include <string.h>

#include "bddf_fixture.h"
#include "bddf_internal.h"

static void test_crc32_of_the_check_string_is_cbf43926(void **state)
{
	(void)state;
	assert_int_equal(bddf__crc32(0, "123456789", 9), 0xcbf43926u);
}

static void test_crc32_can_be_computed_in_pieces(void **state)
{
	uint32_t crc = bddf__crc32(0, "12345", 5);

	(void)state;
	assert_int_equal(bddf__crc32(crc, "6789", 4), 0xcbf43926u);
}

static void test_guid_is_formatted_with_three_little_endian_fields(void **state)
{
	static const uint8_t g[16] = {0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8,
	                              0xd2, 0x11, 0xba, 0x4b, 0x00, 0xa0,
	                              0xc9, 0x3e, 0xc9, 0x3b};
	char out[40];

	(void)state;
	bddf__guid_format(g, out, sizeof(out));
	assert_string_equal(out, "c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
}

static void test_utf16_surrogate_pair_becomes_four_utf8_bytes(void **state)
{
	static const uint8_t in[] = {0x3d, 0xd8, 0x00, 0xde, 0, 0};
	char out[8];

	(void)state;
	bddf__utf16le_to_utf8(in, 3, out, sizeof(out));
	assert_string_equal(out, "\xf0\x9f\x98\x80");
}

static void test_utf16_lone_surrogate_becomes_replacement(void **state)
{
	static const uint8_t in[] = {0x00, 0xdc, 'a', 0};
	char out[8];

	(void)state;
	bddf__utf16le_to_utf8(in, 2, out, sizeof(out));
	assert_string_equal(out, "\xef\xbf\xbd"
	                         "a");
}

static void test_utf16_is_cut_at_a_character_boundary(void **state)
{
	static const uint8_t in[] = {'a', 0, 0xac, 0x20}; /* "a€" */
	char out[4];

	(void)state;
	bddf__utf16le_to_utf8(in, 2, out, sizeof(out));
	assert_string_equal(out, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BDDF_TEST(test_crc32_of_the_check_string_is_cbf43926),
	    BDDF_TEST(test_crc32_can_be_computed_in_pieces),
	    BDDF_TEST(test_guid_is_formatted_with_three_little_endian_fields),
	    BDDF_TEST(test_utf16_surrogate_pair_becomes_four_utf8_bytes),
	    BDDF_TEST(test_utf16_lone_surrogate_becomes_replacement),
	    BDDF_TEST(test_utf16_is_cut_at_a_character_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
