/*
 * conf_mmio.c — device memory: requesting the edu's BAR0 and talking to its
 * registers (identification, liveness inversion, factorial engine).
 */
#include "conf_edu.h"

#include <ddekit/errno.h>
#include <ddekit/resources.h>
#include <ddekit/thread.h>

static void id_register_reads_the_edu_signature(struct conf_test_ctx *t)
{
	struct conf_edu edu;
	ddekit_uint32_t id;

	CONF_TRY(conf_edu_open(t, &edu));
	id = conf_edu_read(&edu, EDU_ID);
	/* Only the magic byte and the major version: later minor versions
	 * of the device pass too. */
	CONF_CHECK(t, (id & 0xff) == EDU_ID_MAGIC && id >> 24 == EDU_ID_MAJOR,
	           "id register reads 0x%08x, want 0x%02x..00%02x", id,
	           EDU_ID_MAJOR, EDU_ID_MAGIC);
	conf_note(t, "edu version %u.%u", id >> 24, (id >> 16) & 0xff);
out:
	conf_edu_close(&edu);
}

static void liveness_register_inverts(struct conf_test_ctx *t)
{
	static const ddekit_uint32_t values[] = {0x12345678, 0, 0xffffffff,
	                                         0xa5a55a5a};
	struct conf_edu edu;
	ddekit_uint32_t got;
	unsigned i;

	CONF_TRY(conf_edu_open(t, &edu));
	for (i = 0; i < CONF_ARRAY_SIZE(values); i++) {
		conf_edu_write(&edu, EDU_LIVENESS, values[i]);
		got = conf_edu_read(&edu, EDU_LIVENESS);
		CONF_CHECK(t, got == (ddekit_uint32_t)~values[i],
		           "wrote 0x%08x, read 0x%08x, want 0x%08x", values[i],
		           got, (ddekit_uint32_t)~values[i]);
	}
out:
	conf_edu_close(&edu);
}

static void factorial_of_5_is_120(struct conf_test_ctx *t)
{
	uint64_t deadline;
	struct conf_edu edu;
	ddekit_uint32_t status, result;

	CONF_TRY(conf_edu_open(t, &edu));
	conf_edu_write(&edu, EDU_FACTORIAL, 5);
	deadline = conf_now_ns() + CONF_TIMEOUT_MS * 1000000ull;
	while ((status = conf_edu_read(&edu, EDU_STATUS)) &
	       EDU_STATUS_COMPUTING) {
		CONF_CHECK(t, conf_now_ns() < deadline,
		           "status still says computing (0x%08x) after %u ms",
		           status, CONF_TIMEOUT_MS);
		ddekit_yield();
	}
	result = conf_edu_read(&edu, EDU_FACTORIAL);
	CONF_CHECK(t, result == 120, "factorial register reads %u, want 120",
	           result);
out:
	conf_edu_close(&edu);
}

static void request_mem_twice_is_busy(struct conf_test_ctx *t)
{
	ddekit_addr_t va = 0;
	struct conf_edu edu;
	int r = -1;

	CONF_TRY(conf_edu_open(t, &edu));
	r = ddekit_request_mem(edu.bar_start, edu.bar_len, &va);
	CONF_CHECK(t, r == -DDEKIT_EBUSY,
	           "requesting BAR0 a second time returned %d (%s), want "
	           "-DDEKIT_EBUSY",
	           r, ddekit_errname(r));
out:
	/* A wrongly granted second claim is given back first. */
	if (r == 0)
		ddekit_release_mem(edu.bar_start, edu.bar_len);
	conf_edu_close(&edu);
}

static void release_mem_must_match_the_request(struct conf_test_ctx *t)
{
	struct conf_edu edu;
	int partial = 0, r;

	CONF_TRY(conf_edu_open(t, &edu));
	partial = ddekit_release_mem(edu.bar_start, edu.bar_len / 2);
	CONF_CHECK(t, partial == -DDEKIT_EINVAL,
	           "releasing half of the claimed BAR0 returned %d (%s), want "
	           "-DDEKIT_EINVAL",
	           partial, ddekit_errname(partial));
	r = ddekit_release_mem(edu.bar_start, edu.bar_len);
	edu.regs = NULL;
	CONF_CHECK(t, r == 0, "releasing BAR0 as claimed returned %d (%s)", r,
	           ddekit_errname(r));
	r = ddekit_release_mem(edu.bar_start, edu.bar_len);
	CONF_CHECK(t, r == -DDEKIT_EINVAL,
	           "releasing BAR0 again returned %d (%s), want "
	           "-DDEKIT_EINVAL",
	           r, ddekit_errname(r));
out:
	/* A half release that wrongly succeeded leaves nothing to close. */
	if (partial == 0)
		edu.regs = NULL;
	conf_edu_close(&edu);
}

static const struct conf_test tests[] = {
    {"id_register_reads_the_edu_signature",
     id_register_reads_the_edu_signature},
    {"liveness_register_inverts", liveness_register_inverts},
    {"factorial_of_5_is_120", factorial_of_5_is_120},
    {"request_mem_twice_is_busy", request_mem_twice_is_busy},
    {"release_mem_must_match_the_request", release_mem_must_match_the_request},
};

CONF_AREA(conf_area_mmio, "mmio", tests);
