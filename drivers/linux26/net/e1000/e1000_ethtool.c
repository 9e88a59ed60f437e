/*
 * e1000_ethtool.c — the driver's ethtool operations: identity, link,
 * message level, settings, ring sizes.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "e1000.h"

static void e1000_get_drvinfo(struct net_device *netdev,
                              struct ethtool_drvinfo *drvinfo)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	strlcpy(drvinfo->driver, DRV_NAME, sizeof(drvinfo->driver));
	strlcpy(drvinfo->version, DRV_VERSION, sizeof(drvinfo->version));
	strlcpy(drvinfo->fw_version, "N/A", sizeof(drvinfo->fw_version));
	strlcpy(drvinfo->bus_info, pci_name(adapter->pdev),
	        sizeof(drvinfo->bus_info));
	drvinfo->eedump_len = E1000_EEPROM_WORDS * 2;
}

/* Asks the hardware, not the carrier state, which lags until the next
 * link interrupt or watchdog run. */
static u32 e1000_get_link(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	return (er32(adapter, E1000_STATUS) & E1000_STATUS_LU) ? 1 : 0;
}

static u32 e1000_get_msglevel(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	return adapter->msg_enable;
}

static void e1000_set_msglevel(struct net_device *netdev, u32 data)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	adapter->msg_enable = data;
}

static int e1000_get_settings(struct net_device *netdev,
                              struct ethtool_cmd *ecmd)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	ecmd->supported = SUPPORTED_10baseT_Half | SUPPORTED_10baseT_Full |
	                  SUPPORTED_100baseT_Half | SUPPORTED_100baseT_Full |
	                  SUPPORTED_1000baseT_Full | SUPPORTED_Autoneg |
	                  SUPPORTED_TP;
	ecmd->advertising = ADVERTISED_TP | ADVERTISED_Autoneg;
	ecmd->port = PORT_TP;
	ecmd->transceiver = XCVR_INTERNAL;
	ecmd->autoneg = AUTONEG_ENABLE;
	if (netif_carrier_ok(netdev)) {
		ecmd->speed = adapter->link_speed;
		ecmd->duplex = adapter->link_duplex;
	} else {
		ecmd->speed = (u16)-1;
		ecmd->duplex = (u8)-1;
	}
	return 0;
}

static void e1000_get_ringparam(struct net_device *netdev,
                                struct ethtool_ringparam *ring)
{
	(void)netdev;
	ring->rx_max_pending = E1000_RX_RING;
	ring->tx_max_pending = E1000_TX_RING;
	ring->rx_pending = E1000_RX_RING;
	ring->tx_pending = E1000_TX_RING;
}

static const struct ethtool_ops e1000_ethtool_ops = {
    .get_settings = e1000_get_settings,
    .get_drvinfo = e1000_get_drvinfo,
    .get_msglevel = e1000_get_msglevel,
    .set_msglevel = e1000_set_msglevel,
    .get_link = e1000_get_link,
    .get_ringparam = e1000_get_ringparam,
};

void e1000_set_ethtool_ops(struct net_device *netdev)
{
	SET_ETHTOOL_OPS(netdev, &e1000_ethtool_ops);
}
