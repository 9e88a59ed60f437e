/*
 * conf_io.c — I/O ports: access to a requested port and the accounting of
 * requests (busy, exact release, range limits), on the configured scratch
 * port (the 16550's scratch register on a PC).
 */
#include "runner.h"

#include <ddekit/errno.h>
#include <ddekit/resources.h>

/* Fails the test unless a scratch port is configured; then 0, else -1. */
static int scratch_port(struct conf_test_ctx *t, ddekit_addr_t *port)
{
	*port = t->cfg->port_base;
	if (*port)
		return 0;
	conf_fail(t, __FILE__, __LINE__,
	          "no scratch port configured (port_base is 0)");
	return -1;
}

static void scratch_port_reads_back_what_was_written(struct conf_test_ctx *t)
{
	static const unsigned char values[] = {0x00, 0x55, 0xaa, 0xff,
	                                       0x5a, 0x01, 0x80};
	ddekit_addr_t port;
	unsigned char got;
	unsigned i;
	int r = -1;

	CONF_TRY(scratch_port(t, &port));
	r = ddekit_request_io(port, 1);
	CONF_CHECK(t, r == 0, "ddekit_request_io(0x%lx, 1) returned %d (%s)",
	           port, r, ddekit_errname(r));
	for (i = 0; i < CONF_ARRAY_SIZE(values); i++) {
		ddekit_outb(port, values[i]);
		got = ddekit_inb(port);
		CONF_CHECK(t, got == values[i],
		           "port 0x%lx: wrote 0x%02x, read 0x%02x", port,
		           values[i], got);
	}
out:
	if (r == 0)
		ddekit_release_io(port, 1);
}

static void request_of_a_claimed_port_is_busy(struct conf_test_ctx *t)
{
	ddekit_addr_t port;
	int first = -1, second = -1;

	CONF_TRY(scratch_port(t, &port));
	first = ddekit_request_io(port, 1);
	CONF_CHECK(t, first == 0,
	           "ddekit_request_io(0x%lx, 1) returned %d (%s)", port, first,
	           ddekit_errname(first));
	second = ddekit_request_io(port, 1);
	CONF_CHECK(t, second == -DDEKIT_EBUSY,
	           "requesting port 0x%lx again returned %d (%s), want "
	           "-DDEKIT_EBUSY",
	           port, second, ddekit_errname(second));
out:
	if (second == 0)
		ddekit_release_io(port, 1);
	if (first == 0)
		ddekit_release_io(port, 1);
}

static void release_of_an_unclaimed_port_is_invalid(struct conf_test_ctx *t)
{
	ddekit_addr_t port;
	int r = -1;

	CONF_TRY(scratch_port(t, &port));
	r = ddekit_release_io(port, 1);
	CONF_CHECK(t, r == -DDEKIT_EINVAL,
	           "releasing unclaimed port 0x%lx returned %d (%s), want "
	           "-DDEKIT_EINVAL",
	           port, r, ddekit_errname(r));
out:
	return;
}

static void release_must_match_the_request(struct conf_test_ctx *t)
{
	ddekit_addr_t port;
	int claimed = 0, r;

	CONF_TRY(scratch_port(t, &port));
	r = ddekit_request_io(port, 1);
	CONF_CHECK(t, r == 0, "ddekit_request_io(0x%lx, 1) returned %d (%s)",
	           port, r, ddekit_errname(r));
	claimed = 1;
	r = ddekit_release_io(port, 2);
	if (r == 0)
		claimed = 0;
	CONF_CHECK(t, r == -DDEKIT_EINVAL,
	           "releasing 2 ports where 1 was claimed returned %d (%s), "
	           "want -DDEKIT_EINVAL",
	           r, ddekit_errname(r));
	r = ddekit_release_io(port, 1);
	claimed = 0;
	CONF_CHECK(t, r == 0, "releasing the port as claimed returned %d (%s)",
	           r, ddekit_errname(r));
out:
	if (claimed)
		ddekit_release_io(port, 1);
}

static void
request_of_0_ports_or_beyond_0xffff_is_invalid(struct conf_test_ctx *t)
{
	int beyond = ddekit_request_io(0xffff, 2);
	int empty = -1;

	if (beyond == 0)
		ddekit_release_io(0xffff, 2);
	CONF_CHECK(t, beyond == -DDEKIT_EINVAL,
	           "requesting ports 0xffff..0x10000 returned %d (%s), want "
	           "-DDEKIT_EINVAL",
	           beyond, ddekit_errname(beyond));
	empty =
	    ddekit_request_io(t->cfg->port_base ? t->cfg->port_base : 0x80, 0);
	CONF_CHECK(t, empty == -DDEKIT_EINVAL,
	           "requesting 0 ports returned %d (%s), want -DDEKIT_EINVAL",
	           empty, ddekit_errname(empty));
out:
	return;
}

static const struct conf_test tests[] = {
    {"scratch_port_reads_back_what_was_written",
     scratch_port_reads_back_what_was_written},
    {"request_of_a_claimed_port_is_busy", request_of_a_claimed_port_is_busy},
    {"release_of_an_unclaimed_port_is_invalid",
     release_of_an_unclaimed_port_is_invalid},
    {"release_must_match_the_request", release_must_match_the_request},
    {"request_of_0_ports_or_beyond_0xffff_is_invalid",
     request_of_0_ports_or_beyond_0xffff_is_invalid},
};

CONF_AREA(conf_area_io, "io", tests);
