/*
 * linux/pci_ids.h — PCI class, vendor and device numbers (libdde emulation
 * of Linux 2.6.24): only the ones the emulation's drivers and tests use.
 */
#ifndef _LINUX_PCI_IDS_H
#define _LINUX_PCI_IDS_H

#define PCI_CLASS_NOT_DEFINED          0x0000
#define PCI_BASE_CLASS_STORAGE         0x01
#define PCI_CLASS_STORAGE_IDE          0x0101
#define PCI_CLASS_STORAGE_SATA_AHCI    0x010601
#define PCI_BASE_CLASS_NETWORK         0x02
#define PCI_CLASS_NETWORK_ETHERNET     0x0200
#define PCI_BASE_CLASS_BRIDGE          0x06
#define PCI_CLASS_BRIDGE_HOST          0x0600
#define PCI_CLASS_BRIDGE_ISA           0x0601
#define PCI_CLASS_BRIDGE_PCI           0x0604
#define PCI_CLASS_COMMUNICATION_SERIAL 0x0700
#define PCI_CLASS_OTHERS               0xff

#define PCI_VENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_VENDOR_ID_INTEL           0x8086
#define PCI_DEVICE_ID_INTEL_82540EM   0x100e

#endif /* _LINUX_PCI_IDS_H */
