/*
 * e1000_hw.c — talking to the 82540EM: reset, EEPROM, address filters,
 * link state.
 */
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/string.h>

#include "e1000.h"

int e1000_reset_hw(struct e1000_adapter *adapter)
{
	int i;

	/* Masked first, so the reset cannot leave a stale cause asserted on
	 * a line other devices share (SDM 14.8: global reset). */
	ew32(adapter, E1000_IMC, 0xffffffff);
	ew32(adapter, E1000_RCTL, 0);
	ew32(adapter, E1000_TCTL, E1000_TCTL_PSP);
	e1000_flush(adapter);
	/* Let DMA in flight finish before the reset cuts it off. */
	msleep(10);

	ew32(adapter, E1000_CTRL, er32(adapter, E1000_CTRL) | E1000_CTRL_RST);
	/* The bit self-clears once the reset is done (SDM 13.4.1). */
	for (i = 0; i < 100; i++) {
		msleep(1);
		if (!(er32(adapter, E1000_CTRL) & E1000_CTRL_RST))
			break;
	}
	if (i == 100) {
		printk(KERN_ERR "%s: reset did not complete\n",
		       pci_name(adapter->pdev));
		return -EIO;
	}
	ew32(adapter, E1000_IMC, 0xffffffff);
	(void)er32(adapter, E1000_ICR);
	return 0;
}

static int e1000_read_eeprom_word(struct e1000_adapter *adapter, u16 offset,
                                  u16 *data)
{
	u32 eerd = 0;
	int i;

	ew32(adapter, E1000_EERD,
	     ((u32)offset << E1000_EERD_ADDR_SHIFT) | E1000_EERD_START);
	for (i = 0; i < 10000; i++) {
		eerd = er32(adapter, E1000_EERD);
		if (eerd & E1000_EERD_DONE)
			break;
		udelay(5);
	}
	if (!(eerd & E1000_EERD_DONE))
		return -ETIMEDOUT;
	*data = (u16)(eerd >> E1000_EERD_DATA_SHIFT);
	return 0;
}

/*
 * Reads the whole EEPROM and its MAC address. The words must add up to
 * 0xBABA (SDM 5.6.19); a wrong sum is reported but tolerated, since the
 * address may still be right and the device otherwise works.
 */
int e1000_read_eeprom(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	u16 sum = 0;
	int i, err;

	for (i = 0; i < E1000_EEPROM_WORDS; i++) {
		err = e1000_read_eeprom_word(adapter, (u16)i,
		                             &adapter->eeprom[i]);
		if (err) {
			printk(KERN_ERR "%s: EEPROM word %d unreadable\n",
			       pci_name(adapter->pdev), i);
			return err;
		}
		sum = (u16)(sum + adapter->eeprom[i]);
	}
	if (sum != E1000_EEPROM_SUM)
		printk(KERN_WARNING "%s: EEPROM checksum is not valid "
		                    "(sum 0x%04x, expected 0x%04x)\n",
		       pci_name(adapter->pdev), sum, E1000_EEPROM_SUM);

	for (i = 0; i < ETH_ALEN / 2; i++) {
		u16 w = adapter->eeprom[E1000_EEPROM_MAC + i];

		netdev->dev_addr[2 * i] = (u8)(w & 0xff);
		netdev->dev_addr[2 * i + 1] = (u8)(w >> 8);
	}
	memcpy(netdev->perm_addr, netdev->dev_addr, ETH_ALEN);
	if (!is_valid_ether_addr(netdev->dev_addr)) {
		printk(KERN_ERR "%s: invalid MAC address in the EEPROM\n",
		       pci_name(adapter->pdev));
		return -EIO;
	}
	return 0;
}

/* Receive address @index: low four bytes in RAL, high two in RAH, which
 * also carries Address Valid (SDM 13.4.62-63). */
void e1000_rar_set(struct e1000_adapter *adapter, const u8 *addr, int index)
{
	u32 lo = (u32)addr[0] | (u32)addr[1] << 8 | (u32)addr[2] << 16 |
	         (u32)addr[3] << 24;
	u32 hi = (u32)addr[4] | (u32)addr[5] << 8 | E1000_RAH_AV;

	ew32(adapter, E1000_RAL(index), lo);
	e1000_flush(adapter);
	ew32(adapter, E1000_RAH(index), hi);
	e1000_flush(adapter);
}

void e1000_mta_clear(struct e1000_adapter *adapter)
{
	int i;

	for (i = 0; i < E1000_MTA_SIZE; i++)
		ew32(adapter, E1000_MTA + 4 * i, 0);
	e1000_flush(adapter);
}

/* With RCTL.MO = 00 the filter looks up bits 47:36 of the destination
 * address in the 4096-bit table (SDM 13.4.22, 13.5.1). */
u32 e1000_hash_mc_addr(const u8 *addr)
{
	return ((u32)addr[4] >> 4 | (u32)addr[5] << 4) & 0xfff;
}

/* set_multicast_list: called with the transmit lock held, bh off. */
void e1000_set_rx_mode(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	u32 mta[E1000_MTA_SIZE];
	struct dev_mc_list *mc;
	u32 rctl;
	int i;

	rctl = er32(adapter, E1000_RCTL);
	rctl &= ~(E1000_RCTL_UPE | E1000_RCTL_MPE | E1000_RCTL_MO_MASK);
	rctl |= E1000_RCTL_BAM;
	if (netdev->flags & IFF_PROMISC)
		rctl |= E1000_RCTL_UPE | E1000_RCTL_MPE;
	else if (netdev->flags & IFF_ALLMULTI)
		rctl |= E1000_RCTL_MPE;
	ew32(adapter, E1000_RCTL, rctl);

	memset(mta, 0, sizeof(mta));
	for (mc = netdev->mc_list; mc; mc = mc->next) {
		u32 hash = e1000_hash_mc_addr(mc->dmi_addr);

		mta[hash >> 5] |= 1u << (hash & 0x1f);
	}
	for (i = 0; i < E1000_MTA_SIZE; i++)
		ew32(adapter, E1000_MTA + 4 * i, mta[i]);
	e1000_flush(adapter);
}

/*
 * Follows STATUS.LU into the carrier state; returns whether the link is
 * up. Process context before the queue starts, or the watchdog timer.
 */
bool e1000_check_link(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	u32 status = er32(adapter, E1000_STATUS);
	bool up = status & E1000_STATUS_LU;

	if (up && !netif_carrier_ok(netdev)) {
		switch (status & E1000_STATUS_SPEED_MASK) {
		case E1000_STATUS_SPEED_10:
			adapter->link_speed = SPEED_10;
			break;
		case E1000_STATUS_SPEED_100:
			adapter->link_speed = SPEED_100;
			break;
		default:
			adapter->link_speed = SPEED_1000;
			break;
		}
		adapter->link_duplex =
		    status & E1000_STATUS_FD ? DUPLEX_FULL : DUPLEX_HALF;
		if (netif_msg_link(adapter))
			printk(KERN_INFO "%s: link up, %u Mbps, %s duplex\n",
			       netdev->name, adapter->link_speed,
			       adapter->link_duplex == DUPLEX_FULL ? "full"
			                                           : "half");
		netif_carrier_on(netdev);
		if (e1000_desc_unused(&adapter->tx_ring) >=
		    E1000_TX_DESC_NEEDED)
			netif_wake_queue(netdev);
	} else if (!up && netif_carrier_ok(netdev)) {
		adapter->link_speed = 0;
		adapter->link_duplex = 0;
		if (netif_msg_link(adapter))
			printk(KERN_INFO "%s: link down\n", netdev->name);
		netif_carrier_off(netdev);
		netif_stop_queue(netdev);
	}
	return up;
}
