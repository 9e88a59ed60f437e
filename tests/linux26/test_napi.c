/*
 * test_napi.c — NAPI in its 2.6.24 form: polls in the NET_RX softirq with
 * the weight as budget, re-polled while they use it all, quiet after
 * netif_rx_complete(), napi_disable() waiting for a running poll.
 *
 * The fake driver's "interrupt" is netif_rx_schedule() called with
 * interrupts off (or from a tasklet); its poll hands `pending` frames to
 * netif_receive_skb(), at most `budget` per call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>

#include "dde_linux26_net.h"
#include "l26_fixture.h"

#define MAX_POLLS 64

struct nic {
	struct net_device *dev;
	struct napi_struct napi;
	int pending; /* frames the "hardware" still holds */
	int polls;   /* poll calls so far */
	int budgets[MAX_POLLS];
	int poll_in_softirq; /* every poll ran in softirq, not hardirq */
	int busy_ms;         /* a poll busy-waits this long */
	int in_poll;
	struct tasklet_struct *kick; /* scheduled from the first poll */
};

static const u8 mac[ETH_ALEN] = {0x02, 0, 0, 0, 0, 0x42};

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static void receive_one(struct nic *n)
{
	struct sk_buff *skb = netdev_alloc_skb(n->dev, 64);
	unsigned char *p = skb_put(skb, 60);

	memset(p, 0, 60);
	memcpy(p, mac, ETH_ALEN);
	p[12] = 0x08;
	skb->protocol = eth_type_trans(skb, n->dev);
	netif_receive_skb(skb);
}

static int nic_poll(struct napi_struct *napi, int budget)
{
	struct nic *n = container_of(napi, struct nic, napi);
	int polls = load(&n->polls), done = 0;

	if (polls < MAX_POLLS)
		n->budgets[polls] = budget;
	if (!in_softirq() || in_irq())
		n->poll_in_softirq = 0;
	if (n->kick && polls == 0)
		tasklet_schedule(n->kick);
	if (n->busy_ms) {
		store(&n->in_poll, 1);
		mdelay((unsigned long)n->busy_ms);
		store(&n->in_poll, 0);
	}
	while (done < budget && load(&n->pending) > 0) {
		receive_one(n);
		__atomic_fetch_sub(&n->pending, 1, __ATOMIC_SEQ_CST);
		done++;
	}
	if (done < budget)
		netif_rx_complete(n->dev, napi);
	store(&n->polls, polls + 1);
	return done;
}

static int nic_open(struct net_device *dev)
{
	struct nic *n = *(struct nic **)netdev_priv(dev);

	napi_enable(&n->napi);
	netif_start_queue(dev);
	return 0;
}

static int nic_stop(struct net_device *dev)
{
	struct nic *n = *(struct nic **)netdev_priv(dev);

	netif_stop_queue(dev);
	napi_disable(&n->napi);
	return 0;
}

static int nic_xmit(struct sk_buff *skb, struct net_device *dev)
{
	(void)dev;
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int frames;

static void count_frame(const void *f, size_t len, void *arg)
{
	(void)f;
	(void)len;
	(void)arg;
	__atomic_fetch_add(&frames, 1, __ATOMIC_SEQ_CST);
}

static void nic_up(struct nic *n, int weight)
{
	memset(n, 0, sizeof(*n));
	n->poll_in_softirq = 1;
	n->dev = alloc_etherdev(sizeof(struct nic *));
	assert_non_null(n->dev);
	*(struct nic **)netdev_priv(n->dev) = n;
	memcpy(n->dev->dev_addr, mac, ETH_ALEN);
	n->dev->open = nic_open;
	n->dev->stop = nic_stop;
	n->dev->hard_start_xmit = nic_xmit;
	netif_napi_add(n->dev, &n->napi, nic_poll, weight);
	assert_int_equal(register_netdev(n->dev), 0);
	store(&frames, 0);
	dde_linux26_net_set_rx_callback(NULL, count_frame, NULL);
	assert_int_equal(dde_linux26_net_open(n->dev->name), 0);
}

static void nic_down(struct nic *n)
{
	dde_linux26_net_set_rx_callback(NULL, NULL, NULL);
	unregister_netdev(n->dev);
	free_netdev(n->dev);
}

/* The interrupt handler's part: frames arrived, schedule the poll. */
static void nic_interrupt(struct nic *n, int arrived)
{
	unsigned long flags;

	local_irq_save(flags);
	__atomic_fetch_add(&n->pending, arrived, __ATOMIC_SEQ_CST);
	if (netif_rx_schedule_prep(n->dev, &n->napi))
		__netif_rx_schedule(n->dev, &n->napi);
	local_irq_restore(flags);
}

static void test_poll_runs_in_softirq_with_the_weight_as_budget(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 16);
	nic_interrupt(&n, 3);
	assert_true(l26_wait_for(load(&frames) == 3));
	assert_true(l26_wait_for(load(&n.polls) == 1));
	assert_int_equal(n.budgets[0], 16);
	assert_true(n.poll_in_softirq);
	nic_down(&n);
}

static void test_poll_is_repeated_while_it_uses_its_whole_budget(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 16);
	nic_interrupt(&n, 40);
	assert_true(l26_wait_for(load(&frames) == 40));
	assert_true(l26_wait_for(load(&n.polls) == 3));
	assert_int_equal(n.budgets[0], 16);
	assert_int_equal(n.budgets[1], 16);
	assert_int_equal(n.budgets[2], 16);
	ddekit_thread_msleep(20);
	assert_int_equal(load(&n.polls), 3);
	nic_down(&n);
}

static void test_no_poll_after_netif_rx_complete_until_rescheduled(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 8);
	nic_interrupt(&n, 1);
	assert_true(l26_wait_for(load(&n.polls) == 1));
	ddekit_thread_msleep(30);
	assert_int_equal(load(&n.polls), 1);
	assert_false(test_bit(NAPI_STATE_SCHED, &n.napi.state));
	nic_interrupt(&n, 1);
	assert_true(l26_wait_for(load(&n.polls) == 2));
	assert_true(l26_wait_for(load(&frames) == 2));
	nic_down(&n);
}

static void test_schedule_is_refused_while_napi_is_disabled(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 8);
	napi_disable(&n.napi);
	assert_false(netif_rx_schedule_prep(n.dev, &n.napi));
	nic_interrupt(&n, 1);
	ddekit_thread_msleep(30);
	assert_int_equal(load(&n.polls), 0);
	napi_enable(&n.napi);
	nic_interrupt(&n, 0);
	assert_true(l26_wait_for(load(&n.polls) == 1));
	assert_int_equal(load(&frames), 1);
	nic_down(&n);
}

static void test_napi_disable_waits_for_a_running_poll(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 8);
	n.busy_ms = 60;
	nic_interrupt(&n, 1);
	assert_true(l26_wait_for(load(&n.in_poll) == 1));
	napi_disable(&n.napi);
	assert_int_equal(load(&n.in_poll), 0);
	assert_int_equal(load(&n.polls), 1);
	napi_enable(&n.napi);
	nic_down(&n);
}

static struct nic *tasklet_nic;

static void irq_tasklet(unsigned long data)
{
	(void)data;
	netif_rx_schedule(tasklet_nic->dev, &tasklet_nic->napi);
}

static void test_a_poll_scheduled_from_a_tasklet_runs(void **state)
{
	static struct nic n;
	struct tasklet_struct t;

	(void)state;
	nic_up(&n, 8);
	tasklet_nic = &n;
	store(&n.pending, 2);
	tasklet_init(&t, irq_tasklet, 0);
	tasklet_schedule(&t);
	assert_true(l26_wait_for(load(&frames) == 2));
	tasklet_kill(&t);
	nic_down(&n);
}

static int polls_when_kicked = -1;
static struct nic *kicked_nic;

static void kick(unsigned long data)
{
	(void)data;
	store(&polls_when_kicked, load(&kicked_nic->polls));
}

static void
test_net_rx_action_lets_other_softirqs_run_after_netdev_budget(void **state)
{
	static struct nic n;
	struct tasklet_struct t;
	int saved = netdev_budget;

	(void)state;
	nic_up(&n, 16);
	kicked_nic = &n;
	store(&polls_when_kicked, -1);
	tasklet_init(&t, kick, 0);
	n.kick = &t;
	netdev_budget = 16;
	nic_interrupt(&n, 64);
	assert_true(l26_wait_for(load(&frames) == 64));
	tasklet_kill(&t);
	netdev_budget = saved;
	/* Queued by the first poll, it ran before the second. */
	assert_int_equal(load(&polls_when_kicked), 1);
	nic_down(&n);
}

static void test_unregister_of_an_up_device_disables_its_napi(void **state)
{
	static struct nic n;

	(void)state;
	nic_up(&n, 8);
	nic_down(&n);
	assert_true(test_bit(NAPI_STATE_SCHED, &n.napi.state));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_poll_runs_in_softirq_with_the_weight_as_budget),
	    L26(test_poll_is_repeated_while_it_uses_its_whole_budget),
	    L26(test_no_poll_after_netif_rx_complete_until_rescheduled),
	    L26(test_schedule_is_refused_while_napi_is_disabled),
	    L26(test_napi_disable_waits_for_a_running_poll),
	    L26(test_a_poll_scheduled_from_a_tasklet_runs),
	    L26(test_net_rx_action_lets_other_softirqs_run_after_netdev_budget),
	    L26(test_unregister_of_an_up_device_disables_its_napi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
