/*
 * atareg.h — hardware facts: ATA task-file registers and commands, the
 * IDE bus-master DMA engine (SFF-8038i) and AHCI 1.x registers.
 */
#ifndef _ATA_ATAREG_H_
#define _ATA_ATAREG_H_

/* Command block registers (offsets from the channel's command base). */
#define ATA_DATA    0
#define ATA_ERROR   1 /* read */
#define ATA_FEATURE 1 /* write */
#define ATA_COUNT   2
#define ATA_LBA0    3
#define ATA_LBA1    4
#define ATA_LBA2    5
#define ATA_DRIVE   6
#define ATA_STATUS  7 /* read: also acknowledges the interrupt */
#define ATA_COMMAND 7 /* write */
#define ATA_IOSIZE  8

/* Control block (one register): alternate status / device control. */
#define ATA_ALTSTAT           0
#define ATA_CONTROL           0
#define ATA_CTLSIZE           1
#define ATA_CTL_OFFSET_NATIVE 2 /* within a native-mode control BAR */

#define ATA_S_ERROR 0x01
#define ATA_S_DRQ   0x08
#define ATA_S_DWF   0x20
#define ATA_S_READY 0x40
#define ATA_S_BUSY  0x80

#define ATA_A_IDS   0x02 /* nIEN: no interrupts from the device */
#define ATA_A_RESET 0x04
#define ATA_A_HOB   0x80

#define ATA_D_LBA     0x40
#define ATA_D_IBM     0xa0 /* the always-one bits of the ATA-1 days */
#define ATA_DEV(unit) ((unit) ? 0x10 : 0x00)

/* Commands */
#define ATA_READ         0x20
#define ATA_READ48       0x24
#define ATA_READ_DMA48   0x25
#define ATA_WRITE        0x30
#define ATA_WRITE48      0x34
#define ATA_WRITE_DMA48  0x35
#define ATA_READ_DMA     0xc8
#define ATA_WRITE_DMA    0xca
#define ATA_FLUSHCACHE   0xe7
#define ATA_FLUSHCACHE48 0xea
#define ATA_ATA_IDENTIFY 0xec

/* IDENTIFY DEVICE words */
#define ATA_ID_SERIAL       10 /* 10 words */
#define ATA_ID_MODEL        27 /* 20 words */
#define ATA_ID_CAPABILITIES 49
#define ATA_ID_LBA28        60 /* 2 words */
#define ATA_ID_CMDSET2      83
#define ATA_ID_LBA48        100 /* 4 words */
#define ATA_CAP_DMA         0x0100
#define ATA_CAP_LBA         0x0200
#define ATA_CMDSET2_48BIT   0x0400
#define ATA_CMDSET2_FLUSH   0x1000

/* Bus-master IDE, per channel (8 bytes each from BAR4). */
#define ATA_BMCMD            0
#define ATA_BMSTAT           2
#define ATA_BMDTP            4
#define ATA_BMIOSIZE         8
#define ATA_BMCMD_START      0x01
#define ATA_BMCMD_TO_MEM     0x08 /* the device's data goes to memory */
#define ATA_BMSTAT_ACTIVE    0x01
#define ATA_BMSTAT_ERROR     0x02
#define ATA_BMSTAT_INTERRUPT 0x04

/* A physical region descriptor; entries must not cross 64 KiB. */
struct ata_prd {
	u_int32_t addr;
	u_int32_t count; /* bytes in 15:0 (0 = 64 KiB), bit 31 ends the table */
};
#define ATA_PRD_EOT      0x80000000u
#define ATA_PRD_MAXLEN   0x10000
#define ATA_PRD_BOUNDARY 0x10000

/* PCI: the programming interface of a mass-storage/IDE function. */
#define ATA_PROGIF_NATIVE(ch) (0x01 << (2 * (ch)))
#define ATA_PROGIF_MASTERDEV  0x80

/* AHCI, HBA registers (ABAR = BAR5) */
#define AHCI_CAP        0x00
#define AHCI_GHC        0x04
#define AHCI_IS         0x08
#define AHCI_PI         0x0c
#define AHCI_VS         0x10
#define AHCI_CAP_NPMASK 0x0000001f
#define AHCI_CAP_SSS    0x08000000
#define AHCI_CAP_64BIT  0x80000000u
#define AHCI_GHC_HR     0x00000001
#define AHCI_GHC_IE     0x00000002
#define AHCI_GHC_AE     0x80000000u

/* AHCI, port registers */
#define AHCI_PORT(p) (0x100 + 0x80 * (p))
#define AHCI_P_CLB   0x00
#define AHCI_P_CLBU  0x04
#define AHCI_P_FB    0x08
#define AHCI_P_FBU   0x0c
#define AHCI_P_IS    0x10
#define AHCI_P_IE    0x14
#define AHCI_P_CMD   0x18
#define AHCI_P_TFD   0x20
#define AHCI_P_SIG   0x24
#define AHCI_P_SSTS  0x28
#define AHCI_P_SCTL  0x2c
#define AHCI_P_SERR  0x30
#define AHCI_P_SACT  0x34
#define AHCI_P_CI    0x38

#define AHCI_P_IX_DHR 0x00000001 /* D2H register FIS */
#define AHCI_P_IX_PS  0x00000002 /* PIO setup FIS */
#define AHCI_P_IX_DS  0x00000004 /* DMA setup FIS */
#define AHCI_P_IX_SDB 0x00000008 /* set device bits FIS */
#define AHCI_P_IX_DP  0x00000020 /* descriptor processed */
#define AHCI_P_IX_PC  0x00000040 /* port connect change */
#define AHCI_P_IX_PRC 0x00400000 /* PhyRdy change */
#define AHCI_P_IX_IF  0x08000000 /* interface fatal */
#define AHCI_P_IX_HBD 0x10000000 /* host bus data error */
#define AHCI_P_IX_HBF 0x20000000 /* host bus fatal */
#define AHCI_P_IX_TFE 0x40000000 /* task file error */
#define AHCI_P_IX_ERRORS                                                       \
	(AHCI_P_IX_IF | AHCI_P_IX_HBD | AHCI_P_IX_HBF | AHCI_P_IX_TFE)

#define AHCI_P_CMD_ST  0x00000001
#define AHCI_P_CMD_SUD 0x00000002
#define AHCI_P_CMD_POD 0x00000004
#define AHCI_P_CMD_CLO 0x00000008
#define AHCI_P_CMD_FRE 0x00000010
#define AHCI_P_CMD_FR  0x00004000
#define AHCI_P_CMD_CR  0x00008000

#define AHCI_P_SSTS_DET_MASK 0x0000000f
#define AHCI_P_SSTS_DET_PHY  0x00000003 /* device present, PHY up */
#define AHCI_P_SCTL_DET_INIT 0x00000001 /* COMRESET */
#define AHCI_P_SIG_ATA       0x00000101

/* The command list: 32 headers of 32 bytes; slot 0 is used. */
struct ahci_cmd_header {
	u_int16_t flags; /* CFL in 4:0 (dwords), W (6), C (10) */
	u_int16_t prdtl; /* PRD entries */
	u_int32_t prdbc; /* bytes transferred, written by the HBA */
	u_int64_t ctba;  /* command table, 128-byte aligned */
	u_int32_t reserved[4];
};
#define AHCI_CMD_WRITE    0x0040
#define AHCI_CMD_CLR_BUSY 0x0400
#define AHCI_CL_SIZE      (32 * 32)
#define AHCI_FIS_SIZE     256

struct ahci_prd {
	u_int64_t dba; /* data, word aligned */
	u_int32_t reserved;
	u_int32_t dbc; /* byte count - 1 in 21:0; bit 31: interrupt */
};
#define AHCI_PRD_MAXLEN (4 * 1024 * 1024)

/* The command table: the command FIS at 0, PRDs from 0x80. */
#define AHCI_CT_CFIS 0x00
#define AHCI_CT_PRDT 0x80
#define AHCI_CT_NPRD 8
#define AHCI_CT_SIZE (AHCI_CT_PRDT + AHCI_CT_NPRD * 16)

#define AHCI_FIS_H2D 0x27
#define AHCI_FIS_CMD 0x80 /* the C bit: the FIS carries a command */

#endif /* _ATA_ATAREG_H_ */
