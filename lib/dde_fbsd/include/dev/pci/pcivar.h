/*
 * dev/pci/pcivar.h — what a PCI driver asks its bus (FreeBSD 7, libdde).
 *
 * The accessors work for children of the root "pci" bus (the DDEKit PCI
 * functions). Configuration access goes through DDEKit, so only the
 * functions the host granted are visible. MSI/MSI-X, power states and VPD
 * are not emulated (pci_msi_count() is 0, so drivers fall back to INTx).
 */
#ifndef _DDE_FBSD_DEV_PCI_PCIVAR_H_
#define _DDE_FBSD_DEV_PCI_PCIVAR_H_

#include <sys/types.h>
#include <sys/bus.h>

enum pci_device_ivars {
	PCI_IVAR_SUBVENDOR,
	PCI_IVAR_SUBDEVICE,
	PCI_IVAR_VENDOR,
	PCI_IVAR_DEVICE,
	PCI_IVAR_DEVID,
	PCI_IVAR_CLASS,
	PCI_IVAR_SUBCLASS,
	PCI_IVAR_PROGIF,
	PCI_IVAR_REVID,
	PCI_IVAR_INTPIN,
	PCI_IVAR_IRQ,
	PCI_IVAR_DOMAIN,
	PCI_IVAR_BUS,
	PCI_IVAR_SLOT,
	PCI_IVAR_FUNCTION,
	PCI_IVAR_ETHADDR,
	PCI_IVAR_CMDREG,
	PCI_IVAR_CACHELNSZ,
	PCI_IVAR_MINGNT,
	PCI_IVAR_MAXLAT,
	PCI_IVAR_LATTIMER,
};

#define PCI_POWERSTATE_D0      0
#define PCI_POWERSTATE_D1      1
#define PCI_POWERSTATE_D2      2
#define PCI_POWERSTATE_D3      3
#define PCI_POWERSTATE_UNKNOWN -1

__BEGIN_DECLS
uint32_t dde_fbsd_pci_ivar(device_t dev, int which);
u_int32_t pci_read_config(device_t dev, int reg, int width);
void pci_write_config(device_t dev, int reg, u_int32_t val, int width);
int pci_enable_busmaster(device_t dev);
int pci_disable_busmaster(device_t dev);
int pci_enable_io(device_t dev, int space);
int pci_disable_io(device_t dev, int space);
int pci_find_extcap(device_t dev, int capability, int *capreg);
int pci_get_powerstate(device_t dev);
int pci_set_powerstate(device_t dev, int state);
int pci_msi_count(device_t dev);
int pci_msix_count(device_t dev);
int pci_alloc_msi(device_t dev, int *count);
int pci_alloc_msix(device_t dev, int *count);
int pci_release_msi(device_t dev);
__END_DECLS

#define pci_find_cap(dev, cap, reg) pci_find_extcap((dev), (cap), (reg))

#define DDE_FBSD_PCI_ACCESSOR(var, ivar, type)                                 \
	static __inline type pci_get_##var(device_t dev)                       \
	{                                                                      \
		return (type)dde_fbsd_pci_ivar(dev, PCI_IVAR_##ivar);          \
	}

DDE_FBSD_PCI_ACCESSOR(subvendor, SUBVENDOR, uint16_t)
DDE_FBSD_PCI_ACCESSOR(subdevice, SUBDEVICE, uint16_t)
DDE_FBSD_PCI_ACCESSOR(vendor, VENDOR, uint16_t)
DDE_FBSD_PCI_ACCESSOR(device, DEVICE, uint16_t)
DDE_FBSD_PCI_ACCESSOR(devid, DEVID, uint32_t)
DDE_FBSD_PCI_ACCESSOR(class, CLASS, uint8_t)
DDE_FBSD_PCI_ACCESSOR(subclass, SUBCLASS, uint8_t)
DDE_FBSD_PCI_ACCESSOR(progif, PROGIF, uint8_t)
DDE_FBSD_PCI_ACCESSOR(revid, REVID, uint8_t)
DDE_FBSD_PCI_ACCESSOR(intpin, INTPIN, uint8_t)
DDE_FBSD_PCI_ACCESSOR(irq, IRQ, uint8_t)
DDE_FBSD_PCI_ACCESSOR(domain, DOMAIN, uint32_t)
DDE_FBSD_PCI_ACCESSOR(bus, BUS, uint8_t)
DDE_FBSD_PCI_ACCESSOR(slot, SLOT, uint8_t)
DDE_FBSD_PCI_ACCESSOR(function, FUNCTION, uint8_t)
DDE_FBSD_PCI_ACCESSOR(cmdreg, CMDREG, uint16_t)

#endif /* _DDE_FBSD_DEV_PCI_PCIVAR_H_ */
