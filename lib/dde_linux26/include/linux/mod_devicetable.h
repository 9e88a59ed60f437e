/*
 * linux/mod_devicetable.h — device ID tables (libdde emulation of Linux
 * 2.6.24). Only the PCI table: the emulation has no other bus.
 */
#ifndef _LINUX_MOD_DEVICETABLE_H
#define _LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

/* Matches any value of a vendor/device/subsystem field. */
#define PCI_ANY_ID (~0)

/*
 * One entry of a driver's id_table; the table ends with an all-zero entry.
 * A device matches when each ID field is PCI_ANY_ID or equal, and its class
 * equals @class in the bits set in @class_mask.
 */
struct pci_device_id {
	__u32 vendor, device;       /* or PCI_ANY_ID */
	__u32 subvendor, subdevice; /* or PCI_ANY_ID */
	__u32 class, class_mask;    /* base << 16 | sub << 8 | prog-if */
	kernel_ulong_t driver_data; /* for the driver's own use */
};

#endif /* _LINUX_MOD_DEVICETABLE_H */
