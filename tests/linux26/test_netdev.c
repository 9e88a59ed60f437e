/*
 * test_netdev.c — net_device registration, Ethernet classification, the
 * server glue's open/xmit/receive path, with a fake driver whose
 * hard_start_xmit records frames.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>

#include <ddekit/timer.h>

#include "dde_linux26.h"
#include "dde_linux26_net.h"
#include "l26_fixture.h"

/* --- the fake driver --------------------------------------------------- */

struct fake {
	int opens, stops, mc_updates, tx_timeouts;
	int answer_busy;
	int xmits;
	int xmit_in_softirq, xmit_irqs_off;
	unsigned char frame[2048];
	unsigned int frame_len;
};

static const u8 our_mac[ETH_ALEN] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

static int fake_open(struct net_device *dev)
{
	struct fake *f = netdev_priv(dev);

	f->opens++;
	netif_start_queue(dev);
	return 0;
}

static int fake_stop(struct net_device *dev)
{
	struct fake *f = netdev_priv(dev);

	f->stops++;
	netif_stop_queue(dev);
	return 0;
}

static int fake_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct fake *f = netdev_priv(dev);

	if (f->answer_busy)
		return NETDEV_TX_BUSY;
	f->xmits++;
	f->xmit_in_softirq = in_softirq();
	f->xmit_irqs_off = irqs_disabled();
	f->frame_len = skb->len;
	memcpy(f->frame, skb->data, skb->len);
	dev->trans_start = jiffies;
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static void fake_mc(struct net_device *dev)
{
	struct fake *f = netdev_priv(dev);

	f->mc_updates++;
}

static void fake_tx_timeout(struct net_device *dev)
{
	struct fake *f = netdev_priv(dev);

	__atomic_fetch_add(&f->tx_timeouts, 1, __ATOMIC_SEQ_CST);
}

static struct net_device *fake_new(void)
{
	struct net_device *dev = alloc_etherdev(sizeof(struct fake));

	assert_non_null(dev);
	dev->open = fake_open;
	dev->stop = fake_stop;
	dev->hard_start_xmit = fake_xmit;
	dev->set_multicast_list = fake_mc;
	memcpy(dev->dev_addr, our_mac, ETH_ALEN);
	memcpy(dev->perm_addr, our_mac, ETH_ALEN);
	return dev;
}

static struct net_device *fake_register(void)
{
	struct net_device *dev = fake_new();

	assert_int_equal(register_netdev(dev), 0);
	return dev;
}

static void fake_remove(struct net_device *dev)
{
	unregister_netdev(dev);
	free_netdev(dev);
}

static struct fake *priv(struct net_device *dev)
{
	return netdev_priv(dev);
}

static void frame(unsigned char *buf, const u8 *dst, unsigned short proto,
                  size_t len)
{
	size_t i;

	memcpy(buf, dst, ETH_ALEN);
	memcpy(buf + 6, "\x02\x99\x99\x99\x99\x99", ETH_ALEN);
	buf[12] = (unsigned char)(proto >> 8);
	buf[13] = (unsigned char)proto;
	for (i = ETH_HLEN; i < len; i++)
		buf[i] = (unsigned char)i;
}

/* @v in network byte order, as skb->protocol holds it. */
static __be16 net16(unsigned short v)
{
	unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
	__be16 r;

	memcpy(&r, b, 2);
	return r;
}

/* --- allocation and registration -------------------------------------- */

static void
test_alloc_etherdev_gives_zeroed_private_data_aligned_to_netdev_align(
    void **state)
{
	struct net_device *dev = alloc_etherdev(100);
	unsigned char *p;
	int i;

	(void)state;
	assert_non_null(dev);
	p = netdev_priv(dev);
	assert_int_equal((uintptr_t)p % NETDEV_ALIGN, 0);
	assert_true(p >= (unsigned char *)(dev + 1));
	assert_ptr_equal(dev->priv, p);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	free_netdev(dev);
}

static void
test_ether_setup_makes_a_1500_byte_broadcast_multicast_device(void **state)
{
	struct net_device *dev = alloc_etherdev(0);
	int i;

	(void)state;
	assert_int_equal(dev->mtu, 1500);
	assert_int_equal(dev->addr_len, ETH_ALEN);
	assert_int_equal(dev->hard_header_len, ETH_HLEN);
	assert_int_equal(dev->flags, IFF_BROADCAST | IFF_MULTICAST);
	for (i = 0; i < ETH_ALEN; i++)
		assert_int_equal(dev->broadcast[i], 0xff);
	assert_string_equal(dev->name, "eth%d");
	free_netdev(dev);
}

static void test_register_netdev_names_devices_eth0_then_eth1(void **state)
{
	struct net_device *a = fake_register(), *b = fake_register();

	(void)state;
	assert_string_equal(a->name, "eth0");
	assert_string_equal(b->name, "eth1");
	assert_true(netif_device_present(a));
	assert_int_equal(a->reg_state, NETREG_REGISTERED);
	fake_remove(a);
	fake_remove(b);
}

static void test_register_netdev_reuses_the_lowest_free_number(void **state)
{
	struct net_device *a = fake_register(), *b = fake_register(), *c;

	(void)state;
	fake_remove(a);
	c = fake_register();
	assert_string_equal(c->name, "eth0");
	fake_remove(b);
	fake_remove(c);
}

static void test_register_netdev_refuses_a_taken_fixed_name(void **state)
{
	struct net_device *a = fake_register(), *b = fake_new();

	(void)state;
	strcpy(b->name, "eth0");
	assert_int_equal(register_netdev(b), -EEXIST);
	free_netdev(b);
	fake_remove(a);
}

static void
test_glue_lists_registered_devices_with_name_mac_and_flags(void **state)
{
	struct net_device *a = fake_register(), *b = fake_register();
	struct dde_linux26_net_info info[4];

	(void)state;
	assert_int_equal(dde_linux26_net_devices(info, 1), 2);
	assert_int_equal(dde_linux26_net_devices(info, 4), 2);
	assert_string_equal(info[0].name, "eth0");
	assert_string_equal(info[1].name, "eth1");
	assert_memory_equal(info[0].mac, our_mac, ETH_ALEN);
	assert_int_equal(info[0].flags, IFF_BROADCAST | IFF_MULTICAST);
	assert_ptr_equal(info[1].dev, b);
	assert_ptr_equal(dde_linux26_net_find("eth1"), b);
	assert_null(dde_linux26_net_find("eth7"));
	fake_remove(a);
	fake_remove(b);
	assert_int_equal(dde_linux26_net_devices(NULL, 0), 0);
}

/* --- Ethernet classification ----------------------------------------- */

static struct sk_buff *rx_skb(const u8 *dst, unsigned short proto)
{
	struct sk_buff *skb = dev_alloc_skb(64);

	frame(skb_put(skb, 60), dst, proto, 60);
	return skb;
}

static void test_eth_type_trans_marks_a_frame_to_our_address_host(void **state)
{
	struct net_device *dev = fake_new();
	struct sk_buff *skb = rx_skb(our_mac, ETH_P_IP);
	unsigned char *start = skb->data;

	(void)state;
	assert_int_equal(eth_type_trans(skb, dev), net16(ETH_P_IP));
	assert_int_equal(skb->pkt_type, PACKET_HOST);
	assert_ptr_equal(skb->dev, dev);
	assert_ptr_equal(skb_mac_header(skb), start);
	assert_ptr_equal(skb->data, start + ETH_HLEN);
	assert_int_equal(skb->len, 60 - ETH_HLEN);
	kfree_skb(skb);
	free_netdev(dev);
}

static void
test_eth_type_trans_marks_the_all_ones_address_broadcast(void **state)
{
	static const u8 bcast[ETH_ALEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	struct net_device *dev = fake_new();
	struct sk_buff *skb = rx_skb(bcast, ETH_P_ARP);

	(void)state;
	assert_int_equal(eth_type_trans(skb, dev), net16(ETH_P_ARP));
	assert_int_equal(skb->pkt_type, PACKET_BROADCAST);
	kfree_skb(skb);
	free_netdev(dev);
}

static void test_eth_type_trans_marks_a_group_address_multicast(void **state)
{
	static const u8 mcast[ETH_ALEN] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};
	struct net_device *dev = fake_new();
	struct sk_buff *skb = rx_skb(mcast, ETH_P_IP);

	(void)state;
	eth_type_trans(skb, dev);
	assert_int_equal(skb->pkt_type, PACKET_MULTICAST);
	kfree_skb(skb);
	free_netdev(dev);
}

static void
test_eth_type_trans_marks_another_unicast_address_otherhost(void **state)
{
	static const u8 other[ETH_ALEN] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
	struct net_device *dev = fake_new();
	struct sk_buff *skb = rx_skb(other, ETH_P_IPV6);

	(void)state;
	assert_int_equal(eth_type_trans(skb, dev), net16(ETH_P_IPV6));
	assert_int_equal(skb->pkt_type, PACKET_OTHERHOST);
	kfree_skb(skb);
	free_netdev(dev);
}

static void test_eth_type_trans_reports_802_2_for_a_length_field(void **state)
{
	struct net_device *dev = fake_new();
	struct sk_buff *skb = rx_skb(our_mac, 46);

	(void)state;
	assert_int_equal(eth_type_trans(skb, dev), net16(ETH_P_802_2));
	kfree_skb(skb);
	free_netdev(dev);
}

static void test_ether_addr_helpers_accept_only_nonzero_unicast(void **state)
{
	static const u8 zero[ETH_ALEN];
	static const u8 mcast[ETH_ALEN] = {0x01, 0, 0, 0, 0, 1};
	u8 a[ETH_ALEN], b[ETH_ALEN];

	(void)state;
	assert_true(is_valid_ether_addr(our_mac));
	assert_false(is_valid_ether_addr(zero));
	assert_false(is_valid_ether_addr(mcast));
	random_ether_addr(a);
	random_ether_addr(b);
	assert_true(is_valid_ether_addr(a));
	assert_true(a[0] & 0x02);
	assert_int_not_equal(compare_ether_addr(a, b), 0);
	assert_int_equal(compare_ether_addr(a, a), 0);
}

/* --- open, close, transmit -------------------------------------------- */

static void test_glue_open_calls_the_driver_and_sets_iff_up(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	assert_int_equal(dde_linux26_net_open("eth0"), 0);
	assert_int_equal(priv(dev)->opens, 1);
	assert_true(dev->flags & IFF_UP);
	assert_true(netif_running(dev));
	assert_int_equal(priv(dev)->mc_updates, 1);
	assert_int_equal(dde_linux26_net_open("eth0"), 0);
	assert_int_equal(priv(dev)->opens, 1);
	assert_int_equal(dde_linux26_net_open("eth5"), -ENODEV);
	assert_int_equal(dde_linux26_net_close("eth0"), 0);
	assert_int_equal(priv(dev)->stops, 1);
	assert_false(dev->flags & IFF_UP);
	fake_remove(dev);
}

static void
test_glue_xmit_hands_the_exact_bytes_to_hard_start_xmit(void **state)
{
	struct net_device *dev = fake_register();
	unsigned char buf[100];

	(void)state;
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_open(dev->name);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, sizeof(buf)), 0);
	assert_int_equal(priv(dev)->xmits, 1);
	assert_int_equal(priv(dev)->frame_len, sizeof(buf));
	assert_memory_equal(priv(dev)->frame, buf, sizeof(buf));
	fake_remove(dev);
}

static void test_glue_xmit_runs_the_driver_with_bottom_halves_off(void **state)
{
	struct net_device *dev = fake_register();
	unsigned char buf[60];

	(void)state;
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_open(dev->name);
	dde_linux26_net_xmit(dev, buf, sizeof(buf));
	assert_true(priv(dev)->xmit_in_softirq);
	assert_false(priv(dev)->xmit_irqs_off);
	assert_false(in_softirq());
	fake_remove(dev);
}

static void
test_glue_xmit_on_a_stopped_queue_is_ebusy_and_skips_the_driver(void **state)
{
	struct net_device *dev = fake_register();
	unsigned char buf[60];

	(void)state;
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_open(dev->name);
	netif_stop_queue(dev);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, sizeof(buf)), -EBUSY);
	assert_int_equal(priv(dev)->xmits, 0);
	netif_wake_queue(dev);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, sizeof(buf)), 0);
	assert_int_equal(priv(dev)->xmits, 1);
	fake_remove(dev);
}

static void test_glue_xmit_answered_netdev_tx_busy_is_ebusy(void **state)
{
	struct net_device *dev = fake_register();
	unsigned char buf[60];

	(void)state;
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_open(dev->name);
	priv(dev)->answer_busy = 1;
	assert_int_equal(dde_linux26_net_xmit(dev, buf, sizeof(buf)), -EBUSY);
	/* The refused skb was freed: teardown's leak check. */
	fake_remove(dev);
}

static void test_glue_xmit_refuses_down_devices_and_bad_lengths(void **state)
{
	struct net_device *dev = fake_register();
	static unsigned char buf[2000];

	(void)state;
	frame(buf, our_mac, ETH_P_IP, 60);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, 60), -ENETDOWN);
	dde_linux26_net_open(dev->name);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, 10), -EINVAL);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, 1515), -EMSGSIZE);
	assert_int_equal(dde_linux26_net_xmit(dev, buf, 1514), 0);
	assert_int_equal(priv(dev)->xmits, 1);
	fake_remove(dev);
}

static void test_unregister_netdev_stops_a_device_that_is_up(void **state)
{
	struct net_device *dev = fake_register();
	struct fake f;

	(void)state;
	dde_linux26_net_open(dev->name);
	unregister_netdev(dev);
	memcpy(&f, priv(dev), sizeof(f));
	assert_int_equal(f.stops, 1);
	assert_false(dev->flags & IFF_UP);
	assert_int_equal(dev->reg_state, NETREG_UNREGISTERED);
	assert_null(dde_linux26_net_find("eth0"));
	free_netdev(dev);
}

static void test_unregister_netdev_leaves_a_down_device_unstopped(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	unregister_netdev(dev);
	assert_int_equal(priv(dev)->stops, 0);
	free_netdev(dev);
}

static void
test_exit_takes_down_a_device_the_driver_left_registered(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	dde_linux26_net_open(dev->name);
	mock_console_capture(1);
	dde_linux26_exit();
	assert_non_null(strstr(mock_console_text(), "still registered"));
	assert_int_equal(priv(dev)->stops, 1);
	assert_int_equal(dev->reg_state, NETREG_UNREGISTERED);
	free_netdev(dev);
}

static void test_no_devices_are_listed_once_the_emulation_is_down(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	unregister_netdev(dev);
	free_netdev(dev);
	dde_linux26_exit();
	assert_int_equal(dde_linux26_net_devices(NULL, 0), 0);
	assert_null(dde_linux26_net_find("eth0"));
}

/* --- receive ---------------------------------------------------------- */

struct rx_log {
	int frames;
	int in_softirq, in_irq;
	unsigned char data[2048];
	size_t len;
	struct net_device *tag;
};

static void record_rx(const void *f, size_t len, void *arg)
{
	struct rx_log *log = arg;

	log->in_softirq = in_softirq();
	log->in_irq = in_irq();
	memcpy(log->data, f, len);
	log->len = len;
	__atomic_fetch_add(&log->frames, 1, __ATOMIC_SEQ_CST);
}

static int frames_seen(struct rx_log *log)
{
	return __atomic_load_n(&log->frames, __ATOMIC_SEQ_CST);
}

/* What a driver's interrupt handler does with a received frame. */
static void interrupt_receives(struct net_device *dev, const unsigned char *buf,
                               size_t len)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, (unsigned int)len + 2);
	unsigned long flags;

	skb_reserve(skb, 2);
	memcpy(skb_put(skb, (unsigned int)len), buf, len);
	local_irq_save(flags);
	skb->protocol = eth_type_trans(skb, dev);
	netif_rx(skb);
	local_irq_restore(flags);
}

static void
test_netif_rx_delivers_the_whole_frame_to_the_callback_in_softirq(void **state)
{
	struct net_device *dev = fake_register();
	static struct rx_log log;
	unsigned char buf[80];

	(void)state;
	memset(&log, 0, sizeof(log));
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_set_rx_callback(NULL, record_rx, &log);
	dde_linux26_net_open(dev->name);
	interrupt_receives(dev, buf, sizeof(buf));
	assert_true(l26_wait_for(frames_seen(&log) == 1));
	assert_int_equal(log.len, sizeof(buf));
	assert_memory_equal(log.data, buf, sizeof(buf));
	assert_true(log.in_softirq);
	assert_false(log.in_irq);
	dde_linux26_net_set_rx_callback(NULL, NULL, NULL);
	fake_remove(dev);
}

static void
test_a_device_callback_takes_its_frames_from_the_default_one(void **state)
{
	struct net_device *a = fake_register(), *b = fake_register();
	static struct rx_log def, own;
	unsigned char buf[60];

	(void)state;
	memset(&def, 0, sizeof(def));
	memset(&own, 0, sizeof(own));
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_set_rx_callback(NULL, record_rx, &def);
	dde_linux26_net_set_rx_callback(b, record_rx, &own);
	dde_linux26_net_open(a->name);
	dde_linux26_net_open(b->name);
	interrupt_receives(b, buf, sizeof(buf));
	interrupt_receives(a, buf, sizeof(buf));
	assert_true(l26_wait_for(frames_seen(&def) == 1));
	assert_true(l26_wait_for(frames_seen(&own) == 1));
	dde_linux26_net_set_rx_callback(NULL, NULL, NULL);
	fake_remove(a);
	fake_remove(b);
}

/* What a NAPI poll does: deliver at once. */
static void poll_receives(struct net_device *dev, const unsigned char *buf,
                          size_t len)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, (unsigned int)len);

	memcpy(skb_put(skb, (unsigned int)len), buf, len);
	skb->protocol = eth_type_trans(skb, dev);
	netif_receive_skb(skb);
}

static void test_frames_of_a_device_that_is_down_are_dropped(void **state)
{
	struct net_device *dev = fake_register();
	static struct rx_log log;
	unsigned char buf[60];

	(void)state;
	memset(&log, 0, sizeof(log));
	frame(buf, our_mac, ETH_P_IP, sizeof(buf));
	dde_linux26_net_set_rx_callback(dev, record_rx, &log);
	poll_receives(dev, buf, sizeof(buf));
	assert_int_equal(frames_seen(&log), 0);
	dde_linux26_net_open(dev->name);
	poll_receives(dev, buf, sizeof(buf));
	assert_int_equal(frames_seen(&log), 1);
	fake_remove(dev);
}

/* --- carrier, multicast, watchdog ------------------------------------- */

static void test_carrier_state_is_reported_by_netif_and_ethtool(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	assert_true(netif_carrier_ok(dev));
	netif_carrier_off(dev);
	assert_false(netif_carrier_ok(dev));
	assert_int_equal(ethtool_op_get_link(dev), 0);
	netif_carrier_on(dev);
	assert_true(netif_carrier_ok(dev));
	assert_int_equal(ethtool_op_get_link(dev), 1);
	fake_remove(dev);
}

static void test_device_detach_stops_the_queue_and_attach_wakes_it(void **state)
{
	struct net_device *dev = fake_register();

	(void)state;
	dde_linux26_net_open(dev->name);
	netif_device_detach(dev);
	assert_false(netif_device_present(dev));
	assert_true(netif_queue_stopped(dev));
	netif_device_attach(dev);
	assert_true(netif_device_present(dev));
	assert_false(netif_queue_stopped(dev));
	fake_remove(dev);
}

static void test_multicast_list_changes_reach_set_multicast_list(void **state)
{
	static u8 group[ETH_ALEN] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb};
	struct net_device *dev = fake_register();
	int before;

	(void)state;
	dde_linux26_net_open(dev->name);
	before = priv(dev)->mc_updates;
	assert_int_equal(dev_mc_add(dev, group, ETH_ALEN, 0), 0);
	assert_int_equal(dev->mc_count, 1);
	assert_memory_equal(dev->mc_list->dmi_addr, group, ETH_ALEN);
	assert_int_equal(priv(dev)->mc_updates, before + 1);
	assert_int_equal(dev_mc_delete(dev, group, ETH_ALEN, 0), 0);
	assert_int_equal(dev->mc_count, 0);
	assert_null(dev->mc_list);
	assert_int_equal(dev_mc_delete(dev, group, ETH_ALEN, 0), -ENOENT);
	fake_remove(dev);
}

static void
test_glue_promisc_sets_iff_promisc_and_tells_the_driver(void **state)
{
	struct net_device *dev = fake_register();
	int before;

	(void)state;
	dde_linux26_net_open(dev->name);
	before = priv(dev)->mc_updates;
	dde_linux26_net_set_promisc(dev, 1);
	assert_true(dev->flags & IFF_PROMISC);
	assert_int_equal(priv(dev)->mc_updates, before + 1);
	dde_linux26_net_set_promisc(dev, 0);
	assert_false(dev->flags & IFF_PROMISC);
	fake_remove(dev);
}

static void test_tx_timeout_runs_when_the_queue_stays_stopped(void **state)
{
	struct net_device *dev = fake_new();
	uint64_t t0;

	(void)state;
	dev->tx_timeout = fake_tx_timeout;
	dev->watchdog_timeo = 30;
	assert_int_equal(register_netdev(dev), 0);
	dde_linux26_net_open(dev->name);
	t0 = ddekit_clock_ns();
	/* As a driver's hard_start_xmit does it, under the transmit lock. */
	netif_tx_lock_bh(dev);
	dev->trans_start = jiffies;
	netif_stop_queue(dev);
	netif_tx_unlock_bh(dev);
	assert_true(l26_wait_for(
	    __atomic_load_n(&priv(dev)->tx_timeouts, __ATOMIC_SEQ_CST) >= 1));
	fixture_expect_elapsed(t0, 30 * 1000000ull);
	fake_remove(dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_alloc_etherdev_gives_zeroed_private_data_aligned_to_netdev_align),
	    L26(test_ether_setup_makes_a_1500_byte_broadcast_multicast_device),
	    L26(test_register_netdev_names_devices_eth0_then_eth1),
	    L26(test_register_netdev_reuses_the_lowest_free_number),
	    L26(test_register_netdev_refuses_a_taken_fixed_name),
	    L26(test_glue_lists_registered_devices_with_name_mac_and_flags),
	    L26(test_eth_type_trans_marks_a_frame_to_our_address_host),
	    L26(test_eth_type_trans_marks_the_all_ones_address_broadcast),
	    L26(test_eth_type_trans_marks_a_group_address_multicast),
	    L26(test_eth_type_trans_marks_another_unicast_address_otherhost),
	    L26(test_eth_type_trans_reports_802_2_for_a_length_field),
	    L26(test_ether_addr_helpers_accept_only_nonzero_unicast),
	    L26(test_glue_open_calls_the_driver_and_sets_iff_up),
	    L26(test_glue_xmit_hands_the_exact_bytes_to_hard_start_xmit),
	    L26(test_glue_xmit_runs_the_driver_with_bottom_halves_off),
	    L26(test_glue_xmit_on_a_stopped_queue_is_ebusy_and_skips_the_driver),
	    L26(test_glue_xmit_answered_netdev_tx_busy_is_ebusy),
	    L26(test_glue_xmit_refuses_down_devices_and_bad_lengths),
	    L26(test_unregister_netdev_stops_a_device_that_is_up),
	    L26(test_unregister_netdev_leaves_a_down_device_unstopped),
	    L26(test_exit_takes_down_a_device_the_driver_left_registered),
	    L26(test_no_devices_are_listed_once_the_emulation_is_down),
	    L26(test_netif_rx_delivers_the_whole_frame_to_the_callback_in_softirq),
	    L26(test_a_device_callback_takes_its_frames_from_the_default_one),
	    L26(test_frames_of_a_device_that_is_down_are_dropped),
	    L26(test_carrier_state_is_reported_by_netif_and_ethtool),
	    L26(test_device_detach_stops_the_queue_and_attach_wakes_it),
	    L26(test_multicast_list_changes_reach_set_multicast_list),
	    L26(test_glue_promisc_sets_iff_promisc_and_tells_the_driver),
	    L26(test_tx_timeout_runs_when_the_queue_stays_stopped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
