/*
 * conf_abi.c — the ABI version and the freestanding helpers every
 * environment relies on (formatter, error names).
 */
#include "runner.h"

#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>
#include <ddekit/version.h>

static void library_major_matches_headers(struct conf_test_ctx *t)
{
	unsigned major = ddekit_abi_version() >> 16;

	CONF_CHECK(t, major == DDEKIT_ABI_VERSION_MAJOR,
	           "library ABI major %u, headers %u", major,
	           (unsigned)DDEKIT_ABI_VERSION_MAJOR);
out:
	return;
}

static void library_minor_is_not_older_than_headers(struct conf_test_ctx *t)
{
	unsigned minor = ddekit_abi_version() & 0xffff;
	unsigned want = DDEKIT_ABI_VERSION_MINOR;

	CONF_CHECK(t, minor >= want,
	           "library ABI minor %u is older than the headers' %u", minor,
	           want);
out:
	return;
}

static void snprintf_formats_integers_and_strings(struct conf_test_ctx *t)
{
	static const char want[] =
	    "-42|    7|ab  |0xff|0000beef|-1234567890123|z|%|+5";
	char buf[96];
	int n;

	n = ddekit_snprintf(buf, sizeof(buf),
	                    "%d|%5u|%-4s|%#x|%08lx|%lld|%c|%%|%+d", -42, 7u,
	                    "ab", 255u, 0xbeeful, -1234567890123ll, 'z', 5);
	CONF_CHECK(t, strcmp(buf, want) == 0, "got \"%s\", want \"%s\"", buf,
	           want);
	CONF_CHECK(t, n == (int)strlen(want), "returned %d, want %d", n,
	           (int)strlen(want));
out:
	return;
}

static void snprintf_truncates_and_returns_full_length(struct conf_test_ctx *t)
{
	char buf[5];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = ddekit_snprintf(buf, sizeof(buf), "abc%s", "defgh");
	CONF_CHECK(t, n == 8, "returned %d, want the untruncated length 8", n);
	CONF_CHECK(t, memcmp(buf, "abcd", 5) == 0,
	           "buffer holds \"%.4s\", want \"abcd\" and a terminator",
	           buf);
out:
	return;
}

static void errname_names_codes_and_unknown_ones(struct conf_test_ctx *t)
{
	const char *name = ddekit_errname(-DDEKIT_EBUSY);
	const char *text = ddekit_strerror(-12345);

	CONF_CHECK(t, name && strcmp(name, "EBUSY") == 0,
	           "ddekit_errname(-DDEKIT_EBUSY) is \"%s\"", name ? name : "");
	CONF_CHECK(t, text && strcmp(text, "unknown error") == 0,
	           "ddekit_strerror(-12345) is \"%s\"", text ? text : "");
out:
	return;
}

static const struct conf_test tests[] = {
    {"library_major_matches_headers", library_major_matches_headers},
    {"library_minor_is_not_older_than_headers",
     library_minor_is_not_older_than_headers},
    {"snprintf_formats_integers_and_strings",
     snprintf_formats_integers_and_strings},
    {"snprintf_truncates_and_returns_full_length",
     snprintf_truncates_and_returns_full_length},
    {"errname_names_codes_and_unknown_ones",
     errname_names_codes_and_unknown_ones},
};

CONF_AREA(conf_area_abi, "abi", tests);
