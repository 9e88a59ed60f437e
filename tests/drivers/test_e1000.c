/*
 * test_e1000.c — the Linux 2.6 e1000 driver (drivers/linux26/net/e1000) on
 * the "nic" mock machine's 82540EM model, driven through the server glue
 * (dde_linux26_net.h) as netserver drives it.
 *
 * Setup loads the machine, brings the emulation up and runs the initcalls,
 * which probe the driver; teardown runs module_exit (the driver's remove)
 * and proves that nothing leaked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include <ddekit/initcall.h>
#include <ddekit/thread.h>

#include "dde_linux26.h"
#include "dde_linux26_net.h"
#include "fixture.h"
#include "mock.h"
#include "model.h"

/* Register offsets the tests look at (8254x SDM table 13-2). */
#define REG_ICR   0x00c0u
#define REG_IMS   0x00d0u
#define REG_IMC   0x00d8u
#define REG_RCTL  0x0100u
#define REG_MPC   0x4010u
#define REG_MTA   0x5200u
#define REG_RAL0  0x5400u
#define REG_RAH0  0x5404u
#define RCTL_EN   0x00000002u
#define RAH_AV    0x80000000u
#define NIC_LINE  11u
#define RING_SIZE 256

static const uint8_t our_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
static const uint8_t peer_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
static const uint8_t other_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x99};
static const uint8_t group1[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};
static const uint8_t group2[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x02};

/* poll @cond (1 ms steps) for up to 2 s; its final value */
#define wait_for(cond)                                                         \
	({                                                                     \
		int i_;                                                        \
		for (i_ = 0; i_ < 2000 && !(cond); i_++)                       \
			ddekit_thread_msleep(1);                               \
		!!(cond);                                                      \
	})

/* ---- what the receive callback saw ------------------------------------- */

#define MAX_RX 1024

static struct {
	pthread_mutex_t lock;
	int count;
	size_t len[MAX_RX];
	uint8_t data[MAX_RX][1536];
} rx = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* While set, the callback holds the NET_RX softirq (and so the poll) in
 * the first frame it gets; `stalled` says it is there. */
static int stall, stalled;

static void on_frame(const void *frame, size_t len, void *arg)
{
	(void)arg;
	if (__atomic_load_n(&stall, __ATOMIC_SEQ_CST)) {
		__atomic_store_n(&stalled, 1, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&stall, __ATOMIC_SEQ_CST))
			mdelay(1);
	}
	pthread_mutex_lock(&rx.lock);
	if (rx.count < MAX_RX && len <= sizeof(rx.data[0])) {
		memcpy(rx.data[rx.count], frame, len);
		rx.len[rx.count] = len;
	}
	rx.count++;
	pthread_mutex_unlock(&rx.lock);
}

static int rx_count(void)
{
	int n;

	pthread_mutex_lock(&rx.lock);
	n = rx.count;
	pthread_mutex_unlock(&rx.lock);
	return n;
}

/* A frame to @dst with a sequence number in its payload. */
static size_t make_frame(uint8_t *buf, const uint8_t *dst, const uint8_t *src,
                         unsigned seq, size_t len)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = 0x88; /* 0x88b5: IEEE local experimental */
	buf[13] = 0xb5;
	buf[14] = (uint8_t)(seq >> 8);
	buf[15] = (uint8_t)seq;
	for (size_t i = 16; i < len; i++)
		buf[i] = (uint8_t)(seq * 7 + i);
	return len;
}

/* ---- fixture ------------------------------------------------------------ */

static struct net_device *eth0;

static int load_nic(void **state)
{
	(void)state;
	pthread_mutex_lock(&rx.lock);
	rx.count = 0;
	pthread_mutex_unlock(&rx.lock);
	eth0 = NULL;
	if (fixture_load_and_init("nic", 1) < 0)
		return -1;
	return dde_linux26_init();
}

/* The machine and emulation up, the driver probed (module_init). */
static int setup(void **state)
{
	if (load_nic(state) < 0)
		return -1;
	ddekit_do_initcalls();
	eth0 = dde_linux26_net_find("eth0");
	if (!eth0)
		return -1;
	dde_linux26_net_set_rx_callback(NULL, on_frame, NULL);
	return 0;
}

/* As setup, then eth0 opened. */
static int setup_up(void **state)
{
	if (setup(state) < 0)
		return -1;
	return dde_linux26_net_open("eth0");
}

/* dde_linux26_exit() also drops the receive callback. */
static int teardown(void **state)
{
	dde_linux26_exit();
	return fixture_teardown(state);
}

#define NIC(fn)      cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define NIC_UP(fn)   cmocka_unit_test_setup_teardown(fn, setup_up, teardown)
#define NIC_BARE(fn) cmocka_unit_test_setup_teardown(fn, load_nic, teardown)

static void inject_ok(const uint8_t *frame, size_t len)
{
	assert_true(wait_for(mock_e1000_rx_room() > 0));
	assert_int_equal(mock_e1000_inject(frame, len), 1);
}

static int carrier(void)
{
	struct dde_linux26_net_info info;

	assert_int_equal(dde_linux26_net_devices(&info, 1), 1);
	return info.carrier;
}

/* ---- probe ----------------------------------------------------------------
 */

static void test_probe_registers_eth0_with_the_eeprom_mac(void **state)
{
	struct dde_linux26_net_info info;

	(void)state;
	assert_int_equal(dde_linux26_net_devices(&info, 1), 1);
	assert_string_equal(info.name, "eth0");
	assert_memory_equal(info.mac, our_mac, 6);
	assert_int_equal(info.mtu, 1500);
}

static void
test_probe_programs_receive_address_0_and_clears_the_multicast_table(
    void **state)
{
	(void)state;
	assert_int_equal(mock_e1000_reg(REG_RAL0), 0x12005452);
	assert_int_equal(mock_e1000_reg(REG_RAH0), RAH_AV | 0x5634);
	assert_int_not_equal(mock_trace_find(MOCK_MMIO_WRITE, REG_RAH0, 0),
	                     (size_t)-1);
	for (unsigned i = 0; i < 128; i++)
		assert_int_equal(mock_e1000_reg(REG_MTA + 4 * i), 0);
}

static void
test_a_bad_eeprom_checksum_is_reported_but_the_nic_works(void **state)
{
	(void)state;
	/* word 0x20 is unused: only the sum changes */
	assert_int_equal(mock_e1000_eeprom_write(0x20, 0x1234), 0);
	mock_console_capture(1);
	mock_console_clear();
	ddekit_do_initcalls();
	assert_non_null(strstr(mock_console_text(), "checksum"));
	assert_non_null(dde_linux26_net_find("eth0"));
}

/* ---- link -----------------------------------------------------------------
 */

static void test_open_brings_the_carrier_up_and_reports_link_up(void **state)
{
	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	assert_int_equal(carrier(), 0);
	assert_int_equal(dde_linux26_net_open("eth0"), 0);
	assert_int_equal(carrier(), 1);
	assert_non_null(strstr(mock_console_text(), "eth0: link up"));
}

static void test_link_down_turns_the_carrier_off_and_up_on_again(void **state)
{
	(void)state;
	assert_int_equal(carrier(), 1);
	mock_e1000_set_link(0);
	assert_true(wait_for(carrier() == 0));
	mock_e1000_set_link(1);
	assert_true(wait_for(carrier() == 1));
}

static void test_ethtool_reports_the_driver_and_the_link(void **state)
{
	const struct ethtool_ops *ops = eth0->ethtool_ops;
	struct ethtool_drvinfo info;

	(void)state;
	memset(&info, 0, sizeof(info));
	ops->get_drvinfo(eth0, &info);
	assert_string_equal(info.driver, "e1000");
	assert_non_null(strstr(info.bus_info, "00:03.0"));
	assert_int_equal(ops->get_link(eth0), 1);
	mock_e1000_set_link(0);
	assert_int_equal(ops->get_link(eth0), 0);
}

/* On a closed device: no watchdog reads the level meanwhile. */
static void test_ethtool_message_level_reads_back_what_was_set(void **state)
{
	const struct ethtool_ops *ops = eth0->ethtool_ops;

	(void)state;
	ops->set_msglevel(eth0, 0x5);
	assert_int_equal(ops->get_msglevel(eth0), 0x5);
}

/* ---- transmit -------------------------------------------------------------
 */

static void test_a_sent_frame_appears_on_the_wire_byte_identical(void **state)
{
	uint8_t frame[1514], wire[1600];

	(void)state;
	make_frame(frame, peer_mac, our_mac, 1, sizeof(frame));
	assert_int_equal(dde_linux26_net_xmit(eth0, frame, sizeof(frame)), 0);
	assert_true(wait_for(mock_e1000_tx_pending() == 1));
	assert_int_equal(mock_e1000_tx_frame(wire, sizeof(wire)),
	                 (int)sizeof(frame));
	assert_memory_equal(wire, frame, sizeof(frame));
}

static void
test_sending_more_frames_than_the_ring_holds_keeps_order(void **state)
{
	enum { N = 3 * RING_SIZE };
	uint8_t frame[128], wire[1600];
	int sent = 0, seen = 0;

	(void)state;
	while (sent < N || seen < N) {
		int len;

		if (sent < N) {
			make_frame(frame, peer_mac, our_mac, (unsigned)sent,
			           60 + sent % 64);
			if (dde_linux26_net_xmit(eth0, frame,
			                         60 + (size_t)(sent % 64)) == 0)
				sent++;
		}
		while ((len = mock_e1000_tx_frame(wire, sizeof(wire))) > 0) {
			make_frame(frame, peer_mac, our_mac, (unsigned)seen,
			           60 + seen % 64);
			assert_int_equal(len, 60 + seen % 64);
			assert_memory_equal(wire, frame, (size_t)len);
			seen++;
		}
		if (sent == N && seen < N)
			assert_true(wait_for(mock_e1000_tx_pending() > 0));
	}
	assert_int_equal(mock_e1000_tx_pending(), 0);
}

static void
test_a_full_tx_ring_stops_the_queue_until_frames_complete(void **state)
{
	uint8_t frame[60];
	int queued = 0;

	(void)state;
	mock_e1000_tx_pause(1);
	make_frame(frame, peer_mac, our_mac, 0, sizeof(frame));
	while (dde_linux26_net_xmit(eth0, frame, sizeof(frame)) == 0)
		queued++;
	/* one descriptor always stays empty: head == tail means "none" */
	assert_int_equal(queued, RING_SIZE - 1);
	assert_true(netif_queue_stopped(eth0));
	assert_int_equal(dde_linux26_net_xmit(eth0, frame, sizeof(frame)),
	                 -EBUSY);
	assert_int_equal(mock_e1000_tx_pending(), 0);

	mock_e1000_tx_pause(0);
	assert_true(wait_for(!netif_queue_stopped(eth0)));
	assert_int_equal(mock_e1000_tx_pending(), RING_SIZE - 1);
	assert_int_equal(dde_linux26_net_xmit(eth0, frame, sizeof(frame)), 0);
	assert_true(wait_for(mock_e1000_tx_pending() == RING_SIZE));
}

/* ---- receive --------------------------------------------------------------
 */

static void
test_an_injected_frame_reaches_the_rx_callback_byte_identical(void **state)
{
	uint8_t frame[1514];

	(void)state;
	make_frame(frame, our_mac, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	assert_int_equal(rx.len[0], sizeof(frame));
	assert_memory_equal(rx.data[0], frame, sizeof(frame));
}

static void
test_receiving_more_frames_than_the_ring_holds_keeps_order(void **state)
{
	enum { N = 3 * RING_SIZE };
	uint8_t frame[128];

	(void)state;
	for (int i = 0; i < N; i++) {
		make_frame(frame, our_mac, peer_mac, (unsigned)i, 60 + i % 64);
		inject_ok(frame, 60 + (size_t)(i % 64));
	}
	assert_true(wait_for(rx_count() == N));
	for (int i = 0; i < N; i++) {
		make_frame(frame, our_mac, peer_mac, (unsigned)i, 60 + i % 64);
		assert_int_equal(rx.len[i], 60 + i % 64);
		assert_memory_equal(rx.data[i], frame, rx.len[i]);
	}
}

static void test_a_frame_for_another_station_is_filtered(void **state)
{
	uint8_t frame[60];

	(void)state;
	make_frame(frame, other_mac, peer_mac, 1, sizeof(frame));
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 0);
	make_frame(frame, our_mac, peer_mac, 2, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	ddekit_thread_msleep(20);
	assert_int_equal(rx_count(), 1);
	assert_memory_equal(rx.data[0], our_mac, 6);
}

static void
test_promiscuous_mode_delivers_frames_for_other_stations(void **state)
{
	uint8_t frame[60];

	(void)state;
	dde_linux26_net_set_promisc(eth0, 1);
	make_frame(frame, other_mac, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	assert_memory_equal(rx.data[0], frame, sizeof(frame));

	dde_linux26_net_set_promisc(eth0, 0);
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 0);
}

static void test_broadcast_frames_are_received(void **state)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	uint8_t frame[60];

	(void)state;
	make_frame(frame, bcast, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	assert_memory_equal(rx.data[0], frame, sizeof(frame));
}

static void
test_a_joined_multicast_group_is_received_and_another_is_not(void **state)
{
	uint8_t frame[60];

	(void)state;
	assert_int_equal(dev_mc_add(eth0, (void *)group1, 6, 0), 0);
	/* 82540EM hash with MO = 00: bits 47:36, here 0x010 */
	assert_int_equal(mock_e1000_reg(REG_MTA) & (1u << 16), 1u << 16);

	make_frame(frame, group2, peer_mac, 1, sizeof(frame));
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 0);
	make_frame(frame, group1, peer_mac, 2, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	assert_memory_equal(rx.data[0], frame, sizeof(frame));
}

static void test_allmulti_receives_every_multicast_group(void **state)
{
	uint8_t frame[60];

	(void)state;
	dev_set_allmulti(eth0, 1);
	make_frame(frame, group2, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	make_frame(frame, other_mac, peer_mac, 2, sizeof(frame));
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 0);
	dev_set_allmulti(eth0, -1);
}

static void
test_frames_beyond_the_packet_buffer_are_missed_and_counted(void **state)
{
	enum { FIFO = 64 }; /* frames the model's packet buffer holds */
	uint8_t frame[60];

	(void)state;
	__atomic_store_n(&stalled, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&stall, 1, __ATOMIC_SEQ_CST);
	make_frame(frame, our_mac, peer_mac, 0, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(__atomic_load_n(&stalled, __ATOMIC_SEQ_CST)));

	/* the driver is held in its poll: arrivals wait in the device */
	for (unsigned i = 1; i <= FIFO; i++) {
		make_frame(frame, our_mac, peer_mac, i, sizeof(frame));
		assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 1);
	}
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), -ENOSPC);
	assert_int_equal(mock_e1000_reg(REG_MPC), 1);

	__atomic_store_n(&stall, 0, __ATOMIC_SEQ_CST);
	assert_true(wait_for(rx_count() == FIFO + 1));
	for (int i = 0; i <= FIFO; i++)
		assert_int_equal(rx.data[i][15], (uint8_t)i);
	assert_int_equal(dde_linux26_net_close("eth0"), 0);
	assert_int_equal(eth0->get_stats(eth0)->rx_missed_errors, 1);
}

/* ---- interrupts, statistics, teardown --------------------------------------
 */

static void
test_a_shared_line_interrupt_that_is_not_ours_is_left_alone(void **state)
{
	unsigned long before = mock_irq_delivered(NIC_LINE);
	uint8_t frame[60];
	size_t icr;

	(void)state;
	mock_trace_clear();
	mock_irq_raise(NIC_LINE);
	assert_true(wait_for(mock_irq_delivered(NIC_LINE) > before));
	assert_true(wait_for(mock_irq_masked(NIC_LINE) == 0));
	/* the handler read ICR, found nothing (IRQ_NONE) and masked nothing */
	icr = mock_trace_find(MOCK_MMIO_READ, REG_ICR, 0);
	assert_int_not_equal(icr, (size_t)-1);
	assert_int_equal(mock_trace_get(icr)->value, 0);
	assert_int_equal(mock_trace_find(MOCK_MMIO_WRITE, REG_IMC, 0),
	                 (size_t)-1);
	assert_int_not_equal(mock_e1000_reg(REG_IMS), 0);

	make_frame(frame, our_mac, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
}

static void test_get_stats_counts_frames_and_bytes(void **state)
{
	uint8_t frame[100];
	struct net_device_stats *st;

	(void)state;
	make_frame(frame, our_mac, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	make_frame(frame, peer_mac, our_mac, 2, sizeof(frame));
	assert_int_equal(dde_linux26_net_xmit(eth0, frame, sizeof(frame)), 0);
	assert_true(wait_for(eth0->get_stats(eth0)->tx_packets == 1));
	st = eth0->get_stats(eth0);
	assert_int_equal(st->rx_packets, 1);
	assert_int_equal(st->rx_bytes, sizeof(frame));
	assert_int_equal(st->tx_bytes, sizeof(frame));
}

static void test_close_stops_the_device_and_frees_its_buffers(void **state)
{
	uint8_t frame[60];

	(void)state;
	make_frame(frame, our_mac, peer_mac, 1, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 1));
	assert_int_equal(dde_linux26_net_close("eth0"), 0);
	assert_int_equal(mock_e1000_reg(REG_RCTL) & RCTL_EN, 0);
	assert_int_equal(mock_e1000_reg(REG_IMS), 0);
	assert_int_equal(mock_e1000_inject(frame, sizeof(frame)), 0);
	/* open again works on fresh rings */
	assert_int_equal(dde_linux26_net_open("eth0"), 0);
	inject_ok(frame, sizeof(frame));
	assert_true(wait_for(rx_count() == 2));
}

/* The leak check itself is the teardown's (after ddekit_deinit()). */
static void
test_unloading_the_driver_unregisters_eth0_while_it_is_up(void **state)
{
	struct mock_leaks live;
	uint8_t frame[60];

	(void)state;
	make_frame(frame, peer_mac, our_mac, 1, sizeof(frame));
	assert_int_equal(dde_linux26_net_xmit(eth0, frame, sizeof(frame)), 0);
	make_frame(frame, our_mac, peer_mac, 2, sizeof(frame));
	inject_ok(frame, sizeof(frame));
	dde_linux26_exit(); /* module_exit: remove() of an open device */
	assert_int_equal(mock_e1000_reg(REG_IMS), 0);
	assert_int_equal(mock_e1000_reg(REG_RCTL) & RCTL_EN, 0);
	/* interrupt, registers, port range, streaming mappings: all given
	 * back before ddekit_deinit() */
	mock_leaks(&live);
	assert_int_equal(live.irqs, 0);
	assert_int_equal(live.mmio_maps, 0);
	assert_int_equal(live.io_ranges, 0);
	assert_int_equal(live.dma_maps, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    NIC(test_probe_registers_eth0_with_the_eeprom_mac),
	    NIC(test_probe_programs_receive_address_0_and_clears_the_multicast_table),
	    NIC_BARE(test_a_bad_eeprom_checksum_is_reported_but_the_nic_works),
	    NIC(test_open_brings_the_carrier_up_and_reports_link_up),
	    NIC_UP(test_link_down_turns_the_carrier_off_and_up_on_again),
	    NIC_UP(test_ethtool_reports_the_driver_and_the_link),
	    NIC(test_ethtool_message_level_reads_back_what_was_set),
	    NIC_UP(test_a_sent_frame_appears_on_the_wire_byte_identical),
	    NIC_UP(test_sending_more_frames_than_the_ring_holds_keeps_order),
	    NIC_UP(test_a_full_tx_ring_stops_the_queue_until_frames_complete),
	    NIC_UP(
	        test_an_injected_frame_reaches_the_rx_callback_byte_identical),
	    NIC_UP(test_receiving_more_frames_than_the_ring_holds_keeps_order),
	    NIC_UP(test_a_frame_for_another_station_is_filtered),
	    NIC_UP(test_promiscuous_mode_delivers_frames_for_other_stations),
	    NIC_UP(test_broadcast_frames_are_received),
	    NIC_UP(
	        test_a_joined_multicast_group_is_received_and_another_is_not),
	    NIC_UP(test_allmulti_receives_every_multicast_group),
	    NIC_UP(test_frames_beyond_the_packet_buffer_are_missed_and_counted),
	    NIC_UP(test_a_shared_line_interrupt_that_is_not_ours_is_left_alone),
	    NIC_UP(test_get_stats_counts_frames_and_bytes),
	    NIC_UP(test_close_stops_the_device_and_frees_its_buffers),
	    NIC_UP(test_unloading_the_driver_unregisters_eth0_while_it_is_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
