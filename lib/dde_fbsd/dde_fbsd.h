/*
 * dde_fbsd.h — bringing the FreeBSD 7 emulation up and down.
 *
 * For driver servers and tests, not for drivers (drivers include only
 * FreeBSD headers).
 */
#ifndef DDE_FBSD_H
#define DDE_FBSD_H

/**
 * dde_fbsd_init() - start the emulation: Giant, the softclock thread, the
 * global taskqueues; run every SYSINIT (which registers the drivers of
 * DRIVER_MODULE); then create the root bus and its "pci0" child, which
 * enumerates the DDEKit PCI functions and probes and attaches drivers.
 *
 * Call after ddekit_init(), from process context. Returns 0, or a negative
 * DDEKIT_E* code (-DDEKIT_ENOMEM, -DDEKIT_EBUSY when already up).
 */
int dde_fbsd_init(void);

/**
 * dde_fbsd_exit() - stop the emulation so that ddekit_deinit() succeeds:
 * detach and delete every device (children first), run the SYSUNINITs
 * (MOD_UNLOAD to the modules, last first), stop the global taskqueues and
 * the softclock thread, and free the thread records. Drivers must have
 * stopped their callouts and freed their own taskqueues (detach does that).
 * Call from the thread that called dde_fbsd_init(); does nothing if the
 * emulation is not up.
 */
void dde_fbsd_exit(void);

/**
 * dde_fbsd_root_bus() - the root of the device tree (NULL when not up); its
 * child "pci0" is the PCI bus. For servers and tests that add devices.
 */
struct device *dde_fbsd_root_bus(void);

/**
 * dde_fbsd_disks_settle() - wait until every disk that drivers created
 * with disk_create() so far has been announced to bddf (or refused, with a
 * message). Call bddf_init() before dde_fbsd_init(); then, after
 * dde_fbsd_init(), this tells when bddf_devices() lists the disks found.
 * Process context; may sleep. 0, or -DDEKIT_ENODEV when the emulation is
 * not up.
 */
int dde_fbsd_disks_settle(void);

#endif /* DDE_FBSD_H */
