/*
 * linux/if_ether.h — Ethernet constants and header (libdde emulation of
 * Linux 2.6.24).
 *
 * ETH_P_* are host-order numbers, as in Linux; skb->protocol holds them in
 * network order (htons(ETH_P_IP)).
 */
#ifndef _LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H

#include <linux/types.h>

#define ETH_ALEN      6
#define ETH_HLEN      14
#define ETH_ZLEN      60
#define ETH_DATA_LEN  1500
#define ETH_FRAME_LEN 1514
#define ETH_FCS_LEN   4

#define ETH_P_LOOP  0x0060
#define ETH_P_IP    0x0800
#define ETH_P_ARP   0x0806
#define ETH_P_RARP  0x8035
#define ETH_P_8021Q 0x8100
#define ETH_P_IPV6  0x86DD
#define ETH_P_PAUSE 0x8808
#define ETH_P_SLOW  0x8809
#define ETH_P_802_3 0x0001
#define ETH_P_AX25  0x0002
#define ETH_P_ALL   0x0003
#define ETH_P_802_2 0x0004

struct ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_proto;
} __attribute__((packed));

#include <linux/skbuff.h>

static inline struct ethhdr *eth_hdr(const struct sk_buff *skb)
{
	return (struct ethhdr *)skb_mac_header(skb);
}

#endif /* _LINUX_IF_ETHER_H */
