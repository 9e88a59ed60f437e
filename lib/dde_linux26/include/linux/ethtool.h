/*
 * linux/ethtool.h — driver settings and information (libdde emulation of
 * Linux 2.6.24, minimal).
 *
 * Drivers fill struct ethtool_ops; nothing in libdde issues SIOCETHTOOL,
 * so the operations are only called by a server that wants them.
 * Knowingly missing: the ethtool ioctl dispatcher (dev_ethtool), ethtool
 * statistics strings helpers, wake-on-LAN and coalescing structures beyond
 * their declarations.
 */
#ifndef _LINUX_ETHTOOL_H
#define _LINUX_ETHTOOL_H

#include <linux/types.h>

struct net_device;

struct ethtool_cmd {
	__u32 cmd;
	__u32 supported;
	__u32 advertising;
	__u16 speed;
	__u8 duplex;
	__u8 port;
	__u8 phy_address;
	__u8 transceiver;
	__u8 autoneg;
	__u32 maxtxpkt;
	__u32 maxrxpkt;
	__u16 speed_hi;
	__u16 reserved2;
	__u32 reserved[3];
};

#define ETHTOOL_BUSINFO_LEN 32
struct ethtool_drvinfo {
	__u32 cmd;
	char driver[32];
	char version[32];
	char fw_version[32];
	char bus_info[ETHTOOL_BUSINFO_LEN];
	char reserved1[32];
	char reserved2[16];
	__u32 n_stats;
	__u32 testinfo_len;
	__u32 eedump_len;
	__u32 regdump_len;
};

struct ethtool_wolinfo {
	__u32 cmd;
	__u32 supported;
	__u32 wolopts;
	__u8 sopass[6];
};

struct ethtool_regs {
	__u32 cmd;
	__u32 version;
	__u32 len;
	__u8 data[0];
};

struct ethtool_eeprom {
	__u32 cmd;
	__u32 magic;
	__u32 offset;
	__u32 len;
	__u8 data[0];
};

struct ethtool_ringparam {
	__u32 cmd;
	__u32 rx_max_pending;
	__u32 rx_mini_max_pending;
	__u32 rx_jumbo_max_pending;
	__u32 tx_max_pending;
	__u32 rx_pending;
	__u32 rx_mini_pending;
	__u32 rx_jumbo_pending;
	__u32 tx_pending;
};

struct ethtool_pauseparam {
	__u32 cmd;
	__u32 autoneg;
	__u32 rx_pause;
	__u32 tx_pause;
};

struct ethtool_stats {
	__u32 cmd;
	__u32 n_stats;
	__u64 data[0];
};

struct ethtool_test {
	__u32 cmd;
	__u32 flags;
	__u32 reserved;
	__u32 len;
	__u64 data[0];
};

#define ETH_GSTRING_LEN 32
enum ethtool_stringset {
	ETH_SS_TEST = 0,
	ETH_SS_STATS,
};

struct ethtool_ops {
	int (*get_settings)(struct net_device *, struct ethtool_cmd *);
	int (*set_settings)(struct net_device *, struct ethtool_cmd *);
	void (*get_drvinfo)(struct net_device *, struct ethtool_drvinfo *);
	int (*get_regs_len)(struct net_device *);
	void (*get_regs)(struct net_device *, struct ethtool_regs *, void *);
	void (*get_wol)(struct net_device *, struct ethtool_wolinfo *);
	int (*set_wol)(struct net_device *, struct ethtool_wolinfo *);
	u32 (*get_msglevel)(struct net_device *);
	void (*set_msglevel)(struct net_device *, u32);
	int (*nway_reset)(struct net_device *);
	u32 (*get_link)(struct net_device *);
	int (*get_eeprom_len)(struct net_device *);
	int (*get_eeprom)(struct net_device *, struct ethtool_eeprom *, u8 *);
	int (*set_eeprom)(struct net_device *, struct ethtool_eeprom *, u8 *);
	void (*get_ringparam)(struct net_device *, struct ethtool_ringparam *);
	int (*set_ringparam)(struct net_device *, struct ethtool_ringparam *);
	void (*get_pauseparam)(struct net_device *,
	                       struct ethtool_pauseparam *);
	int (*set_pauseparam)(struct net_device *, struct ethtool_pauseparam *);
	u32 (*get_rx_csum)(struct net_device *);
	int (*set_rx_csum)(struct net_device *, u32);
	u32 (*get_tx_csum)(struct net_device *);
	int (*set_tx_csum)(struct net_device *, u32);
	u32 (*get_sg)(struct net_device *);
	int (*set_sg)(struct net_device *, u32);
	u32 (*get_tso)(struct net_device *);
	int (*set_tso)(struct net_device *, u32);
	void (*self_test)(struct net_device *, struct ethtool_test *, u64 *);
	void (*get_strings)(struct net_device *, u32 stringset, u8 *);
	int (*phys_id)(struct net_device *, u32);
	void (*get_ethtool_stats)(struct net_device *, struct ethtool_stats *,
	                          u64 *);
	int (*begin)(struct net_device *);
	void (*complete)(struct net_device *);
	int (*get_sset_count)(struct net_device *, int);
};

u32 ethtool_op_get_link(struct net_device *dev);
u32 ethtool_op_get_tx_csum(struct net_device *dev);
int ethtool_op_set_tx_csum(struct net_device *dev, u32 data);
int ethtool_op_set_tx_hw_csum(struct net_device *dev, u32 data);
u32 ethtool_op_get_sg(struct net_device *dev);
int ethtool_op_set_sg(struct net_device *dev, u32 data);
u32 ethtool_op_get_tso(struct net_device *dev);
int ethtool_op_set_tso(struct net_device *dev, u32 data);

#define ETHTOOL_GSET     0x00000001
#define ETHTOOL_SSET     0x00000002
#define ETHTOOL_GDRVINFO 0x00000003
#define ETHTOOL_GMSGLVL  0x00000007
#define ETHTOOL_SMSGLVL  0x00000008
#define ETHTOOL_NWAY_RST 0x00000009
#define ETHTOOL_GLINK    0x0000000a

#define SUPPORTED_10baseT_Half    (1 << 0)
#define SUPPORTED_10baseT_Full    (1 << 1)
#define SUPPORTED_100baseT_Half   (1 << 2)
#define SUPPORTED_100baseT_Full   (1 << 3)
#define SUPPORTED_1000baseT_Half  (1 << 4)
#define SUPPORTED_1000baseT_Full  (1 << 5)
#define SUPPORTED_Autoneg         (1 << 6)
#define SUPPORTED_TP              (1 << 7)
#define SUPPORTED_AUI             (1 << 8)
#define SUPPORTED_MII             (1 << 9)
#define SUPPORTED_FIBRE           (1 << 10)
#define SUPPORTED_BNC             (1 << 11)
#define SUPPORTED_10000baseT_Full (1 << 12)
#define SUPPORTED_Pause           (1 << 13)
#define SUPPORTED_Asym_Pause      (1 << 14)

#define ADVERTISED_10baseT_Half    (1 << 0)
#define ADVERTISED_10baseT_Full    (1 << 1)
#define ADVERTISED_100baseT_Half   (1 << 2)
#define ADVERTISED_100baseT_Full   (1 << 3)
#define ADVERTISED_1000baseT_Half  (1 << 4)
#define ADVERTISED_1000baseT_Full  (1 << 5)
#define ADVERTISED_Autoneg         (1 << 6)
#define ADVERTISED_TP              (1 << 7)
#define ADVERTISED_AUI             (1 << 8)
#define ADVERTISED_MII             (1 << 9)
#define ADVERTISED_FIBRE           (1 << 10)
#define ADVERTISED_BNC             (1 << 11)
#define ADVERTISED_10000baseT_Full (1 << 12)
#define ADVERTISED_Pause           (1 << 13)
#define ADVERTISED_Asym_Pause      (1 << 14)

#define SPEED_10    10
#define SPEED_100   100
#define SPEED_1000  1000
#define SPEED_2500  2500
#define SPEED_10000 10000

#define DUPLEX_HALF 0x00
#define DUPLEX_FULL 0x01

#define PORT_TP    0x00
#define PORT_AUI   0x01
#define PORT_MII   0x02
#define PORT_FIBRE 0x03
#define PORT_BNC   0x04

#define XCVR_INTERNAL 0x00
#define XCVR_EXTERNAL 0x01

#define AUTONEG_DISABLE 0x00
#define AUTONEG_ENABLE  0x01

#define WAKE_PHY         (1 << 0)
#define WAKE_UCAST       (1 << 1)
#define WAKE_MCAST       (1 << 2)
#define WAKE_BCAST       (1 << 3)
#define WAKE_ARP         (1 << 4)
#define WAKE_MAGIC       (1 << 5)
#define WAKE_MAGICSECURE (1 << 6)

#define ETH_TEST_FL_OFFLINE (1 << 0)
#define ETH_TEST_FL_FAILED  (1 << 1)

#endif /* _LINUX_ETHTOOL_H */
