/*
 * dev/pci/pcireg.h — PCI configuration-space layout (FreeBSD 7 names).
 * Register offsets and bit values are the PCI specification's.
 */
#ifndef _DDE_FBSD_DEV_PCI_PCIREG_H_
#define _DDE_FBSD_DEV_PCI_PCIREG_H_

#define PCIR_DEVVENDOR         0x00
#define PCIR_VENDOR            0x00
#define PCIR_DEVICE            0x02
#define PCIR_COMMAND           0x04
#define PCIM_CMD_PORTEN        0x0001
#define PCIM_CMD_MEMEN         0x0002
#define PCIM_CMD_BUSMASTEREN   0x0004
#define PCIM_CMD_MWRICEN       0x0010
#define PCIM_CMD_PERRESPEN     0x0040
#define PCIM_CMD_SERRESPEN     0x0100
#define PCIM_CMD_INTxDIS       0x0400
#define PCIR_STATUS            0x06
#define PCIM_STATUS_CAPPRESENT 0x0010
#define PCIR_REVID             0x08
#define PCIR_PROGIF            0x09
#define PCIR_SUBCLASS          0x0a
#define PCIR_CLASS             0x0b
#define PCIR_CACHELNSZ         0x0c
#define PCIR_LATTIMER          0x0d
#define PCIR_HDRTYPE           0x0e
#define PCIM_HDRTYPE           0x7f
#define PCIM_MFDEV             0x80
#define PCIR_BIST              0x0f
#define PCIR_BARS              0x10
#define PCIR_BAR(x)            (PCIR_BARS + (x)*4)
#define PCIR_MAX_BAR_0         5
#define PCI_RID2BAR(rid)       (((rid)-PCIR_BARS) / 4)
#define PCI_BAR_IO(x)          (((x)&PCIM_BAR_SPACE) == PCIM_BAR_IO_SPACE)
#define PCI_BAR_MEM(x)         (((x)&PCIM_BAR_SPACE) == PCIM_BAR_MEM_SPACE)
#define PCIM_BAR_SPACE         0x00000001
#define PCIM_BAR_MEM_SPACE     0
#define PCIM_BAR_IO_SPACE      1
#define PCIM_BAR_MEM_TYPE      0x00000006
#define PCIM_BAR_MEM_32        0
#define PCIM_BAR_MEM_64        4
#define PCIM_BAR_MEM_PREFETCH  0x00000008
#define PCIM_BAR_MEM_BASE      0xfffffffffffffff0ULL
#define PCIM_BAR_IO_BASE       0xfffffffc
#define PCIR_CIS               0x28
#define PCIR_SUBVEND_0         0x2c
#define PCIR_SUBDEV_0          0x2e
#define PCIR_BIOS              0x30
#define PCIR_CAP_PTR           0x34
#define PCIR_INTLINE           0x3c
#define PCIR_INTPIN            0x3d
#define PCIR_MINGNT            0x3e
#define PCIR_MAXLAT            0x3f

/* Capability IDs. */
#define PCIY_PMG     0x01
#define PCIY_AGP     0x02
#define PCIY_VPD     0x03
#define PCIY_MSI     0x05
#define PCIY_PCIX    0x07
#define PCIY_VENDOR  0x09
#define PCIY_EXPRESS 0x10
#define PCIY_MSIX    0x11
#define PCIY_SATA    0x12

/* Capability list. */
#define PCICAP_ID      0x0
#define PCICAP_NEXTPTR 0x1

/* Class codes. */
#define PCIC_OLD                     0x00
#define PCIC_STORAGE                 0x01
#define PCIS_STORAGE_SCSI            0x00
#define PCIS_STORAGE_IDE             0x01
#define PCIP_STORAGE_IDE_MODEPRIM    0x01
#define PCIP_STORAGE_IDE_PROGINDPRIM 0x02
#define PCIP_STORAGE_IDE_MODESEC     0x04
#define PCIP_STORAGE_IDE_PROGINDSEC  0x08
#define PCIP_STORAGE_IDE_MASTERDEV   0x80
#define PCIS_STORAGE_FLOPPY          0x02
#define PCIS_STORAGE_IPI             0x03
#define PCIS_STORAGE_RAID            0x04
#define PCIS_STORAGE_ATA_ADMA        0x05
#define PCIS_STORAGE_SATA            0x06
#define PCIP_STORAGE_SATA_AHCI_1_0   0x01
#define PCIS_STORAGE_SAS             0x07
#define PCIS_STORAGE_OTHER           0x80
#define PCIC_NETWORK                 0x02
#define PCIS_NETWORK_ETHERNET        0x00
#define PCIC_DISPLAY                 0x03
#define PCIC_MULTIMEDIA              0x04
#define PCIC_MEMORY                  0x05
#define PCIC_BRIDGE                  0x06
#define PCIS_BRIDGE_HOST             0x00
#define PCIS_BRIDGE_ISA              0x01
#define PCIS_BRIDGE_PCI              0x04
#define PCIC_SIMPLECOMM              0x07
#define PCIC_BASEPERIPH              0x08
#define PCIC_INPUTDEV                0x09
#define PCIC_DOCKING                 0x0a
#define PCIC_PROCESSOR               0x0b
#define PCIC_SERIALBUS               0x0c
#define PCIC_OTHER                   0xff

#endif /* _DDE_FBSD_DEV_PCI_PCIREG_H_ */
