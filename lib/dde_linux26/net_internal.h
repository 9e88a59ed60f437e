/*
 * net_internal.h — what the networking files of lib/dde_linux26 share.
 *
 * Registered devices are on dde_linux26_net_devs, guarded by
 * dde_linux26_net_mutex (process context: register, unregister, open,
 * close, the glue's listing). The receive callbacks are read and written
 * with bottom halves off, so changing one excludes every delivery.
 */
#ifndef DDE_LINUX26_NET_INTERNAL_H
#define DDE_LINUX26_NET_INTERNAL_H

#include <linux/mutex.h>
#include <linux/netdevice.h>

extern struct list_head dde_linux26_net_devs;
extern struct mutex dde_linux26_net_mutex;

/* With the mutex held: the registered device called @name, or NULL. */
struct net_device *dde_linux26_net_lookup(const char *name);
/* With the mutex held: open/close as dev_open()/dev_close(). */
int dde_linux26_dev_open_locked(struct net_device *dev);
void dde_linux26_dev_close_locked(struct net_device *dev);

/* Bottom halves off: hand @skb's frame to the receive callback and free
 * it; NET_RX_SUCCESS or NET_RX_DROP. */
int dde_linux26_net_deliver(struct sk_buff *skb);
/* Drop @dev's frames still queued by netif_rx() (unregistering). */
void dde_linux26_net_flush_backlog(struct net_device *dev);
/* Forget @dev's receive callback (unregistering). */
void dde_linux26_net_forget(struct net_device *dev);

#endif /* DDE_LINUX26_NET_INTERNAL_H */
