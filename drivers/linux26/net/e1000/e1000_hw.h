/*
 * e1000_hw.h — hardware facts of the Intel 8254x (82540EM) as used by this
 * driver: register offsets, bits, descriptor layouts.
 *
 * Section numbers refer to the "PCI/PCI-X Family of Gigabit Ethernet
 * Controllers Software Developer's Manual" (8254x SDM, rev. 4.0).
 */
#ifndef _E1000_HW_H_
#define _E1000_HW_H_

#include <linux/types.h>

/* Register offsets in BAR0 (SDM 13.4, table 13-2). */
#define E1000_CTRL     0x00000
#define E1000_STATUS   0x00008
#define E1000_EECD     0x00010
#define E1000_EERD     0x00014
#define E1000_CTRL_EXT 0x00018
#define E1000_MDIC     0x00020
#define E1000_ICR      0x000C0
#define E1000_ITR      0x000C4
#define E1000_ICS      0x000C8
#define E1000_IMS      0x000D0
#define E1000_IMC      0x000D8
#define E1000_RCTL     0x00100
#define E1000_TCTL     0x00400
#define E1000_TIPG     0x00410
#define E1000_RDBAL    0x02800
#define E1000_RDBAH    0x02804
#define E1000_RDLEN    0x02808
#define E1000_RDH      0x02810
#define E1000_RDT      0x02818
#define E1000_RDTR     0x02820
#define E1000_TDBAL    0x03800
#define E1000_TDBAH    0x03804
#define E1000_TDLEN    0x03808
#define E1000_TDH      0x03810
#define E1000_TDT      0x03818
#define E1000_TIDV     0x03820
#define E1000_CRCERRS  0x04000
#define E1000_MPC      0x04010
#define E1000_MTA      0x05200 /* 128 32-bit words */
#define E1000_RAL(n)   (0x05400 + 8 * (n))
#define E1000_RAH(n)   (0x05404 + 8 * (n))

#define E1000_MTA_SIZE 128
#define E1000_RAR_SIZE 16

/* CTRL (SDM 13.4.1) */
#define E1000_CTRL_FD   0x00000001
#define E1000_CTRL_ASDE 0x00000020
#define E1000_CTRL_SLU  0x00000040
#define E1000_CTRL_RST  0x04000000

/* STATUS (SDM 13.4.2) */
#define E1000_STATUS_FD         0x00000001
#define E1000_STATUS_LU         0x00000002
#define E1000_STATUS_SPEED_MASK 0x000000C0
#define E1000_STATUS_SPEED_10   0x00000000
#define E1000_STATUS_SPEED_100  0x00000040
#define E1000_STATUS_SPEED_1000 0x00000080

/* EERD (SDM 13.4.4; the 82541/82547 place the fields differently) */
#define E1000_EERD_START      0x00000001
#define E1000_EERD_DONE       0x00000010
#define E1000_EERD_ADDR_SHIFT 8
#define E1000_EERD_DATA_SHIFT 16

/* EEPROM words (SDM 5.6) */
#define E1000_EEPROM_MAC      0x00 /* words 0..2 */
#define E1000_EEPROM_CHECKSUM 0x3F
#define E1000_EEPROM_WORDS    0x40
#define E1000_EEPROM_SUM      0xBABA

/* Interrupt causes: ICR, ICS, IMS, IMC share the layout (SDM 13.4.17) */
#define E1000_ICR_TXDW   0x00000001
#define E1000_ICR_TXQE   0x00000002
#define E1000_ICR_LSC    0x00000004
#define E1000_ICR_RXSEQ  0x00000008
#define E1000_ICR_RXDMT0 0x00000010
#define E1000_ICR_RXO    0x00000040
#define E1000_ICR_RXT0   0x00000080

/* RCTL (SDM 13.4.22) */
#define E1000_RCTL_EN         0x00000002
#define E1000_RCTL_SBP        0x00000004
#define E1000_RCTL_UPE        0x00000008
#define E1000_RCTL_MPE        0x00000010
#define E1000_RCTL_LPE        0x00000020
#define E1000_RCTL_RDMTS_HALF 0x00000000
#define E1000_RCTL_RDMTS_MASK 0x00000300
#define E1000_RCTL_MO_SHIFT   12
#define E1000_RCTL_MO_MASK    0x00003000
#define E1000_RCTL_BAM        0x00008000
#define E1000_RCTL_SZ_2048    0x00000000
#define E1000_RCTL_SZ_MASK    0x00030000
#define E1000_RCTL_BSEX       0x02000000
#define E1000_RCTL_SECRC      0x04000000

/* TCTL (SDM 13.4.33) */
#define E1000_TCTL_EN         0x00000002
#define E1000_TCTL_PSP        0x00000008
#define E1000_TCTL_CT_SHIFT   4
#define E1000_TCTL_COLD_SHIFT 12

/* TIPG (SDM 13.4.34): IPGT, IPGR1, IPGR2 */
#define E1000_TIPG_IPGR1_SHIFT 10
#define E1000_TIPG_IPGR2_SHIFT 20

/* RAH (SDM 13.4.63) */
#define E1000_RAH_AV 0x80000000

/* Legacy receive descriptor (SDM 3.2.3) */
struct e1000_rx_desc {
	__le64 buffer_addr;
	__le16 length;
	__le16 csum;
	u8 status;
	u8 errors;
	__le16 special;
};

#define E1000_RXD_STAT_DD  0x01
#define E1000_RXD_STAT_EOP 0x02
/* CE, SE, SEQ, CXE, RXE: the frame is bad (TCPE/IPE only flag offload) */
#define E1000_RXD_ERR_FRAME_ERR_MASK 0x97

/* Legacy transmit descriptor (SDM 3.3.3) */
struct e1000_tx_desc {
	__le64 buffer_addr;
	__le16 length;
	u8 cso;
	u8 cmd;
	u8 status;
	u8 css;
	__le16 special;
};

#define E1000_TXD_CMD_EOP  0x01
#define E1000_TXD_CMD_IFCS 0x02
#define E1000_TXD_CMD_RS   0x08
#define E1000_TXD_CMD_DEXT 0x20
#define E1000_TXD_STAT_DD  0x01

#endif /* _E1000_HW_H_ */
