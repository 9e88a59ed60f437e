/*
 * linux/pci_regs.h — PCI configuration space layout (libdde emulation of
 * Linux 2.6.24): the type 0 header and the capability IDs; these are facts
 * of the PCI Local Bus Specification 3.0, chapter 6.
 */
#ifndef _LINUX_PCI_REGS_H
#define _LINUX_PCI_REGS_H

#define PCI_VENDOR_ID                  0x00 /* 16 bits */
#define PCI_DEVICE_ID                  0x02 /* 16 bits */
#define PCI_COMMAND                    0x04 /* 16 bits */
#define PCI_COMMAND_IO                 0x001
#define PCI_COMMAND_MEMORY             0x002
#define PCI_COMMAND_MASTER             0x004
#define PCI_COMMAND_SPECIAL            0x008
#define PCI_COMMAND_INVALIDATE         0x010
#define PCI_COMMAND_VGA_PALETTE        0x020
#define PCI_COMMAND_PARITY             0x040
#define PCI_COMMAND_WAIT               0x080
#define PCI_COMMAND_SERR               0x100
#define PCI_COMMAND_FAST_BACK          0x200
#define PCI_COMMAND_INTX_DISABLE       0x400
#define PCI_STATUS                     0x06 /* 16 bits */
#define PCI_STATUS_INTERRUPT           0x008
#define PCI_STATUS_CAP_LIST            0x010
#define PCI_STATUS_66MHZ               0x020
#define PCI_STATUS_FAST_BACK           0x080
#define PCI_STATUS_PARITY              0x100
#define PCI_STATUS_SIG_TARGET_ABORT    0x800
#define PCI_STATUS_REC_TARGET_ABORT    0x1000
#define PCI_STATUS_REC_MASTER_ABORT    0x2000
#define PCI_STATUS_SIG_SYSTEM_ERROR    0x4000
#define PCI_STATUS_DETECTED_PARITY     0x8000
#define PCI_CLASS_REVISION             0x08 /* class << 8 | revision */
#define PCI_REVISION_ID                0x08
#define PCI_CLASS_PROG                 0x09
#define PCI_CLASS_DEVICE               0x0a
#define PCI_CACHE_LINE_SIZE            0x0c
#define PCI_LATENCY_TIMER              0x0d
#define PCI_HEADER_TYPE                0x0e
#define PCI_HEADER_TYPE_NORMAL         0
#define PCI_HEADER_TYPE_BRIDGE         1
#define PCI_HEADER_TYPE_CARDBUS        2
#define PCI_BIST                       0x0f
#define PCI_BASE_ADDRESS_0             0x10
#define PCI_BASE_ADDRESS_1             0x14
#define PCI_BASE_ADDRESS_2             0x18
#define PCI_BASE_ADDRESS_3             0x1c
#define PCI_BASE_ADDRESS_4             0x20
#define PCI_BASE_ADDRESS_5             0x24
#define PCI_BASE_ADDRESS_SPACE         0x01
#define PCI_BASE_ADDRESS_SPACE_IO      0x01
#define PCI_BASE_ADDRESS_SPACE_MEMORY  0x00
#define PCI_BASE_ADDRESS_MEM_TYPE_MASK 0x06
#define PCI_BASE_ADDRESS_MEM_TYPE_32   0x00
#define PCI_BASE_ADDRESS_MEM_TYPE_64   0x04
#define PCI_BASE_ADDRESS_MEM_PREFETCH  0x08
#define PCI_BASE_ADDRESS_MEM_MASK      (~0x0fUL)
#define PCI_BASE_ADDRESS_IO_MASK       (~0x03UL)
#define PCI_CARDBUS_CIS                0x28
#define PCI_SUBSYSTEM_VENDOR_ID        0x2c
#define PCI_SUBSYSTEM_ID               0x2e
#define PCI_ROM_ADDRESS                0x30
#define PCI_CAPABILITY_LIST            0x34
#define PCI_INTERRUPT_LINE             0x3c
#define PCI_INTERRUPT_PIN              0x3d
#define PCI_MIN_GNT                    0x3e
#define PCI_MAX_LAT                    0x3f

/* Capability list entries: ID byte, next pointer byte. */
#define PCI_CAP_LIST_ID   0
#define PCI_CAP_LIST_NEXT 1
#define PCI_CAP_ID_PM     0x01
#define PCI_CAP_ID_AGP    0x02
#define PCI_CAP_ID_VPD    0x03
#define PCI_CAP_ID_SLOTID 0x04
#define PCI_CAP_ID_MSI    0x05
#define PCI_CAP_ID_CHSWP  0x06
#define PCI_CAP_ID_PCIX   0x07
#define PCI_CAP_ID_HT     0x08
#define PCI_CAP_ID_VNDR   0x09
#define PCI_CAP_ID_DBG    0x0a
#define PCI_CAP_ID_CCRC   0x0b
#define PCI_CAP_ID_SHPC   0x0c
#define PCI_CAP_ID_SSVID  0x0d
#define PCI_CAP_ID_AGP3   0x0e
#define PCI_CAP_ID_EXP    0x10
#define PCI_CAP_ID_MSIX   0x11

#endif /* _LINUX_PCI_REGS_H */
