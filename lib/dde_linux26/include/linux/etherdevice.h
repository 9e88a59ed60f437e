/*
 * linux/etherdevice.h — Ethernet devices and MAC addresses (libdde
 * emulation of Linux 2.6.24).
 *
 * eth_type_trans() pulls the Ethernet header, sets skb->mac_header,
 * skb->pkt_type from the destination address (PACKET_HOST, _BROADCAST,
 * _MULTICAST, _OTHERHOST) and returns the protocol in network order
 * (ETH_P_802_3 / ETH_P_802_2 for length fields, as in Linux).
 * random_ether_addr() draws from a small generator seeded by the clock: good
 * for distinct locally administered addresses, not for secrets.
 * Knowingly missing: eth_header()/header_ops, eth_rebuild_header,
 * alloc_etherdev_mq.
 */
#ifndef _LINUX_ETHERDEVICE_H
#define _LINUX_ETHERDEVICE_H

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/string.h>

__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
void ether_setup(struct net_device *dev);
int eth_change_mtu(struct net_device *dev, int new_mtu);
#define alloc_etherdev(sizeof_priv)                                            \
	alloc_netdev(sizeof_priv, "eth%d", ether_setup)

static inline int is_zero_ether_addr(const u8 *addr)
{
	return !(addr[0] | addr[1] | addr[2] | addr[3] | addr[4] | addr[5]);
}

static inline int is_multicast_ether_addr(const u8 *addr)
{
	return addr[0] & 0x01;
}

static inline int is_local_ether_addr(const u8 *addr)
{
	return addr[0] & 0x02;
}

static inline int is_broadcast_ether_addr(const u8 *addr)
{
	return (addr[0] & addr[1] & addr[2] & addr[3] & addr[4] & addr[5]) ==
	       0xff;
}

static inline int is_valid_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr) && !is_zero_ether_addr(addr);
}

void random_ether_addr(u8 *addr);

/* 0 when equal (not a sign, as memcmp's). */
static inline unsigned compare_ether_addr(const u8 *addr1, const u8 *addr2)
{
	return memcmp(addr1, addr2, ETH_ALEN) != 0;
}

#endif /* _LINUX_ETHERDEVICE_H */
