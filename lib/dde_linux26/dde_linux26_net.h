/*
 * dde_linux26_net.h — the network devices of the Linux 2.6 emulation, as a
 * driver server (netserver) sees them.
 *
 * For servers and tests, not for drivers. Devices appear here once their
 * driver called register_netdev(). Errors are negative errno values
 * (Linux's numbers, which equal the DDEKIT_E* codes for these).
 */
#ifndef DDE_LINUX26_NET_H
#define DDE_LINUX26_NET_H

#include <stddef.h>

struct net_device;

#define DDE_LINUX26_NET_NAMESIZ 16

struct dde_linux26_net_info {
	char name[DDE_LINUX26_NET_NAMESIZ];
	unsigned char mac[6]; /* dev_addr */
	unsigned int flags;   /* IFF_* (linux/if.h): IFF_UP, IFF_PROMISC… */
	int ifindex;
	unsigned int mtu;
	int carrier;            /* netif_carrier_ok() */
	struct net_device *dev; /* valid until the driver unregisters it */
};

/**
 * dde_linux26_net_devices() - describe the registered network devices.
 *
 * Fills up to @max entries of @out (which may be NULL when @max is 0) in
 * registration order and returns how many devices are registered, which
 * may exceed @max; 0 while the emulation is not up. Process context.
 */
int dde_linux26_net_devices(struct dde_linux26_net_info *out, int max);

/**
 * dde_linux26_net_find() - the registered device called @name, or NULL
 * (also while the emulation is not up). The pointer stays valid until the
 * driver unregisters the device.
 */
struct net_device *dde_linux26_net_find(const char *name);

/**
 * dde_linux26_net_open() - bring @name up: the driver's open(), then
 * IFF_UP and the multicast list. 0 when it was up already; -ENODEV when no
 * such device is registered (or it is detached); else the driver's error.
 * Process context; may sleep.
 */
int dde_linux26_net_open(const char *name);

/**
 * dde_linux26_net_close() - take @name down (the driver's stop()). 0, or
 * -ENODEV for an unknown name. Process context; may sleep.
 */
int dde_linux26_net_close(const char *name);

/**
 * dde_linux26_net_xmit() - send one Ethernet frame (header included, no
 * FCS) through @dev's hard_start_xmit.
 *
 * The frame is copied into a new sk_buff, so @frame may be reused at once.
 * The driver runs in process context with bottom halves off and the
 * device's transmit lock held, as under Linux's queue layer. Returns 0 once
 * the driver took the frame; -EBUSY when the queue is stopped or the
 * driver answered NETDEV_TX_BUSY/LOCKED (send again after it wakes the
 * queue); -ENETDOWN when the device is not up; -EINVAL for a frame shorter
 * than an Ethernet header; -EMSGSIZE for one longer than the MTU allows;
 * -ENOMEM. Process context; may sleep (allocation).
 */
int dde_linux26_net_xmit(struct net_device *dev, const void *frame, size_t len);

typedef void (*dde_linux26_net_rx_fn)(const void *frame, size_t len, void *arg);

/**
 * dde_linux26_net_set_rx_callback() - where received frames go.
 *
 * @dev's frames go to its own callback if it has one, else to the default
 * one (@dev NULL). The callback runs in softirq context (in_softirq()),
 * after the driver's eth_type_trans(), with the whole frame from the
 * Ethernet header on; it must not sleep and must copy what it keeps. A NULL
 * @fn removes the callback (frames are then dropped). Once this returns no
 * call of the old callback is running. Process context, or from inside a
 * callback.
 */
void dde_linux26_net_set_rx_callback(struct net_device *dev,
                                     dde_linux26_net_rx_fn fn, void *arg);

/**
 * dde_linux26_net_set_promisc() - receive every frame (@on) or only those
 * for the device's address, broadcast and its multicast list. Counts like
 * dev_set_promiscuity(). Process context.
 */
void dde_linux26_net_set_promisc(struct net_device *dev, int on);

#endif /* DDE_LINUX26_NET_H */
