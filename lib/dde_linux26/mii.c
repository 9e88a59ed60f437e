/*
 * mii.c — generic MII PHY helpers over a driver's mdio_read/mdio_write.
 */
#include <linux/errno.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/netdevice.h>
#include <linux/string.h>

static int mdio(struct mii_if_info *mii, int reg)
{
	return mii->mdio_read(mii->dev, mii->phy_id, reg);
}

int mii_link_ok(struct mii_if_info *mii)
{
	/* BMSR_LSTATUS latches low: the first read reports a past loss,
	 * the second the present state. */
	mdio(mii, MII_BMSR);
	return (mdio(mii, MII_BMSR) & BMSR_LSTATUS) != 0;
}

int mii_nway_restart(struct mii_if_info *mii)
{
	int bmcr = mdio(mii, MII_BMCR);

	if (!(bmcr & BMCR_ANENABLE))
		return -EINVAL;
	mii->mdio_write(mii->dev, mii->phy_id, MII_BMCR, bmcr | BMCR_ANRESTART);
	return 0;
}

void mii_check_link(struct mii_if_info *mii)
{
	int up = mii_link_ok(mii);

	if (up && !netif_carrier_ok(mii->dev))
		netif_carrier_on(mii->dev);
	else if (!up && netif_carrier_ok(mii->dev))
		netif_carrier_off(mii->dev);
}

int mii_ethtool_gset(struct mii_if_info *mii, struct ethtool_cmd *ecmd)
{
	int bmcr, adv, lpa, common;

	memset(ecmd, 0, sizeof(*ecmd));
	ecmd->supported = SUPPORTED_10baseT_Half | SUPPORTED_10baseT_Full |
	                  SUPPORTED_100baseT_Half | SUPPORTED_100baseT_Full |
	                  SUPPORTED_Autoneg | SUPPORTED_TP | SUPPORTED_MII;
	if (mii->supports_gmii)
		ecmd->supported |=
		    SUPPORTED_1000baseT_Half | SUPPORTED_1000baseT_Full;
	ecmd->port = PORT_MII;
	ecmd->transceiver = XCVR_INTERNAL;
	ecmd->phy_address = (__u8)mii->phy_id;
	ecmd->advertising = ADVERTISED_TP | ADVERTISED_MII;

	bmcr = mdio(mii, MII_BMCR);
	if (bmcr & BMCR_ANENABLE) {
		adv = mdio(mii, MII_ADVERTISE);
		lpa = mdio(mii, MII_LPA);
		ecmd->autoneg = AUTONEG_ENABLE;
		ecmd->advertising |= ADVERTISED_Autoneg;
		if (adv & ADVERTISE_10HALF)
			ecmd->advertising |= ADVERTISED_10baseT_Half;
		if (adv & ADVERTISE_10FULL)
			ecmd->advertising |= ADVERTISED_10baseT_Full;
		if (adv & ADVERTISE_100HALF)
			ecmd->advertising |= ADVERTISED_100baseT_Half;
		if (adv & ADVERTISE_100FULL)
			ecmd->advertising |= ADVERTISED_100baseT_Full;
		common = adv & lpa;
		if (mii->supports_gmii &&
		    (mdio(mii, MII_CTRL1000) & (mdio(mii, MII_STAT1000) >> 2) &
		     (ADVERTISE_1000FULL | ADVERTISE_1000HALF))) {
			int g = mdio(mii, MII_CTRL1000) &
			        (mdio(mii, MII_STAT1000) >> 2);

			ecmd->speed = SPEED_1000;
			ecmd->duplex = (g & ADVERTISE_1000FULL) ? DUPLEX_FULL
			                                        : DUPLEX_HALF;
		} else if (common & (ADVERTISE_100FULL | ADVERTISE_100HALF)) {
			ecmd->speed = SPEED_100;
			ecmd->duplex = (common & ADVERTISE_100FULL)
			                   ? DUPLEX_FULL
			                   : DUPLEX_HALF;
		} else {
			ecmd->speed = SPEED_10;
			ecmd->duplex = (common & ADVERTISE_10FULL)
			                   ? DUPLEX_FULL
			                   : DUPLEX_HALF;
		}
	} else {
		ecmd->autoneg = AUTONEG_DISABLE;
		ecmd->speed = (bmcr & BMCR_SPEED1000)  ? SPEED_1000
		              : (bmcr & BMCR_SPEED100) ? SPEED_100
		                                       : SPEED_10;
		ecmd->duplex =
		    (bmcr & BMCR_FULLDPLX) ? DUPLEX_FULL : DUPLEX_HALF;
	}
	return 0;
}
