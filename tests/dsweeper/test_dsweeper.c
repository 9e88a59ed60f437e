/*
 * test_dsweeper.c — dsweeper end to end on RAM disks: the command line in,
 * the exit code, the output and every byte of the disks out.
 *
 * Three disks are announced to bddf on the mock machine "pc":
 *   ad0  MBR: ad0:1 primary, ad0:5 and ad0:6 logical
 *   ad1  GPT: ad1:1 "data", ad1:2 "scratch"
 *   ad2  MBR with overlapping entries, which bddf refuses
 * Their sectors start out filled with a non-zero pattern; each test keeps
 * a copy to prove that nothing outside the selection changed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ddekit/errno.h>

#include "bddf.h"
#include "chacha20.h"
#include "disk.h"
#include "dsweeper.h"
#include "exitcodes.h"
#include "fixture.h"
#include "sweep.h"

#define AD0_SECTORS 16384
#define AD1_SECTORS 8192
#define AD2_SECTORS 4096
#define AD0_5_START 8192
#define AD0_5_LEN   2048
#define AD1_1_START 2048
#define AD1_1_LEN   2048
#define MAX_IO      (128u << 10)

#define SEED_HEX                                                               \
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static struct ramdisk *ad[3];
static uint8_t *orig[3];
static char *out_text, *err_text;
static bool interactive;
static const char *answer;

/* ---- fixture ------------------------------------------------------- */

static void fill_pattern(struct ramdisk *rd)
{
	uint64_t i, n = rd->sectors * DISK_SECTOR;

	for (i = 0; i < n; i++)
		rd->data[i] = (uint8_t)(0x41 + i % 53 + (i / DISK_SECTOR) % 7);
}

static void lay_out_ad0(struct ramdisk *rd)
{
	fill_pattern(rd);
	memset(rd->data, 0, DISK_SECTOR);
	mbr_entry(rd->data, 0, 0x83, 2048, 4096);
	mbr_entry(rd->data, 1, 0x05, 6144, 8192);
	mbr_ebr(rd->data, 6144, 0x83, 2048, AD0_5_LEN, 4096, 4096);
	mbr_ebr(rd->data, 10240, 0x0c, 2048, 1024, 0, 0);
}

static void lay_out_ad1(struct ramdisk *rd)
{
	static const struct gpt_part parts[] = {
	    {AD1_1_START, AD1_1_START + AD1_1_LEN - 1, "data"},
	    {4096, 6143, "scratch"},
	};

	fill_pattern(rd);
	gpt_build(rd->data, rd->sectors, parts, 2);
}

static void lay_out_ad2(struct ramdisk *rd)
{
	fill_pattern(rd);
	memset(rd->data, 0, DISK_SECTOR);
	mbr_entry(rd->data, 0, 0x83, 100, 1000);
	mbr_entry(rd->data, 1, 0x83, 500, 1000);
}

static int setup(void **state)
{
	static const uint64_t sectors[3] = {AD0_SECTORS, AD1_SECTORS,
	                                    AD2_SECTORS};
	static const char *const names[3] = {"ad0", "ad1", "ad2"};
	int i;

	if (fixture_setup_pc(state) < 0 || bddf_init() < 0)
		return -1;
	for (i = 0; i < 3; i++) {
		ad[i] = ramdisk_new(sectors[i], MAX_IO);
		if (!ad[i])
			return -1;
	}
	lay_out_ad0(ad[0]);
	lay_out_ad1(ad[1]);
	lay_out_ad2(ad[2]);
	for (i = 0; i < 3; i++) {
		if (ramdisk_announce(ad[i], names[i]) < 0)
			return -1;
		orig[i] = malloc(sectors[i] * DISK_SECTOR);
		if (!orig[i])
			return -1;
		memcpy(orig[i], ad[i]->data, sectors[i] * DISK_SECTOR);
		ad[i]->reads = ad[i]->writes = ad[i]->flushes = 0;
	}
	interactive = false;
	answer = NULL;
	return 0;
}

static int setup_no_disks(void **state)
{
	if (fixture_setup_pc(state) < 0 || bddf_init() < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	int i;

	for (i = 0; i < 3; i++) {
		ramdisk_free(ad[i]);
		ad[i] = NULL;
		free(orig[i]);
		orig[i] = NULL;
	}
	free(out_text);
	free(err_text);
	out_text = err_text = NULL;
	bddf_exit();
	return fixture_teardown(state);
}

/* ---- running dsweeper ---------------------------------------------- */

static int read_line(void *ctx, char *buf, size_t len)
{
	(void)ctx;
	if (!answer)
		return -1;
	snprintf(buf, len, "%s\n", answer);
	return 0;
}

static int entropy(void *ctx, void *buf, size_t len)
{
	uint8_t *p = buf;
	size_t i;

	(void)ctx;
	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(0xa0 + i);
	return 0;
}

/* dsweeper with the arguments up to NULL; output in out_text/err_text. */
static int run_tty(bool progress_tty, const char *arg, ...)
{
	char *argv[32] = {"dsweeper"};
	size_t out_len, err_len;
	struct dsweeper_io io = {
	    .interactive = interactive,
	    .progress_tty = progress_tty,
	    .read_line = read_line,
	    .entropy = entropy,
	    .no_disks_hint = "the test announced none",
	};
	va_list ap;
	int argc = 1, code;

	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	free(out_text);
	free(err_text);
	io.out = open_memstream(&out_text, &out_len);
	io.err = open_memstream(&err_text, &err_len);
	assert_non_null(io.out);
	assert_non_null(io.err);
	code = dsweeper_run(argc, argv, &io);
	fclose(io.out);
	fclose(io.err);
	return code;
}

#define run(...) run_tty(false, __VA_ARGS__, NULL)

static int writes(void)
{
	return ad[0]->writes + ad[1]->writes + ad[2]->writes;
}

static void expect_unchanged(int disk, uint64_t from, uint64_t to)
{
	assert_memory_equal(ad[disk]->data + from * DISK_SECTOR,
	                    orig[disk] + from * DISK_SECTOR,
	                    (to - from) * DISK_SECTOR);
}

/* Every disk as it was, except [start, start + len) of @disk. */
static void expect_only_changed(int disk, uint64_t start, uint64_t len)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (i != disk) {
			expect_unchanged(i, 0, ad[i]->sectors);
			continue;
		}
		expect_unchanged(i, 0, start);
		expect_unchanged(i, start + len, ad[i]->sectors);
	}
}

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/* ---- a small JSON checker ------------------------------------------- */

static const char *json_value(const char *p);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if (!*p || (unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\' && !*++p)
			return NULL;
	}
	return p + 1;
}

static const char *json_list(const char *p, char close, bool members)
{
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (members) {
			p = json_string(json_ws(p));
			if (!p || *(p = json_ws(p)) != ':')
				return NULL;
			p++;
		}
		p = json_value(p);
		if (!p)
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p)
{
	p = json_ws(p);
	if (*p == '{')
		return json_list(p, '}', true);
	if (*p == '[')
		return json_list(p, ']', false);
	if (*p == '"')
		return json_string(p);
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		char *end;

		strtod(p, &end);
		return end;
	}
	return NULL;
}

static bool json_well_formed(const char *text)
{
	const char *end = json_value(text);

	return end && !*json_ws(end);
}

/* ---- listing --------------------------------------------------------- */

static void
test_list_shows_disks_and_partitions_with_type_start_size_label(void **state)
{
	(void)state;
	assert_int_equal(run("--list"), DSW_EXIT_OK);
	assert_non_null(strstr(out_text, "DSweeper (read-only)"));
	assert_non_null(strstr(out_text, "ad0 "));
	assert_non_null(strstr(out_text, "ad0:1 "));
	assert_non_null(strstr(out_text, "ad0:5 "));
	assert_non_null(strstr(out_text, "ad0:6 "));
	assert_non_null(strstr(out_text, "0x0c"));
	assert_non_null(strstr(out_text, " 8192 "));
	assert_non_null(strstr(out_text, "1.0 MiB"));
	assert_non_null(strstr(out_text, GUID_LINUX_TEXT));
	assert_non_null(strstr(out_text, "scratch"));
	assert_non_null(strstr(out_text, "partition table refused"));
	assert_int_equal(writes(), 0);
}

static void test_list_json_is_well_formed(void **state)
{
	(void)state;
	assert_int_equal(run("--list", "--json"), DSW_EXIT_OK);
	assert_true(json_well_formed(out_text));
	assert_non_null(strstr(out_text, "\"name\":\"ad1:1\""));
	assert_non_null(strstr(out_text, "\"label\":\"data\""));
}

static void test_no_disks_is_an_error_with_the_hint(void **state)
{
	(void)state;
	assert_int_equal(run("--list"), DSW_EXIT_NO_DISKS);
	assert_non_null(strstr(err_text, "no disks found"));
	assert_non_null(strstr(err_text, "the test announced none"));
}

/* ---- read-only ------------------------------------------------------- */

static void
test_default_run_reads_the_selection_and_writes_nothing(void **state)
{
	(void)state;
	assert_int_equal(run("--disk", "ad0", "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	assert_int_equal(writes(), 0);
	assert_int_equal(ad[0]->flushes + ad[1]->flushes, 0);
	assert_true(ad[0]->reads > 0 && ad[1]->reads > 0);
	assert_non_null(strstr(out_text, "DSweeper (read-only)"));
	assert_non_null(strstr(out_text, "nothing was written"));
	expect_only_changed(0, 0, 0);
}

static void test_read_only_zero_verify_counts_what_already_is_zero(void **state)
{
	(void)state;
	memset(ramdisk_sector(ad[0], AD0_5_START), 0,
	       (AD0_5_LEN - 2) * DISK_SECTOR);
	assert_int_equal(
	    run("--zero", "--verify", "--json", "--partition", "ad0:5"),
	    DSW_EXIT_MISMATCH);
	assert_int_equal(writes(), 0);
	assert_non_null(strstr(out_text, "\"bytes_zero\":1047552,"));
	assert_non_null(strstr(out_text, "\"mismatches\":2,"));
	assert_non_null(strstr(out_text, "\"first_mismatch_lba\":2046,"));
	assert_non_null(strstr(err_text, "nothing was written"));
}

static void
test_read_only_zero_verify_of_a_zeroed_partition_passes(void **state)
{
	(void)state;
	memset(ramdisk_sector(ad[0], AD0_5_START), 0, AD0_5_LEN * DISK_SECTOR);
	assert_int_equal(run("--zero", "--verify", "--partition", "ad0:5"),
	                 DSW_EXIT_OK);
	assert_int_equal(writes(), 0);
	assert_non_null(strstr(out_text, "1.0 MiB already zero"));
}

/* ---- writing ---------------------------------------------------------- */

static void test_zero_write_zeroes_exactly_the_partition(void **state)
{
	(void)state;
	assert_int_equal(
	    run("--zero", "--write", "--yes", "--partition", "ad0:5"),
	    DSW_EXIT_OK);
	assert_true(all_zero(ramdisk_sector(ad[0], AD0_5_START),
	                     AD0_5_LEN * DISK_SECTOR));
	expect_only_changed(0, AD0_5_START, AD0_5_LEN);
	assert_non_null(strstr(out_text, "DSweeper (WRITE mode)"));
	assert_null(strstr(out_text, "nothing was written"));
}

static void test_passes_write_the_partition_that_many_times(void **state)
{
	(void)state;
	assert_int_equal(run("--zero", "--write", "--yes", "--passes", "3",
	                     "--json", "--partition", "ad0:5"),
	                 DSW_EXIT_OK);
	assert_non_null(strstr(out_text, "\"bytes_written\":3145728,"));
	assert_int_equal(ad[0]->writes, 3 * AD0_5_LEN * DISK_SECTOR / MAX_IO);
	expect_only_changed(0, AD0_5_START, AD0_5_LEN);
}

static double chi_square(const uint8_t *p, size_t len)
{
	double hist[256] = {0}, expect = (double)len / 256, chi = 0;
	size_t i;

	for (i = 0; i < len; i++)
		hist[p[i]]++;
	for (i = 0; i < 256; i++)
		chi += (hist[i] - expect) * (hist[i] - expect) / expect;
	return chi;
}

static void test_random_verify_passes_and_the_data_looks_random(void **state)
{
	const uint8_t *part = ramdisk_sector(ad[1], AD1_1_START);
	size_t len = AD1_1_LEN * DISK_SECTOR;

	(void)state;
	/* The starting pattern is far from uniform: the bound can fail. */
	assert_true(chi_square(part, len) > 1000);
	assert_int_equal(run("--random", "--verify", "--write", "--yes",
	                     "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	/* 255 degrees of freedom: 400 is more than six sigma out. */
	assert_true(chi_square(part, len) < 400);
	assert_memory_not_equal(part, orig[1] + AD1_1_START * DISK_SECTOR, len);
	expect_only_changed(1, AD1_1_START, AD1_1_LEN);
}

static void test_random_seed_comes_from_the_host_and_is_printed(void **state)
{
	(void)state;
	assert_int_equal(
	    run("--random", "--write", "--yes", "--partition", "ad1:2"),
	    DSW_EXIT_OK);
	/* entropy() hands out a0 a1 a2 ... */
	assert_non_null(strstr(out_text, "Seed: a0a1a2a3a4a5"));
}

static void test_random_data_is_the_seeds_chacha20_stream(void **state)
{
	uint8_t nonce[CHACHA20_NONCE_BYTES], key[32], want[4096];
	struct chacha20 c;
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	assert_int_equal(run("--random", "--write", "--yes", "--seed", SEED_HEX,
	                     "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	sweep_nonce("ad1:1", 0, 0, nonce);
	chacha20_init(&c, key, nonce, 0);
	chacha20_keystream_at(&c, 1000 * DISK_SECTOR, want, sizeof(want));
	assert_memory_equal(ramdisk_sector(ad[1], AD1_1_START + 1000), want,
	                    sizeof(want));
}

static void
test_read_only_random_verify_with_the_seed_checks_a_run(void **state)
{
	(void)state;
	assert_int_equal(run("--random", "--write", "--yes", "--passes", "2",
	                     "--seed", SEED_HEX, "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	ad[1]->writes = 0;
	assert_int_equal(run("--random", "--verify", "--passes", "2", "--seed",
	                     SEED_HEX, "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	assert_int_equal(writes(), 0);
	/* Pass 1 is not what the last pass left. */
	assert_int_equal(run("--random", "--verify", "--seed", SEED_HEX,
	                     "--partition", "ad1:1"),
	                 DSW_EXIT_MISMATCH);
}

static void test_requests_are_large_and_several_are_in_flight(void **state)
{
	(void)state;
	ramdisk_async(ad[1]);
	assert_int_equal(run("--zero", "--write", "--yes", "--io-size", "64",
	                     "--partition", "ad1:1"),
	                 DSW_EXIT_OK);
	assert_int_equal(ad[1]->max_count, (64u << 10) / DISK_SECTOR);
	assert_true(ad[1]->max_inflight >= 2);
	assert_true(all_zero(ramdisk_sector(ad[1], AD1_1_START),
	                     AD1_1_LEN * DISK_SECTOR));
	expect_only_changed(1, AD1_1_START, AD1_1_LEN);
}

/* ---- confirmation ----------------------------------------------------- */

static void test_write_without_terminal_or_yes_is_refused(void **state)
{
	(void)state;
	assert_int_equal(run("--zero", "--write", "--partition", "ad0:5"),
	                 DSW_EXIT_NOT_CONFIRMED);
	assert_int_equal(writes(), 0);
	assert_non_null(strstr(err_text, "--yes"));
}

static void test_write_goes_ahead_when_the_user_types_yes(void **state)
{
	(void)state;
	interactive = true;
	answer = "yes";
	assert_int_equal(run("--zero", "--write", "--partition", "ad0:5"),
	                 DSW_EXIT_OK);
	assert_non_null(strstr(err_text, "Type 'yes'"));
	assert_true(all_zero(ramdisk_sector(ad[0], AD0_5_START),
	                     AD0_5_LEN * DISK_SECTOR));
}

static void test_write_is_not_done_on_another_answer(void **state)
{
	(void)state;
	interactive = true;
	answer = "y";
	assert_int_equal(run("--zero", "--write", "--partition", "ad0:5"),
	                 DSW_EXIT_NOT_CONFIRMED);
	assert_int_equal(writes(), 0);
	expect_only_changed(0, 0, 0);
}

/* ---- failures --------------------------------------------------------- */

static void test_verification_mismatch_names_the_first_lba(void **state)
{
	(void)state;
	ad[0]->corrupt = true;
	ad[0]->corrupt_lba = AD0_5_START + 777;
	assert_int_equal(run("--random", "--verify", "--write", "--yes",
	                     "--json", "--partition", "ad0:5"),
	                 DSW_EXIT_MISMATCH);
	assert_non_null(strstr(err_text, "the first at LBA 777 (disk LBA "
	                                 "8969)"));
	assert_non_null(strstr(out_text, "\"mismatches\":1,"));
	assert_non_null(strstr(out_text, "\"first_mismatch_lba\":777,"));
}

static void test_device_error_names_the_lba_and_has_its_exit_code(void **state)
{
	(void)state;
	ad[0]->fail = true;
	ad[0]->fail_lba = AD0_5_START + 300;
	assert_int_equal(
	    run("--zero", "--write", "--yes", "--json", "--partition", "ad0:5"),
	    DSW_EXIT_DEVICE);
	assert_non_null(strstr(err_text, "device error"));
	assert_non_null(strstr(err_text, "on write at LBA 300 (disk LBA "
	                                 "8492)"));
	assert_non_null(strstr(out_text, "\"first_error_lba\":300,"));
	assert_non_null(strstr(out_text, "\"code\":\"EIO\""));
	expect_only_changed(0, AD0_5_START, AD0_5_LEN);
}

static void
test_device_error_ends_one_device_and_the_others_still_run(void **state)
{
	(void)state;
	ad[0]->fail = true;
	ad[0]->fail_lba = AD0_5_START;
	assert_int_equal(run("--zero", "--write", "--yes", "--partition",
	                     "ad0:5", "--partition", "ad1:1"),
	                 DSW_EXIT_DEVICE);
	assert_true(all_zero(ramdisk_sector(ad[1], AD1_1_START),
	                     AD1_1_LEN * DISK_SECTOR));
}

static void test_unknown_names_are_refused(void **state)
{
	(void)state;
	assert_int_equal(run("--partition", "ad0:9"), DSW_EXIT_UNKNOWN);
	assert_non_null(strstr(err_text, "ad0 has no partition 9"));
	assert_int_equal(run("--disk", "ad7"), DSW_EXIT_UNKNOWN);
	assert_non_null(strstr(err_text, "ad7: no such disk"));
	assert_int_equal(run("--zero", "--write", "--yes", "--partition",
	                     "ad0:5", "--partition", "ad9:1"),
	                 DSW_EXIT_UNKNOWN);
	assert_int_equal(writes(), 0);
}

static void test_partition_of_a_refused_table_is_refused(void **state)
{
	(void)state;
	assert_int_equal(
	    run("--zero", "--write", "--yes", "--partition", "ad2:1"),
	    DSW_EXIT_TABLE);
	assert_non_null(strstr(err_text, "partition table of ad2 was "
	                                 "refused"));
	assert_int_equal(writes(), 0);
	expect_only_changed(0, 0, 0);
}

static void test_overlapping_selections_are_refused(void **state)
{
	(void)state;
	assert_int_equal(run("--zero", "--write", "--yes", "--partition",
	                     "ad0:5", "--partition", "ad0:5"),
	                 DSW_EXIT_OVERLAP);
	assert_int_equal(run("--zero", "--write", "--yes", "--disk", "ad1",
	                     "--partition", "ad1:2"),
	                 DSW_EXIT_OVERLAP);
	assert_non_null(strstr(err_text, "ad1 and ad1:2 overlap"));
	assert_int_equal(writes(), 0);
	assert_int_equal(ad[0]->reads + ad[1]->reads, 0);
}

static void test_engine_refuses_overlap_by_itself(void **state)
{
	struct sweep_params p = {
	    .pattern = SWEEP_ZERO,
	    .write = true,
	    .passes = 1,
	    .io_bytes = SWEEP_IO_DEF,
	    .queue = 2,
	};
	struct sweep_target t[2];

	(void)state;
	memset(t, 0, sizeof(t));
	strcpy(t[0].name, "ad0:1");
	strcpy(t[1].name, "ad0");
	assert_int_equal(sweep_run(&p, t, 2), -DDEKIT_EEXIST);
	assert_int_equal(writes(), 0);
}

static void test_bad_command_lines_are_usage_errors(void **state)
{
	(void)state;
	assert_int_equal(run("--zero", "--random", "--disk", "ad0"),
	                 DSW_EXIT_USAGE);
	assert_int_equal(run("--write", "--yes", "--disk", "ad0"),
	                 DSW_EXIT_USAGE);
	assert_int_equal(run("--random", "--verify", "--disk", "ad0"),
	                 DSW_EXIT_USAGE);
	assert_int_equal(run("--partition", "ad0"), DSW_EXIT_USAGE);
	assert_int_equal(run("--seed", "12", "--random", "--disk", "ad0"),
	                 DSW_EXIT_USAGE);
	assert_int_equal(run("--passes", "0", "--zero", "--disk", "ad0"),
	                 DSW_EXIT_USAGE);
	assert_int_equal(run_tty(false, NULL), DSW_EXIT_USAGE);
	assert_int_equal(writes(), 0);
}

/* ---- reports ----------------------------------------------------------- */

static void test_json_report_is_well_formed_with_the_numbers(void **state)
{
	(void)state;
	assert_int_equal(run("--random", "--verify", "--write", "--yes",
	                     "--json", "--partition", "ad0:5", "--partition",
	                     "ad1:1"),
	                 DSW_EXIT_OK);
	assert_true(json_well_formed(out_text));
	assert_non_null(strstr(out_text, "\"name\":\"ad0:5\""));
	assert_non_null(strstr(out_text, "\"bytes_written\":1048576,"));
	assert_non_null(strstr(out_text, "\"bytes_verified\":1048576,"));
	assert_non_null(strstr(out_text, "\"mismatches\":0,"));
	assert_non_null(strstr(out_text, "\"errors\":0,"));
	assert_non_null(strstr(out_text, "\"seconds\":"));
	assert_non_null(strstr(out_text, "\"exit_code\":0}"));
	/* Human text went to stderr, so stdout is JSON alone. */
	assert_non_null(strstr(err_text, "Summary:"));
}

static void test_progress_draws_a_bar_on_a_terminal(void **state)
{
	(void)state;
	assert_int_equal(run_tty(true, "--zero", "--write", "--yes",
	                         "--partition", "ad0:5", NULL),
	                 DSW_EXIT_OK);
	assert_non_null(strstr(err_text, "\r["));
	assert_non_null(strstr(err_text, "100.0%"));
	assert_non_null(strstr(err_text, "MB/s"));
	assert_non_null(strstr(err_text, "ETA"));
	assert_non_null(strstr(err_text, "ad0:5 write"));
}

static void test_progress_prints_plain_lines_without_a_terminal(void **state)
{
	(void)state;
	assert_int_equal(
	    run("--zero", "--write", "--yes", "--partition", "ad0:5"),
	    DSW_EXIT_OK);
	assert_non_null(strstr(err_text, "progress: 100.0%"));
	assert_null(strchr(err_text, '\r'));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_list_shows_disks_and_partitions_with_type_start_size_label),
	    T(test_list_json_is_well_formed),
	    cmocka_unit_test_setup_teardown(
	        test_no_disks_is_an_error_with_the_hint, setup_no_disks,
	        teardown),
	    T(test_default_run_reads_the_selection_and_writes_nothing),
	    T(test_read_only_zero_verify_counts_what_already_is_zero),
	    T(test_read_only_zero_verify_of_a_zeroed_partition_passes),
	    T(test_zero_write_zeroes_exactly_the_partition),
	    T(test_passes_write_the_partition_that_many_times),
	    T(test_random_verify_passes_and_the_data_looks_random),
	    T(test_random_seed_comes_from_the_host_and_is_printed),
	    T(test_random_data_is_the_seeds_chacha20_stream),
	    T(test_read_only_random_verify_with_the_seed_checks_a_run),
	    T(test_requests_are_large_and_several_are_in_flight),
	    T(test_write_without_terminal_or_yes_is_refused),
	    T(test_write_goes_ahead_when_the_user_types_yes),
	    T(test_write_is_not_done_on_another_answer),
	    T(test_verification_mismatch_names_the_first_lba),
	    T(test_device_error_names_the_lba_and_has_its_exit_code),
	    T(test_device_error_ends_one_device_and_the_others_still_run),
	    T(test_unknown_names_are_refused),
	    T(test_partition_of_a_refused_table_is_refused),
	    T(test_overlapping_selections_are_refused),
	    T(test_engine_refuses_overlap_by_itself),
	    T(test_bad_command_lines_are_usage_errors),
	    T(test_json_report_is_well_formed_with_the_numbers),
	    T(test_progress_draws_a_bar_on_a_terminal),
	    T(test_progress_prints_plain_lines_without_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
