/*
 * e1000_traffic.c — the e1000 traffic scenario, portable: the Linux 2.6
 * e1000 driver, running on dde_linux26, brings up QEMU's e1000 and talks to
 * QEMU's user-mode network through it:
 *
 *   1. DHCP: DISCOVER -> OFFER from 10.0.2.2 -> REQUEST -> ACK;
 *   2. ARP: who-has 10.0.2.2 -> reply with the gateway's MAC;
 *   3. UDP: datagrams of several sizes to 10.0.2.2:<port>, which QEMU
 *      forwards to the host's loopback, where udp_echo answers; every
 *      reply must come back byte-identical.
 *
 * Every received frame is parsed strictly (lengths, IPv4 and UDP checksums,
 * addresses, DHCP fields and options). ARP requests for our address are
 * answered, as QEMU asks before it sends to us. Prints one "ok:" line per
 * check.
 *
 * Only the DDEKit ABI, dde_linux26's server headers and <string.h>: the
 * same file runs in a Linux guest on posix_uio (e1000_traffic_main_posix.c)
 * and on bare metal (tests/baremetal/e1000_traffic_main.c).
 */
#include "e1000_traffic.h"
#include "netproto.h"

#include <ddekit/ddekit.h>
#include <ddekit/initcall.h>
#include <ddekit/lock.h>
#include <ddekit/printf.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include <dde_linux26.h>
#include <dde_linux26_net.h>

#include <stdarg.h>
#include <string.h>

#define GATEWAY_IP NP_IP(10, 0, 2, 2)
#define OUR_PORT   40000
#define RX_SLOTS   64
/* bring-up 2, DHCP 2, ARP 1, one per UDP size */
#define CHECKS_EXPECTED 10

/* ---- receive queue: the rx callback (softirq) -> main thread ---------- */

struct rx_slot {
	size_t len;
	uint8_t data[NP_FRAME_MAX + 4];
};

static struct {
	ddekit_lock_t lock;
	ddekit_sem_t *avail;
	struct rx_slot slot[RX_SLOTS];
	unsigned head, tail; /* head: next to fill; tail: next to take */
	unsigned dropped, oversized;
} rxq;

static void on_frame(const void *frame, size_t len, void *arg)
{
	(void)arg;
	ddekit_lock_lock(&rxq.lock);
	if (len > sizeof(rxq.slot[0].data)) {
		rxq.oversized++;
	} else if (rxq.head - rxq.tail == RX_SLOTS) {
		rxq.dropped++;
	} else {
		struct rx_slot *s = &rxq.slot[rxq.head % RX_SLOTS];

		memcpy(s->data, frame, len);
		s->len = len;
		rxq.head++;
		ddekit_lock_unlock(&rxq.lock);
		ddekit_sem_up(rxq.avail);
		return;
	}
	ddekit_lock_unlock(&rxq.lock);
}

/* The next received frame within @ms, into @buf; its length, or 0. */
static size_t next_frame(uint8_t *buf, int ms)
{
	size_t len;

	if (ms <= 0 || ddekit_sem_down_timed(rxq.avail, ms) != 0)
		return 0;
	ddekit_lock_lock(&rxq.lock);
	len = rxq.slot[rxq.tail % RX_SLOTS].len;
	memcpy(buf, rxq.slot[rxq.tail % RX_SLOTS].data, len);
	rxq.tail++;
	ddekit_lock_unlock(&rxq.lock);
	return len;
}

/* ---- the scenario ----------------------------------------------------- */

static struct {
	struct net_device *dev;
	uint8_t mac[6];
	uint32_t ip; /* 0 until DHCP assigned one */
	uint8_t gw_mac[6];
	unsigned checks, failures, ignored, arp_answered;
} st;

/* One console call per line, so concurrent output (printk) cannot split
 * it. */
static void report(const char *tag, const char *fmt, va_list ap)
{
	char line[256];

	ddekit_vsnprintf(line, sizeof(line), fmt, ap);
	ddekit_printf("%s: %s\n", tag, line);
}

static void ok(const char *fmt, ...) DDEKIT_PRINTF(1, 2);
static void ok(const char *fmt, ...)
{
	va_list ap;

	st.checks++;
	va_start(ap, fmt);
	report("ok", fmt, ap);
	va_end(ap);
}

static void fail(const char *fmt, ...) DDEKIT_PRINTF(1, 2);
static void fail(const char *fmt, ...)
{
	va_list ap;

	st.checks++;
	st.failures++;
	va_start(ap, fmt);
	report("FAIL", fmt, ap);
	va_end(ap);
}

static uint64_t now_ns(void)
{
	return ddekit_clock_ns();
}

/* A duration in ns as the two arguments of "%llu.%u ms", rounded to a
 * tenth: no floating point, which some hosts build without (bare metal). */
#define MS_TENTHS(ns)                                                          \
	(unsigned long long)(((ns) + 50000) / 1000000),                        \
	    (unsigned)(((ns) + 50000) / 100000 % 10)
#define MS_ROUNDED(ns) ((unsigned long long)(((ns) + 500000) / 1000000))

static int send_frame(const uint8_t *frame, size_t len)
{
	int r, tries;

	/* -EBUSY means the driver's queue is stopped: it wakes it once the
	 * ring has room, so waiting briefly and retrying is the contract. */
	for (tries = 0; tries < 100; tries++) {
		r = dde_linux26_net_xmit(st.dev, frame, len);
		if (r != -16 /* EBUSY */)
			break;
		ddekit_thread_msleep(1);
	}
	if (r != 0)
		fail("dde_linux26_net_xmit(%zu bytes) returned %d", len, r);
	return r;
}

/* Handles a frame nobody waits for: answers ARP requests for our address
 * (QEMU asks before sending to us), counts the rest. */
static void background(const uint8_t *f, size_t len)
{
	struct np_arp a, r;
	const char *why;

	if (np_eth_type(f, len) == NP_ETH_P_ARP &&
	    np_parse_arp(f, len, &a, &why) == 0 && a.op == NP_ARP_REQUEST &&
	    st.ip && a.tpa == st.ip) {
		uint8_t out[NP_FRAME_MAX];

		memcpy(r.dst_mac, a.sha, 6);
		r.op = NP_ARP_REPLY;
		memcpy(r.sha, st.mac, 6);
		r.spa = st.ip;
		memcpy(r.tha, a.sha, 6);
		r.tpa = a.spa;
		send_frame(out, np_build_arp(out, st.mac, &r));
		st.arp_answered++;
		return;
	}
	st.ignored++;
}

/* Whole milliseconds left until @deadline (rounded up), 0 once past. */
static int ms_until(uint64_t deadline)
{
	uint64_t now = now_ns();

	return now >= deadline ? 0 : (int)((deadline - now + 999999) / 1000000);
}

/* Waits up to @ms for a frame that @match accepts (returns 1); frames it
 * rejects (0) go to background(). Returns the frame's length or 0. */
static size_t wait_for(uint8_t *buf, int ms,
                       int (*match)(const uint8_t *, size_t, void *), void *arg)
{
	uint64_t deadline = now_ns() + (uint64_t)ms * 1000000;
	size_t len;

	while ((len = next_frame(buf, ms_until(deadline))) != 0) {
		if (match(buf, len, arg))
			return len;
		background(buf, len);
	}
	return 0;
}

/* ---- DHCP ------------------------------------------------------------- */

struct dhcp_wait {
	uint32_t xid;
	int type;
	struct np_dhcp msg;
	struct np_udp udp;
};

static int match_dhcp(const uint8_t *f, size_t len, void *arg)
{
	struct dhcp_wait *w = arg;
	const char *why;

	if (np_eth_type(f, len) != NP_ETH_P_IP ||
	    np_parse_udp(f, len, &w->udp, &why) != 0 || w->udp.src_port != 67 ||
	    w->udp.dst_port != 68)
		return 0;
	if (np_parse_dhcp(w->udp.payload, w->udp.len, &w->msg, &why) != 0) {
		fail("a DHCP reply is malformed: %s", why);
		return 0;
	}
	return w->msg.xid == w->xid && w->msg.op == 2;
}

static int dhcp_exchange(int send_type, int want_type, uint32_t xid,
                         uint32_t requested, uint32_t server,
                         struct dhcp_wait *w)
{
	uint8_t payload[300], frame[NP_FRAME_MAX], buf[NP_FRAME_MAX + 4];
	struct np_udp u = {.src_ip = 0,
	                   .dst_ip = NP_IP(255, 255, 255, 255),
	                   .src_port = 68,
	                   .dst_port = 67,
	                   .payload = payload};
	int attempt;

	memcpy(u.dst_mac, np_broadcast_mac, 6);
	memcpy(u.src_mac, st.mac, 6);
	u.len =
	    np_build_dhcp(payload, send_type, xid, st.mac, requested, server);
	w->xid = xid;
	for (attempt = 1; attempt <= 4; attempt++) {
		if (send_frame(frame, np_build_udp(frame, &u)) != 0)
			return -1;
		if (wait_for(buf, 1500, match_dhcp, w)) {
			if (w->msg.msg_type != want_type) {
				fail("DHCP answered message type %d, want %d",
				     w->msg.msg_type, want_type);
				return -1;
			}
			return 0;
		}
		ddekit_printf("  (no DHCP answer within 1.5 s, attempt %d)\n",
		              attempt);
	}
	fail("no DHCP message type %d after 4 attempts", want_type);
	return -1;
}

static int check_dhcp_reply(const char *what, const struct dhcp_wait *w)
{
	char a[16], b[16];
	int bad = 0;

	if (memcmp(w->msg.chaddr, st.mac, 6) != 0) {
		fail("%s: chaddr is not our MAC", what);
		bad = 1;
	}
	if (w->msg.server_id != GATEWAY_IP || w->udp.src_ip != GATEWAY_IP) {
		fail("%s: from %s, server id %s; want 10.0.2.2", what,
		     np_ip_str(w->udp.src_ip, a),
		     np_ip_str(w->msg.server_id, b));
		bad = 1;
	}
	if ((w->msg.yiaddr & 0xffffff00u) != NP_IP(10, 0, 2, 0) ||
	    (w->msg.yiaddr & 0xff) < 3) {
		fail("%s: offered address %s is not a host of 10.0.2.0/24",
		     what, np_ip_str(w->msg.yiaddr, a));
		bad = 1;
	}
	if (w->msg.netmask != NP_IP(255, 255, 255, 0) ||
	    w->msg.router != GATEWAY_IP) {
		fail(
		    "%s: netmask %s router %s; want 255.255.255.0 and 10.0.2.2",
		    what, np_ip_str(w->msg.netmask, a),
		    np_ip_str(w->msg.router, b));
		bad = 1;
	}
	if (memcmp(w->udp.dst_mac, st.mac, 6) != 0 &&
	    memcmp(w->udp.dst_mac, np_broadcast_mac, 6) != 0) {
		fail("%s: sent to a MAC that is neither ours nor broadcast",
		     what);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int do_dhcp(void)
{
	struct dhcp_wait offer, ack;
	uint32_t xid = 0x1dde0000u | (uint32_t)(now_ns() / 1000000 % 0xffff);
	char a[16], m[18];

	if (dhcp_exchange(NP_DHCP_DISCOVER, NP_DHCP_OFFER, xid, 0, 0, &offer))
		return -1;
	if (check_dhcp_reply("DHCPOFFER", &offer))
		return -1;
	ok("DHCPOFFER of %s from 10.0.2.2 (MAC %s), mask 255.255.255.0, "
	   "router 10.0.2.2, lease %u s",
	   np_ip_str(offer.msg.yiaddr, a), np_mac_str(offer.udp.src_mac, m),
	   offer.msg.lease);

	if (dhcp_exchange(NP_DHCP_REQUEST, NP_DHCP_ACK, xid, offer.msg.yiaddr,
	                  offer.msg.server_id, &ack))
		return -1;
	if (check_dhcp_reply("DHCPACK", &ack))
		return -1;
	if (ack.msg.yiaddr != offer.msg.yiaddr) {
		fail("DHCPACK assigns %s, not the offered address",
		     np_ip_str(ack.msg.yiaddr, a));
		return -1;
	}
	st.ip = ack.msg.yiaddr;
	ok("DHCPACK: %s is ours", np_ip_str(st.ip, a));
	return 0;
}

/* ---- ARP -------------------------------------------------------------- */

static int match_arp_reply(const uint8_t *f, size_t len, void *arg)
{
	struct np_arp *a = arg;
	const char *why;

	return np_eth_type(f, len) == NP_ETH_P_ARP &&
	       np_parse_arp(f, len, a, &why) == 0 && a->op == NP_ARP_REPLY &&
	       a->spa == GATEWAY_IP;
}

static int do_arp(void)
{
	uint8_t frame[NP_FRAME_MAX], buf[NP_FRAME_MAX + 4];
	struct np_arp req = {.op = NP_ARP_REQUEST, .tpa = GATEWAY_IP}, rep;
	char m[18];
	uint64_t t0;

	memcpy(req.dst_mac, np_broadcast_mac, 6);
	memcpy(req.sha, st.mac, 6);
	req.spa = st.ip;
	t0 = now_ns();
	if (send_frame(frame, np_build_arp(frame, st.mac, &req)) != 0)
		return -1;
	if (!wait_for(buf, 3000, match_arp_reply, &rep)) {
		fail("no ARP reply for 10.0.2.2 within 3 s");
		return -1;
	}
	if (rep.tpa != st.ip || memcmp(rep.tha, st.mac, 6) != 0 ||
	    memcmp(rep.dst_mac, st.mac, 6) != 0) {
		fail("the ARP reply is not addressed to us");
		return -1;
	}
	memcpy(st.gw_mac, rep.sha, 6);
	t0 = now_ns() - t0;
	ok("ARP: 10.0.2.2 is at %s (%llu.%u ms)", np_mac_str(st.gw_mac, m),
	   MS_TENTHS(t0));
	return 0;
}

/* ---- UDP round trips -------------------------------------------------- */

struct udp_wait {
	uint16_t port;
	struct np_udp udp;
};

static int match_udp(const uint8_t *f, size_t len, void *arg)
{
	struct udp_wait *w = arg;
	const char *why;

	if (np_eth_type(f, len) != NP_ETH_P_IP)
		return 0;
	if (np_parse_udp(f, len, &w->udp, &why) != 0) {
		fail("a received IPv4 frame is malformed: %s", why);
		return 0;
	}
	return w->udp.src_port == w->port && w->udp.dst_port == OUR_PORT;
}

static int udp_round_trip(uint16_t port, size_t size, unsigned seq)
{
	static uint8_t payload[NP_UDP_PAYLOAD_MAX];
	uint8_t frame[NP_FRAME_MAX], buf[NP_FRAME_MAX + 4];
	struct np_udp u = {.src_ip = st.ip,
	                   .dst_ip = GATEWAY_IP,
	                   .src_port = OUR_PORT,
	                   .dst_port = port,
	                   .payload = payload,
	                   .len = size};
	struct udp_wait w = {.port = port};
	uint64_t t0;
	size_t i;

	for (i = 0; i < size; i++)
		payload[i] = (uint8_t)(seq * 31 + i * 7 + (i >> 8));
	memcpy(u.dst_mac, st.gw_mac, 6);
	memcpy(u.src_mac, st.mac, 6);
	t0 = now_ns();
	if (send_frame(frame, np_build_udp(frame, &u)) != 0)
		return -1;
	if (!wait_for(buf, 3000, match_udp, &w)) {
		fail("UDP %zu bytes: no echo from 10.0.2.2:%u within 3 s", size,
		     port);
		return -1;
	}
	if (w.udp.src_ip != GATEWAY_IP || w.udp.dst_ip != st.ip ||
	    memcmp(w.udp.dst_mac, st.mac, 6) != 0 ||
	    memcmp(w.udp.src_mac, st.gw_mac, 6) != 0) {
		fail("UDP %zu bytes: the echo has wrong addresses", size);
		return -1;
	}
	if (w.udp.len != size || memcmp(w.udp.payload, payload, size) != 0) {
		fail("UDP %zu bytes: the echo differs (%zu bytes back)", size,
		     w.udp.len);
		return -1;
	}
	t0 = now_ns() - t0;
	ok("UDP round trip of %4zu bytes through the host's echo service: "
	   "identical (%llu.%u ms)",
	   size, MS_TENTHS(t0));
	return 0;
}

/* ---- bring-up --------------------------------------------------------- */

static int bring_up(const char *iface)
{
	struct dde_linux26_net_info info[4];
	char m[18];
	uint64_t t0;
	int n, r;

	n = dde_linux26_net_devices(info, 4);
	if (n < 1) {
		fail(
		    "no network device registered: the e1000 driver did not "
		    "probe (is the NIC bound to uio_pci_generic or vfio-pci?)");
		return -1;
	}
	st.dev = dde_linux26_net_find(iface);
	if (!st.dev) {
		fail("no device %s (the driver registered %s)", iface,
		     info[0].name);
		return -1;
	}
	for (r = 0; r < n && strcmp(info[r].name, iface) != 0; r++)
		;
	memcpy(st.mac, info[r].mac, 6);
	if (!memcmp(st.mac, "\x52\x54\x00\x12\x34\x56", 6))
		ok("%s registered, MAC %s (QEMU's default, read from the "
		   "EEPROM)",
		   iface, np_mac_str(st.mac, m));
	else
		fail("%s has MAC %s, want QEMU's default 52:54:00:12:34:56",
		     iface, np_mac_str(st.mac, m));

	dde_linux26_net_set_rx_callback(st.dev, on_frame, NULL);
	r = dde_linux26_net_open(iface);
	if (r != 0) {
		fail("opening %s failed: %d", iface, r);
		return -1;
	}
	t0 = now_ns();
	for (;;) {
		n = dde_linux26_net_devices(info, 4);
		for (r = 0; r < n && strcmp(info[r].name, iface) != 0; r++)
			;
		if (r < n && info[r].carrier)
			break;
		if (now_ns() - t0 > 5000000000ull) {
			fail("%s: no carrier within 5 s of open", iface);
			return -1;
		}
		ddekit_thread_msleep(10);
	}
	ok("%s is up with carrier after %llu ms", iface,
	   MS_ROUNDED(now_ns() - t0));
	return 0;
}

int e1000_traffic_run(const char *iface, unsigned echo_port)
{
	static const size_t sizes[] = {1, 18, 512, 1000, NP_UDP_PAYLOAD_MAX};
	unsigned i;
	int r;

	ddekit_lock_init_unlocked(&rxq.lock);
	rxq.avail = ddekit_sem_init(0);
	r = dde_linux26_init();
	if (r != 0 || !rxq.lock || !rxq.avail) {
		ddekit_printf("dde_linux26_init failed: %d\n", r);
		r = 1;
		goto out;
	}
	/* module_init of every linked driver: the e1000 probes here. */
	ddekit_do_initcalls();

	if (bring_up(iface) == 0 && do_dhcp() == 0 && do_arp() == 0)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			udp_round_trip((uint16_t)echo_port, sizes[i], i);

	ddekit_printf("frames: %u ignored, %u ARP requests for us answered, "
	              "%u dropped by the test's queue\n",
	              st.ignored, st.arp_answered, rxq.dropped + rxq.oversized);
	dde_linux26_net_set_rx_callback(st.dev, NULL, NULL);
	if (st.dev)
		dde_linux26_net_close(iface);
	dde_linux26_exit();
	ddekit_printf("e1000 traffic: %u of %u checks passed\n",
	              st.checks - st.failures, st.checks);
	r = st.failures || st.checks < CHECKS_EXPECTED ? 1 : 0;
out:
	if (rxq.avail)
		ddekit_sem_deinit(rxq.avail);
	if (rxq.lock)
		ddekit_lock_deinit(&rxq.lock);
	rxq.avail = NULL;
	return r;
}
