/*
 * linux/netdevice.h — network devices and NAPI (libdde emulation of Linux
 * 2.6.24).
 *
 * struct net_device keeps the 2.6.24 field names and operation pointers
 * drivers use. register_netdev() picks the lowest free "eth%d"-style name.
 * Transmission comes only from the server glue (dde_linux26_net.h), which
 * calls hard_start_xmit in process context with bottom halves off and the
 * device's _xmit_lock held (unless NETIF_F_LLTX), as the 2.6.24 queue
 * layer does. Received frames (netif_rx(), netif_receive_skb()) go to the
 * glue's receive callback in softirq context.
 *
 * NAPI is the 2.6.24 form: netif_napi_add(dev, napi, poll, weight),
 * netif_rx_schedule(dev, napi), netif_rx_complete(dev, napi), and the
 * napi_schedule()/napi_complete() spellings 2.6.24 has beside them. Polls
 * run from net_rx_action, the NET_RX softirq, on the softirq thread; it
 * gives a poll at most its weight, re-polls a NAPI context that used its
 * whole weight, and lets other softirqs run after netdev_budget packets.
 * netif_rx() queues to a backlog polled the same way.
 *
 * SET_NETDEV_DEV() only records the parent (no sysfs); dev->dev is not an
 * embedded struct device here.
 * Knowingly missing: qdiscs and dev_queue_xmit() (frames come from the
 * glue), multiqueue, netpoll, header_ops, VLAN acceleration hooks beyond
 * the pointers, secondary unicast addresses, dev_get_by_name()/dev_put()
 * reference counting, rtnl_lock(), notifier chains, sysfs.
 */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/irqflags.h>
#include <linux/bitops.h>
#include <asm/atomic.h>

struct device;
struct ethtool_ops;
struct vlan_group;
struct header_ops;

#define MAX_ADDR_LEN 32

#define NETDEV_TX_OK     0
#define NETDEV_TX_BUSY   1
#define NETDEV_TX_LOCKED -1

#define NET_XMIT_SUCCESS 0
#define NET_XMIT_DROP    1

#define NET_RX_SUCCESS 0
#define NET_RX_DROP    1

#define NETDEV_ALIGN       32
#define NETDEV_ALIGN_CONST (NETDEV_ALIGN - 1)

#define ARPHRD_ETHER 1

struct net_device_stats {
	unsigned long rx_packets;
	unsigned long tx_packets;
	unsigned long rx_bytes;
	unsigned long tx_bytes;
	unsigned long rx_errors;
	unsigned long tx_errors;
	unsigned long rx_dropped;
	unsigned long tx_dropped;
	unsigned long multicast;
	unsigned long collisions;
	unsigned long rx_length_errors;
	unsigned long rx_over_errors;
	unsigned long rx_crc_errors;
	unsigned long rx_frame_errors;
	unsigned long rx_fifo_errors;
	unsigned long rx_missed_errors;
	unsigned long tx_aborted_errors;
	unsigned long tx_carrier_errors;
	unsigned long tx_fifo_errors;
	unsigned long tx_heartbeat_errors;
	unsigned long tx_window_errors;
	unsigned long rx_compressed;
	unsigned long tx_compressed;
};

/* Multicast list entries; 2.6.24 spells them through these aliases. */
struct dev_addr_list {
	struct dev_addr_list *next;
	u8 da_addr[MAX_ADDR_LEN];
	u8 da_addrlen;
	u8 da_synced;
	int da_users;
	int da_gusers;
};

#define dev_mc_list dev_addr_list
#define dmi_addr    da_addr
#define dmi_addrlen da_addrlen
#define dmi_users   da_users
#define dmi_gusers  da_gusers

enum netdev_state_t {
	__LINK_STATE_XOFF = 0,
	__LINK_STATE_START,
	__LINK_STATE_PRESENT,
	__LINK_STATE_SCHED,
	__LINK_STATE_NOCARRIER,
	__LINK_STATE_LINKWATCH_PENDING,
	__LINK_STATE_DORMANT,
	__LINK_STATE_QDISC_RUNNING,
};

struct napi_struct {
	struct list_head poll_list;
	unsigned long state;
	int weight;
	int (*poll)(struct napi_struct *, int);
	struct net_device *dev;
	struct list_head dev_list;
};

enum {
	NAPI_STATE_SCHED,   /* scheduled or running, or disabled */
	NAPI_STATE_DISABLE, /* napi_disable() waiting */
};

#define NETIF_F_SG              1
#define NETIF_F_IP_CSUM         2
#define NETIF_F_NO_CSUM         4
#define NETIF_F_HW_CSUM         8
#define NETIF_F_IPV6_CSUM       16
#define NETIF_F_HIGHDMA         32
#define NETIF_F_FRAGLIST        64
#define NETIF_F_HW_VLAN_TX      128
#define NETIF_F_HW_VLAN_RX      256
#define NETIF_F_HW_VLAN_FILTER  512
#define NETIF_F_VLAN_CHALLENGED 1024
#define NETIF_F_GSO             2048
#define NETIF_F_LLTX            4096
#define NETIF_F_GSO_SHIFT       16
#define NETIF_F_TSO             (SKB_GSO_TCPV4 << NETIF_F_GSO_SHIFT)
#define NETIF_F_UFO             (SKB_GSO_UDP << NETIF_F_GSO_SHIFT)
#define NETIF_F_TSO_ECN         (SKB_GSO_TCP_ECN << NETIF_F_GSO_SHIFT)
#define NETIF_F_TSO6            (SKB_GSO_TCPV6 << NETIF_F_GSO_SHIFT)

struct net_device {
	char name[IFNAMSIZ];
	unsigned long mem_end;
	unsigned long mem_start;
	unsigned long base_addr;
	unsigned int irq;
	unsigned char if_port;
	unsigned char dma;
	unsigned long state;
	struct list_head dev_list;
	struct list_head napi_list;
	int (*init)(struct net_device *dev);
	unsigned long features;
	int ifindex;
	int iflink;

	struct net_device_stats *(*get_stats)(struct net_device *dev);
	struct net_device_stats stats;
	const struct ethtool_ops *ethtool_ops;
	const struct header_ops *header_ops;

	unsigned int flags;
	unsigned short gflags;
	unsigned short priv_flags;
	unsigned short padded;
	unsigned char operstate;
	unsigned char link_mode;
	unsigned mtu;
	unsigned short type;
	unsigned short hard_header_len;
	unsigned short needed_headroom;
	unsigned short needed_tailroom;

	unsigned char perm_addr[MAX_ADDR_LEN];
	unsigned char addr_len;
	unsigned short dev_id;
	struct dev_addr_list *mc_list;
	int mc_count;
	int promiscuity;
	int allmulti;

	unsigned long last_rx;
	unsigned char dev_addr[MAX_ADDR_LEN];
	unsigned char broadcast[MAX_ADDR_LEN];

	unsigned long tx_queue_len;
	spinlock_t _xmit_lock;
	int xmit_lock_owner;
	void *priv;
	int (*hard_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	unsigned long trans_start;
	int watchdog_timeo;
	struct timer_list watchdog_timer;

	atomic_t refcnt;
	enum {
		NETREG_UNINITIALIZED = 0,
		NETREG_REGISTERED,
		NETREG_UNREGISTERING,
		NETREG_UNREGISTERED,
		NETREG_RELEASED,
	} reg_state;

	void (*uninit)(struct net_device *dev);
	void (*destructor)(struct net_device *dev);
	int (*open)(struct net_device *dev);
	int (*stop)(struct net_device *dev);
	void (*set_multicast_list)(struct net_device *dev);
	int (*set_mac_address)(struct net_device *dev, void *addr);
	int (*validate_addr)(struct net_device *dev);
	int (*do_ioctl)(struct net_device *dev, struct ifreq *ifr, int cmd);
	int (*set_config)(struct net_device *dev, struct ifmap *map);
	int (*change_mtu)(struct net_device *dev, int new_mtu);
	void (*tx_timeout)(struct net_device *dev);
	void (*vlan_rx_register)(struct net_device *dev,
	                         struct vlan_group *grp);
	void (*vlan_rx_add_vid)(struct net_device *dev, unsigned short vid);
	void (*vlan_rx_kill_vid)(struct net_device *dev, unsigned short vid);
	void (*poll_controller)(struct net_device *dev);

	/* libdde: what the server glue keeps per device; drivers never
	 * touch it. */
	struct {
		struct device *parent; /* SET_NETDEV_DEV() */
		void (*rx)(const void *frame, size_t len, void *arg);
		void *rx_arg;
	} dde;
};

#define SET_NETDEV_DEV(net, pdev) ((net)->dde.parent = (pdev))
#define SET_MODULE_OWNER(dev)                                                  \
	do {                                                                   \
	} while (0)
#define SET_ETHTOOL_OPS(netdev, ops) ((netdev)->ethtool_ops = (ops))

static inline void *netdev_priv(const struct net_device *dev)
{
	return (char *)dev + ((sizeof(struct net_device) + NETDEV_ALIGN_CONST) &
	                      ~NETDEV_ALIGN_CONST);
}

struct net_device *alloc_netdev(int sizeof_priv, const char *name,
                                void (*setup)(struct net_device *));
void free_netdev(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
#define register_netdevice(dev)   register_netdev(dev)
#define unregister_netdevice(dev) unregister_netdev(dev)
int dev_alloc_name(struct net_device *dev, const char *name);

/* dev_open()/dev_close(): process context; the glue's open/close. */
int dev_open(struct net_device *dev);
int dev_close(struct net_device *dev);

void dev_mc_upload(struct net_device *dev);
int dev_mc_add(struct net_device *dev, void *addr, int alen, int newonly);
int dev_mc_delete(struct net_device *dev, void *addr, int alen, int all);
void dev_set_promiscuity(struct net_device *dev, int inc);
void dev_set_allmulti(struct net_device *dev, int inc);

/* --- queue, carrier, presence --- */

static inline void netif_start_queue(struct net_device *dev)
{
	clear_bit(__LINK_STATE_XOFF, &dev->state);
}

static inline void netif_wake_queue(struct net_device *dev)
{
	clear_bit(__LINK_STATE_XOFF, &dev->state);
}

static inline void netif_stop_queue(struct net_device *dev)
{
	set_bit(__LINK_STATE_XOFF, &dev->state);
}

static inline int netif_queue_stopped(const struct net_device *dev)
{
	return test_bit(__LINK_STATE_XOFF, &dev->state);
}

static inline int netif_running(const struct net_device *dev)
{
	return test_bit(__LINK_STATE_START, &dev->state);
}

static inline int netif_carrier_ok(const struct net_device *dev)
{
	return !test_bit(__LINK_STATE_NOCARRIER, &dev->state);
}

void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);

static inline int netif_device_present(struct net_device *dev)
{
	return test_bit(__LINK_STATE_PRESENT, &dev->state);
}

void netif_device_detach(struct net_device *dev);
void netif_device_attach(struct net_device *dev);

static inline void netif_tx_lock(struct net_device *dev)
{
	spin_lock(&dev->_xmit_lock);
}
static inline void netif_tx_lock_bh(struct net_device *dev)
{
	spin_lock_bh(&dev->_xmit_lock);
}
static inline void netif_tx_unlock(struct net_device *dev)
{
	spin_unlock(&dev->_xmit_lock);
}
static inline void netif_tx_unlock_bh(struct net_device *dev)
{
	spin_unlock_bh(&dev->_xmit_lock);
}
static inline void netif_tx_disable(struct net_device *dev)
{
	netif_tx_lock_bh(dev);
	netif_stop_queue(dev);
	netif_tx_unlock_bh(dev);
}

/* --- receive --- */

/* Any context: queue @skb to the backlog, polled in the NET_RX softirq. */
int netif_rx(struct sk_buff *skb);
#define netif_rx_ni(skb) netif_rx(skb)
/* Softirq (NAPI poll) context: deliver @skb now. */
int netif_receive_skb(struct sk_buff *skb);

/* --- NAPI --- */

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
                    int (*poll)(struct napi_struct *, int), int weight);
void __napi_schedule(struct napi_struct *n);
void __napi_complete(struct napi_struct *n);
void napi_complete(struct napi_struct *n);
/* Process context: may sleep until a running poll has finished. */
void napi_disable(struct napi_struct *n);
void napi_enable(struct napi_struct *n);

static inline int napi_disable_pending(struct napi_struct *n)
{
	return test_bit(NAPI_STATE_DISABLE, &n->state);
}

static inline int napi_schedule_prep(struct napi_struct *n)
{
	return !napi_disable_pending(n) &&
	       !test_and_set_bit(NAPI_STATE_SCHED, &n->state);
}

static inline void napi_schedule(struct napi_struct *n)
{
	if (napi_schedule_prep(n))
		__napi_schedule(n);
}

static inline int napi_reschedule(struct napi_struct *n)
{
	if (napi_schedule_prep(n)) {
		__napi_schedule(n);
		return 1;
	}
	return 0;
}

/* Process context: wait until @n is neither scheduled nor polled. */
void napi_synchronize(const struct napi_struct *n);

static inline int netif_rx_schedule_prep(struct net_device *dev,
                                         struct napi_struct *napi)
{
	(void)dev;
	return napi_schedule_prep(napi);
}

static inline void __netif_rx_schedule(struct net_device *dev,
                                       struct napi_struct *napi)
{
	(void)dev;
	__napi_schedule(napi);
}

static inline void netif_rx_schedule(struct net_device *dev,
                                     struct napi_struct *napi)
{
	if (netif_rx_schedule_prep(dev, napi))
		__netif_rx_schedule(dev, napi);
}

static inline int netif_rx_reschedule(struct net_device *dev,
                                      struct napi_struct *napi)
{
	(void)dev;
	return napi_reschedule(napi);
}

static inline void __netif_rx_complete(struct net_device *dev,
                                       struct napi_struct *napi)
{
	(void)dev;
	__napi_complete(napi);
}

static inline void netif_rx_complete(struct net_device *dev,
                                     struct napi_struct *napi)
{
	(void)dev;
	napi_complete(napi);
}

/* Packets net_rx_action handles before letting other softirqs run. */
extern int netdev_budget;
/* Frames netif_rx() keeps queued before it drops. */
extern int netdev_max_backlog;

/* --- message levels (netif_msg_*) --- */

enum {
	NETIF_MSG_DRV = 0x0001,
	NETIF_MSG_PROBE = 0x0002,
	NETIF_MSG_LINK = 0x0004,
	NETIF_MSG_TIMER = 0x0008,
	NETIF_MSG_IFDOWN = 0x0010,
	NETIF_MSG_IFUP = 0x0020,
	NETIF_MSG_RX_ERR = 0x0040,
	NETIF_MSG_TX_ERR = 0x0080,
	NETIF_MSG_TX_QUEUED = 0x0100,
	NETIF_MSG_INTR = 0x0200,
	NETIF_MSG_TX_DONE = 0x0400,
	NETIF_MSG_RX_STATUS = 0x0800,
	NETIF_MSG_PKTDATA = 0x1000,
	NETIF_MSG_HW = 0x2000,
	NETIF_MSG_WOL = 0x4000,
};

#define netif_msg_drv(p)       ((p)->msg_enable & NETIF_MSG_DRV)
#define netif_msg_probe(p)     ((p)->msg_enable & NETIF_MSG_PROBE)
#define netif_msg_link(p)      ((p)->msg_enable & NETIF_MSG_LINK)
#define netif_msg_timer(p)     ((p)->msg_enable & NETIF_MSG_TIMER)
#define netif_msg_ifdown(p)    ((p)->msg_enable & NETIF_MSG_IFDOWN)
#define netif_msg_ifup(p)      ((p)->msg_enable & NETIF_MSG_IFUP)
#define netif_msg_rx_err(p)    ((p)->msg_enable & NETIF_MSG_RX_ERR)
#define netif_msg_tx_err(p)    ((p)->msg_enable & NETIF_MSG_TX_ERR)
#define netif_msg_tx_queued(p) ((p)->msg_enable & NETIF_MSG_TX_QUEUED)
#define netif_msg_intr(p)      ((p)->msg_enable & NETIF_MSG_INTR)
#define netif_msg_tx_done(p)   ((p)->msg_enable & NETIF_MSG_TX_DONE)
#define netif_msg_rx_status(p) ((p)->msg_enable & NETIF_MSG_RX_STATUS)
#define netif_msg_pktdata(p)   ((p)->msg_enable & NETIF_MSG_PKTDATA)
#define netif_msg_hw(p)        ((p)->msg_enable & NETIF_MSG_HW)
#define netif_msg_wol(p)       ((p)->msg_enable & NETIF_MSG_WOL)

static inline u32 netif_msg_init(int debug_value, int default_msg_enable_bits)
{
	if (debug_value < 0 || debug_value >= (int)(sizeof(u32) * 8))
		return (u32)default_msg_enable_bits;
	if (debug_value == 0)
		return 0;
	return (1u << debug_value) - 1;
}

#endif /* _LINUX_NETDEVICE_H */
