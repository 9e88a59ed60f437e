/*
 * netdev.c — net_device allocation, registration, open/close, carrier and
 * queue state, multicast lists, the transmit watchdog.
 */
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "net_internal.h"

LIST_HEAD(dde_linux26_net_devs);
DEFINE_MUTEX(dde_linux26_net_mutex);

static int last_ifindex;

#define PRIV_OFFSET                                                            \
	((sizeof(struct net_device) + NETDEV_ALIGN_CONST) & ~NETDEV_ALIGN_CONST)

static void dev_watchdog(unsigned long data);

struct net_device *alloc_netdev(int sizeof_priv, const char *name,
                                void (*setup)(struct net_device *))
{
	struct net_device *dev;

	if (sizeof_priv < 0)
		return NULL;
	/* kmalloc aligns blocks of 64 bytes or more to 64, so the private
	 * area at PRIV_OFFSET is NETDEV_ALIGN-aligned without padding. */
	dev = kzalloc(PRIV_OFFSET + (size_t)sizeof_priv, GFP_KERNEL);
	if (!dev)
		return NULL;
	strlcpy(dev->name, name, sizeof(dev->name));
	INIT_LIST_HEAD(&dev->dev_list);
	INIT_LIST_HEAD(&dev->napi_list);
	spin_lock_init(&dev->_xmit_lock);
	dev->xmit_lock_owner = -1;
	atomic_set(&dev->refcnt, 1);
	setup_timer(&dev->watchdog_timer, dev_watchdog, (unsigned long)dev);
	if (sizeof_priv)
		dev->priv = netdev_priv(dev);
	if (setup)
		setup(dev);
	return dev;
}

void free_netdev(struct net_device *dev)
{
	struct dev_addr_list *a, *next;

	if (!dev)
		return;
	BUG_ON(dev->reg_state == NETREG_REGISTERED);
	for (a = dev->mc_list; a; a = next) {
		next = a->next;
		kfree(a);
	}
	dev->reg_state = NETREG_RELEASED;
	kfree(dev);
}

struct net_device *dde_linux26_net_lookup(const char *name)
{
	struct net_device *d;

	list_for_each_entry(
	    d, &dde_linux26_net_devs,
	    dev_list) if (!strncmp(d->name, name, IFNAMSIZ)) return d;
	return NULL;
}

/* With the mutex held: the lowest free number for a "%d" pattern. */
static int alloc_name_locked(struct net_device *dev, const char *pattern)
{
	char buf[IFNAMSIZ];
	const char *p = strchr(pattern, '%');
	int i;

	if (!p || p[1] != 'd' || strchr(p + 2, '%'))
		return -EINVAL;
	for (i = 0; i < 32768; i++) {
		snprintf(buf, sizeof(buf), pattern, i);
		if (!dde_linux26_net_lookup(buf)) {
			strlcpy(dev->name, buf, sizeof(dev->name));
			return i;
		}
	}
	return -ENFILE;
}

int dev_alloc_name(struct net_device *dev, const char *name)
{
	int ret;

	mutex_lock(&dde_linux26_net_mutex);
	ret = alloc_name_locked(dev, name);
	mutex_unlock(&dde_linux26_net_mutex);
	return ret;
}

static struct net_device_stats *internal_stats(struct net_device *dev)
{
	return &dev->stats;
}

int register_netdev(struct net_device *dev)
{
	int ret = 0;

	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	if (dev->reg_state != NETREG_UNINITIALIZED) {
		ret = -EINVAL;
		goto out;
	}
	if (dev->init) {
		ret = dev->init(dev);
		if (ret)
			goto out;
	}
	if (!dev->name[0] || dev->name[0] == ' ')
		strlcpy(dev->name, "eth%d", sizeof(dev->name));
	if (strchr(dev->name, '%')) {
		ret = alloc_name_locked(dev, dev->name);
		if (ret < 0)
			goto out_uninit;
		ret = 0;
	} else if (dde_linux26_net_lookup(dev->name)) {
		ret = -EEXIST;
		goto out_uninit;
	}
	if (!dev->get_stats)
		dev->get_stats = internal_stats;
	dev->ifindex = ++last_ifindex;
	set_bit(__LINK_STATE_PRESENT, &dev->state);
	dev->reg_state = NETREG_REGISTERED;
	list_add_tail(&dev->dev_list, &dde_linux26_net_devs);
	goto out;

out_uninit:
	if (dev->uninit)
		dev->uninit(dev);
out:
	mutex_unlock(&dde_linux26_net_mutex);
	return ret;
}

void unregister_netdev(struct net_device *dev)
{
	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	if (dev->reg_state != NETREG_REGISTERED) {
		WARN_ON(1);
		goto out;
	}
	dev->reg_state = NETREG_UNREGISTERING;
	dde_linux26_dev_close_locked(dev);
	list_del_init(&dev->dev_list);
	dde_linux26_net_flush_backlog(dev);
	dde_linux26_net_forget(dev);
	if (dev->uninit)
		dev->uninit(dev);
	dev->reg_state = NETREG_UNREGISTERED;
out:
	mutex_unlock(&dde_linux26_net_mutex);
}

/* --- open / close ------------------------------------------------------ */

static void watchdog_up(struct net_device *dev)
{
	if (!dev->tx_timeout)
		return;
	if (dev->watchdog_timeo <= 0)
		dev->watchdog_timeo = 5 * HZ;
	mod_timer(&dev->watchdog_timer,
	          jiffies + (unsigned long)dev->watchdog_timeo);
}

/* Softirq: a queue stopped longer than watchdog_timeo means a hung
 * transmitter; the driver's tx_timeout resets it. */
static void dev_watchdog(unsigned long data)
{
	struct net_device *dev = (struct net_device *)data;

	netif_tx_lock(dev);
	if (netif_device_present(dev) && netif_running(dev) &&
	    netif_carrier_ok(dev)) {
		if (netif_queue_stopped(dev) &&
		    time_after(jiffies,
		               dev->trans_start +
		                   (unsigned long)dev->watchdog_timeo)) {
			printk(KERN_INFO "NETDEV WATCHDOG: %s: transmit timed "
			                 "out\n",
			       dev->name);
			dev->tx_timeout(dev);
		}
		mod_timer(&dev->watchdog_timer,
		          jiffies + (unsigned long)dev->watchdog_timeo);
	}
	netif_tx_unlock(dev);
}

int dde_linux26_dev_open_locked(struct net_device *dev)
{
	int ret = 0;

	if (dev->flags & IFF_UP)
		return 0;
	if (!netif_device_present(dev))
		return -ENODEV;
	set_bit(__LINK_STATE_START, &dev->state);
	if (dev->open)
		ret = dev->open(dev);
	if (ret) {
		clear_bit(__LINK_STATE_START, &dev->state);
		return ret;
	}
	dev->flags |= IFF_UP;
	dev_mc_upload(dev);
	watchdog_up(dev);
	return 0;
}

void dde_linux26_dev_close_locked(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP))
		return;
	clear_bit(__LINK_STATE_START, &dev->state);
	del_timer_sync(&dev->watchdog_timer);
	if (dev->stop)
		dev->stop(dev);
	dev->flags &= ~IFF_UP;
}

int dev_open(struct net_device *dev)
{
	int ret;

	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	ret = dde_linux26_dev_open_locked(dev);
	mutex_unlock(&dde_linux26_net_mutex);
	return ret;
}

int dev_close(struct net_device *dev)
{
	might_sleep();
	mutex_lock(&dde_linux26_net_mutex);
	dde_linux26_dev_close_locked(dev);
	mutex_unlock(&dde_linux26_net_mutex);
	return 0;
}

/* --- carrier, presence ------------------------------------------------- */

void netif_carrier_on(struct net_device *dev)
{
	if (test_and_clear_bit(__LINK_STATE_NOCARRIER, &dev->state) &&
	    netif_running(dev))
		watchdog_up(dev);
}

void netif_carrier_off(struct net_device *dev)
{
	set_bit(__LINK_STATE_NOCARRIER, &dev->state);
}

void netif_device_detach(struct net_device *dev)
{
	if (test_and_clear_bit(__LINK_STATE_PRESENT, &dev->state) &&
	    netif_running(dev))
		netif_stop_queue(dev);
}

void netif_device_attach(struct net_device *dev)
{
	if (!test_and_set_bit(__LINK_STATE_PRESENT, &dev->state) &&
	    netif_running(dev)) {
		netif_wake_queue(dev);
		watchdog_up(dev);
	}
}

/* --- multicast and promiscuity ---------------------------------------- */

static void set_rx_mode_locked(struct net_device *dev)
{
	if (!(dev->flags & IFF_UP) || !netif_device_present(dev))
		return;
	if (dev->set_multicast_list)
		dev->set_multicast_list(dev);
}

void dev_mc_upload(struct net_device *dev)
{
	netif_tx_lock_bh(dev);
	set_rx_mode_locked(dev);
	netif_tx_unlock_bh(dev);
}

static struct dev_addr_list **mc_find(struct net_device *dev, const void *addr,
                                      int alen)
{
	struct dev_addr_list **pp;

	for (pp = &dev->mc_list; *pp; pp = &(*pp)->next)
		if ((*pp)->da_addrlen == alen &&
		    !memcmp((*pp)->da_addr, addr, (size_t)alen))
			return pp;
	return NULL;
}

int dev_mc_add(struct net_device *dev, void *addr, int alen, int glbl)
{
	struct dev_addr_list *a, **pp;
	int ret = 0;

	if (alen <= 0 || alen > MAX_ADDR_LEN)
		return -EINVAL;
	a = kzalloc(sizeof(*a), GFP_ATOMIC);
	netif_tx_lock_bh(dev);
	pp = mc_find(dev, addr, alen);
	if (pp) {
		if (glbl && (*pp)->da_gusers) {
			ret = 0;
		} else {
			(*pp)->da_users++;
			if (glbl)
				(*pp)->da_gusers = 1;
		}
		goto out;
	}
	if (!a) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(a->da_addr, addr, (size_t)alen);
	a->da_addrlen = (u8)alen;
	a->da_users = 1;
	a->da_gusers = !!glbl;
	a->next = dev->mc_list;
	dev->mc_list = a;
	dev->mc_count++;
	a = NULL;
	set_rx_mode_locked(dev);
out:
	netif_tx_unlock_bh(dev);
	kfree(a);
	return ret;
}

int dev_mc_delete(struct net_device *dev, void *addr, int alen, int glbl)
{
	struct dev_addr_list *a = NULL, **pp;
	int ret = -ENOENT;

	netif_tx_lock_bh(dev);
	pp = mc_find(dev, addr, alen);
	if (!pp)
		goto out;
	ret = 0;
	if (glbl) {
		if (!(*pp)->da_gusers)
			goto out;
		(*pp)->da_gusers = 0;
	}
	if (--(*pp)->da_users > 0)
		goto out;
	a = *pp;
	*pp = a->next;
	dev->mc_count--;
	set_rx_mode_locked(dev);
out:
	netif_tx_unlock_bh(dev);
	kfree(a);
	return ret;
}

static void adjust_flag(struct net_device *dev, int *count, int inc,
                        unsigned int flag)
{
	unsigned int old;

	netif_tx_lock_bh(dev);
	old = dev->flags;
	*count += inc;
	if (*count < 0)
		*count = 0;
	if (*count)
		dev->flags |= flag;
	else
		dev->flags &= ~flag;
	if (dev->flags != old)
		set_rx_mode_locked(dev);
	netif_tx_unlock_bh(dev);
}

void dev_set_promiscuity(struct net_device *dev, int inc)
{
	adjust_flag(dev, &dev->promiscuity, inc, IFF_PROMISC);
}

void dev_set_allmulti(struct net_device *dev, int inc)
{
	adjust_flag(dev, &dev->allmulti, inc, IFF_ALLMULTI);
}
