/*
 * ethtool.c — the generic ethtool operations drivers point their
 * ethtool_ops at.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

u32 ethtool_op_get_link(struct net_device *dev)
{
	return netif_carrier_ok(dev) ? 1 : 0;
}

static int set_feature(struct net_device *dev, u32 on, unsigned long f)
{
	if (on)
		dev->features |= f;
	else
		dev->features &= ~f;
	return 0;
}

u32 ethtool_op_get_tx_csum(struct net_device *dev)
{
	return (dev->features & NETIF_F_IP_CSUM) != 0;
}

int ethtool_op_set_tx_csum(struct net_device *dev, u32 data)
{
	return set_feature(dev, data, NETIF_F_IP_CSUM);
}

int ethtool_op_set_tx_hw_csum(struct net_device *dev, u32 data)
{
	return set_feature(dev, data, NETIF_F_HW_CSUM);
}

u32 ethtool_op_get_sg(struct net_device *dev)
{
	return (dev->features & NETIF_F_SG) != 0;
}

int ethtool_op_set_sg(struct net_device *dev, u32 data)
{
	return set_feature(dev, data, NETIF_F_SG);
}

u32 ethtool_op_get_tso(struct net_device *dev)
{
	return (dev->features & NETIF_F_TSO) != 0;
}

int ethtool_op_set_tso(struct net_device *dev, u32 data)
{
	return set_feature(dev, data, NETIF_F_TSO);
}
