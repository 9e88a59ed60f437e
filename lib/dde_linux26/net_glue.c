/*
 * net_glue.c — the server's side of the network devices: listing, open,
 * close, transmit, and the receive callbacks.
 */
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/string.h>

#include "dde_linux26_net.h"
#include "internal.h"
#include "net_internal.h"

/* The default callback; guarded, like the per-device ones, by bh off. */
static dde_linux26_net_rx_fn default_rx;
static void *default_rx_arg;

int dde_linux26_net_devices(struct dde_linux26_net_info *out, int max)
{
	struct net_device *dev;
	int n = 0;

	/* Down, the emulation has no devices (exit unregistered them). */
	if (!dde_linux26_env.up)
		return 0;
	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	list_for_each_entry(dev, &dde_linux26_net_devs, dev_list)
	{
		if (n < max) {
			struct dde_linux26_net_info *i = &out[n];

			memset(i, 0, sizeof(*i));
			strlcpy(i->name, dev->name, sizeof(i->name));
			memcpy(i->mac, dev->dev_addr, sizeof(i->mac));
			i->flags = dev->flags;
			i->ifindex = dev->ifindex;
			i->mtu = dev->mtu;
			i->carrier = netif_carrier_ok(dev);
			i->dev = dev;
		}
		n++;
	}
	mutex_unlock(&dde_linux26_net_mutex);
	return n;
}

struct net_device *dde_linux26_net_find(const char *name)
{
	struct net_device *dev;

	if (!dde_linux26_env.up)
		return NULL;
	mutex_lock(&dde_linux26_net_mutex);
	dev = dde_linux26_net_lookup(name);
	mutex_unlock(&dde_linux26_net_mutex);
	return dev;
}

int dde_linux26_net_open(const char *name)
{
	struct net_device *dev;
	int ret = -ENODEV;

	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	dev = dde_linux26_net_lookup(name);
	if (dev)
		ret = dde_linux26_dev_open_locked(dev);
	mutex_unlock(&dde_linux26_net_mutex);
	return ret;
}

int dde_linux26_net_close(const char *name)
{
	struct net_device *dev;
	int ret = -ENODEV;

	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	dev = dde_linux26_net_lookup(name);
	if (dev) {
		dde_linux26_dev_close_locked(dev);
		ret = 0;
	}
	mutex_unlock(&dde_linux26_net_mutex);
	return ret;
}

static struct sk_buff *frame_skb(struct net_device *dev, const void *frame,
                                 size_t len)
{
	const struct ethhdr *eth = frame;
	struct sk_buff *skb;

	skb = alloc_skb((unsigned int)len + NET_SKB_PAD, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, NET_SKB_PAD);
	memcpy(skb_put(skb, (unsigned int)len), frame, len);
	skb->dev = dev;
	skb->protocol = eth->h_proto;
	skb->ip_summed = CHECKSUM_NONE;
	skb->pkt_type = PACKET_OUTGOING;
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN);
	return skb;
}

int dde_linux26_net_xmit(struct net_device *dev, const void *frame, size_t len)
{
	struct sk_buff *skb;
	int lltx, ret = -EBUSY;

	might_sleep();
	if (!dev || !frame || len < ETH_HLEN)
		return -EINVAL;
	if (len > (size_t)dev->mtu + dev->hard_header_len)
		return -EMSGSIZE;
	if (!netif_running(dev))
		return -ENETDOWN;
	skb = frame_skb(dev, frame, len);
	if (!skb)
		return -ENOMEM;

	lltx = (dev->features & NETIF_F_LLTX) != 0;
	local_bh_disable();
	if (!lltx)
		spin_lock(&dev->_xmit_lock);
	if (!netif_queue_stopped(dev) && netif_device_present(dev)) {
		/* NETDEV_TX_OK means the driver owns the skb now; BUSY and
		 * LOCKED hand it back. */
		if (dev->hard_start_xmit(skb, dev) == NETDEV_TX_OK) {
			skb = NULL;
			ret = 0;
		}
	}
	if (!lltx)
		spin_unlock(&dev->_xmit_lock);
	local_bh_enable();
	kfree_skb(skb);
	return ret;
}

int dde_linux26_net_deliver(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	dde_linux26_net_rx_fn fn = default_rx;
	void *arg = default_rx_arg;
	unsigned char *start;

	if (!dev || !netif_running(dev)) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	if (dev->dde.rx) {
		fn = dev->dde.rx;
		arg = dev->dde.rx_arg;
	}
	start = skb_mac_header_was_set(skb) ? skb_mac_header(skb) : skb->data;
	if (fn)
		fn(start, (size_t)(skb_tail_pointer(skb) - start), arg);
	kfree_skb(skb);
	return fn ? NET_RX_SUCCESS : NET_RX_DROP;
}

void dde_linux26_net_set_rx_callback(struct net_device *dev,
                                     dde_linux26_net_rx_fn fn, void *arg)
{
	/* Bottom halves off excludes every delivery (they run with it), so
	 * the old callback is not running once this returns. */
	local_bh_disable();
	if (dev) {
		dev->dde.rx = fn;
		dev->dde.rx_arg = fn ? arg : NULL;
	} else {
		default_rx = fn;
		default_rx_arg = fn ? arg : NULL;
	}
	local_bh_enable();
}

void dde_linux26_net_forget(struct net_device *dev)
{
	dde_linux26_net_set_rx_callback(dev, NULL, NULL);
}

void dde_linux26_net_set_promisc(struct net_device *dev, int on)
{
	dev_set_promiscuity(dev, on ? 1 : -1);
}

void dde_linux26_net_exit(void)
{
	struct net_device *dev;

	for (;;) {
		mutex_lock(&dde_linux26_net_mutex);
		dev = list_empty(&dde_linux26_net_devs)
		          ? NULL
		          : list_first_entry(&dde_linux26_net_devs,
		                             struct net_device, dev_list);
		mutex_unlock(&dde_linux26_net_mutex);
		if (!dev)
			break;
		printk(KERN_WARNING "dde_linux26: %s still registered at exit, "
		                    "unregistering it\n",
		       dev->name);
		unregister_netdev(dev);
	}
	dde_linux26_net_set_rx_callback(NULL, NULL, NULL);
}
