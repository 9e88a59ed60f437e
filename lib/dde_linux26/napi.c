/*
 * napi.c — NAPI contexts, the netif_rx() backlog, and net_rx_action, the
 * NET_RX softirq.
 *
 * net_rx_action is a tasklet: it runs on the softirq thread in softirq
 * context, serialized with every other softirq by the bh exclusion, which
 * is what raising NET_RX_SOFTIRQ gives on a uniprocessor. The poll list
 * and the backlog queue are guarded by turning interrupts off, which here
 * is an environment-wide exclusion (linux/irqflags.h), as a per-CPU list
 * with interrupts off is in Linux.
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>

#include "net_internal.h"

int netdev_budget = 300;
int netdev_max_backlog = 1000;

static LIST_HEAD(poll_list);

static void net_rx_action(unsigned long unused);
static DECLARE_TASKLET(net_rx_softirq, net_rx_action, 0);

static struct sk_buff_head backlog = {
    .next = (struct sk_buff *)&backlog,
    .prev = (struct sk_buff *)&backlog,
};

static int process_backlog(struct napi_struct *n, int quota);
static struct napi_struct backlog_napi = {
    .poll_list = LIST_HEAD_INIT(backlog_napi.poll_list),
    .weight = 64,
    .poll = process_backlog,
};

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
                    int (*poll)(struct napi_struct *, int), int weight)
{
	INIT_LIST_HEAD(&napi->poll_list);
	napi->state = 0;
	napi->poll = poll;
	napi->weight = weight;
	napi->dev = dev;
	list_add(&napi->dev_list, &dev->napi_list);
	/* Disabled until the driver's open() calls napi_enable(). */
	set_bit(NAPI_STATE_SCHED, &napi->state);
}

void __napi_schedule(struct napi_struct *n)
{
	unsigned long flags;

	local_irq_save(flags);
	list_add_tail(&n->poll_list, &poll_list);
	local_irq_restore(flags);
	tasklet_schedule(&net_rx_softirq);
}

void __napi_complete(struct napi_struct *n)
{
	BUG_ON(!test_bit(NAPI_STATE_SCHED, &n->state));
	list_del_init(&n->poll_list);
	smp_mb();
	clear_bit(NAPI_STATE_SCHED, &n->state);
}

void napi_complete(struct napi_struct *n)
{
	unsigned long flags;

	local_irq_save(flags);
	__napi_complete(n);
	local_irq_restore(flags);
}

void napi_disable(struct napi_struct *n)
{
	might_sleep();
	set_bit(NAPI_STATE_DISABLE, &n->state);
	while (test_and_set_bit(NAPI_STATE_SCHED, &n->state))
		msleep(1);
	clear_bit(NAPI_STATE_DISABLE, &n->state);
}

void napi_enable(struct napi_struct *n)
{
	BUG_ON(!test_bit(NAPI_STATE_SCHED, &n->state));
	smp_mb();
	clear_bit(NAPI_STATE_SCHED, &n->state);
}

void napi_synchronize(const struct napi_struct *n)
{
	might_sleep();
	while (test_bit(NAPI_STATE_SCHED, &n->state))
		msleep(1);
}

static void net_rx_action(unsigned long unused)
{
	unsigned long start = jiffies;
	int budget = netdev_budget;
	unsigned long flags;

	(void)unused;
	local_irq_save(flags);
	while (!list_empty(&poll_list)) {
		struct napi_struct *n;
		int work = 0, weight;

		/* Out of budget or time: raise NET_RX again so that other
		 * softirqs get their turn first. */
		if (budget <= 0 || time_after(jiffies, start + 1)) {
			local_irq_restore(flags);
			tasklet_schedule(&net_rx_softirq);
			return;
		}
		/* n stays on the list while it polls: only its owner (the one
		 * who set NAPI_STATE_SCHED) takes it off, by completing. */
		n = list_first_entry(&poll_list, struct napi_struct, poll_list);
		local_irq_restore(flags);

		weight = n->weight;
		if (test_bit(NAPI_STATE_SCHED, &n->state))
			work = n->poll(n, weight);
		WARN_ON_ONCE(work > weight);
		budget -= work;

		local_irq_save(flags);
		/* A poll that used its whole weight was not completed (or was
		 * completed and already rescheduled): poll it again later,
		 * unless napi_disable() waits for it. */
		if (work >= weight && !list_empty(&n->poll_list)) {
			if (napi_disable_pending(n))
				__napi_complete(n);
			else
				list_move_tail(&n->poll_list, &poll_list);
		}
	}
	local_irq_restore(flags);
}

static int process_backlog(struct napi_struct *n, int quota)
{
	struct sk_buff *skb;
	unsigned long flags;
	int work = 0;

	while (work < quota) {
		local_irq_save(flags);
		skb = __skb_dequeue(&backlog);
		if (!skb) {
			__napi_complete(n);
			local_irq_restore(flags);
			break;
		}
		local_irq_restore(flags);
		netif_receive_skb(skb);
		work++;
	}
	return work;
}

int netif_rx(struct sk_buff *skb)
{
	unsigned long flags;

	local_irq_save(flags);
	if (skb_queue_len(&backlog) >= (__u32)netdev_max_backlog) {
		local_irq_restore(flags);
		if (skb->dev)
			skb->dev->stats.rx_dropped++;
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	__skb_queue_tail(&backlog, skb);
	napi_schedule(&backlog_napi);
	local_irq_restore(flags);
	return NET_RX_SUCCESS;
}

int netif_receive_skb(struct sk_buff *skb)
{
	int ret;

	/* Not allowed in Linux; queueing keeps the callback in softirq
	 * context rather than running it inside the handler. */
	if (WARN_ON_ONCE(in_irq()))
		return netif_rx(skb);
	local_bh_disable();
	ret = dde_linux26_net_deliver(skb);
	local_bh_enable();
	return ret;
}

void dde_linux26_net_flush_backlog(struct net_device *dev)
{
	struct sk_buff_head dropped;
	struct sk_buff *skb, *tmp;
	unsigned long flags;

	skb_queue_head_init(&dropped);
	local_irq_save(flags);
	skb_queue_walk_safe(&backlog, skb, tmp)
	{
		if (skb->dev == dev) {
			__skb_unlink(skb, &backlog);
			__skb_queue_tail(&dropped, skb);
		}
	}
	local_irq_restore(flags);
	__skb_queue_purge(&dropped);
}
