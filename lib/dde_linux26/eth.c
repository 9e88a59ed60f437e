/*
 * eth.c — Ethernet device setup, frame classification, MAC addresses.
 */
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/string.h>

static __be16 to_be16(u16 v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

int eth_change_mtu(struct net_device *dev, int new_mtu)
{
	if (new_mtu < 68 || new_mtu > ETH_DATA_LEN)
		return -EINVAL;
	dev->mtu = (unsigned)new_mtu;
	return 0;
}

static int eth_mac_addr(struct net_device *dev, void *p)
{
	struct sockaddr *addr = p;

	if (netif_running(dev))
		return -EBUSY;
	if (!is_valid_ether_addr((const u8 *)addr->sa_data))
		return -EADDRNOTAVAIL;
	memcpy(dev->dev_addr, addr->sa_data, ETH_ALEN);
	return 0;
}

void ether_setup(struct net_device *dev)
{
	dev->change_mtu = eth_change_mtu;
	dev->set_mac_address = eth_mac_addr;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 1000;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	memset(dev->broadcast, 0xff, ETH_ALEN);
}

__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	struct ethhdr *eth;

	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb_pull(skb, ETH_HLEN);
	eth = eth_hdr(skb);

	if (is_multicast_ether_addr(eth->h_dest)) {
		if (!compare_ether_addr(eth->h_dest, dev->broadcast))
			skb->pkt_type = PACKET_BROADCAST;
		else
			skb->pkt_type = PACKET_MULTICAST;
	} else if (compare_ether_addr(eth->h_dest, dev->dev_addr)) {
		skb->pkt_type = PACKET_OTHERHOST;
	}

	/* Values below 1536 are 802.3 lengths, not EtherTypes. */
	if (to_be16(eth->h_proto) >= 1536)
		return eth->h_proto;
	/* Raw 802.3 (Novell) frames start with 0xFFFF where the LLC would be.
	 */
	if (skb->len >= 2 && skb->data[0] == 0xff && skb->data[1] == 0xff)
		return to_be16(ETH_P_802_3);
	return to_be16(ETH_P_802_2);
}

void random_ether_addr(u8 *addr)
{
	static u64 state;
	u64 z;
	int i;

	z = __atomic_add_fetch(&state, 0x9e3779b97f4a7c15ull + get_jiffies_64(),
	                       __ATOMIC_RELAXED);
	/* splitmix64 finaliser: neighbouring states give unrelated bits. */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	for (i = 0; i < ETH_ALEN; i++)
		addr[i] = (u8)(z >> (8 * i));
	addr[0] &= 0xfe; /* unicast */
	addr[0] |= 0x02; /* locally administered */
}
