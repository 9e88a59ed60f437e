/*
 * linux/pci.h — PCI drivers (libdde emulation of Linux 2.6.24).
 *
 * The functions DDEKit shows this driver server are turned into pci_dev
 * records once, on first use, and live until dde_linux26_exit().
 * pci_register_driver() offers every unclaimed device to the driver's
 * id_table (entries tried in order; the first match is passed to probe),
 * calling probe in the registering thread (process context); a device
 * whose probe fails stays unclaimed for the next driver.
 * pci_unregister_driver() calls remove for each device the driver holds.
 * There is no hotplug: devices are offered only at registration.
 *
 * Configuration accessors return 0 or a positive PCIBIOS_* code, as in
 * Linux; the other calls return 0 or a negative errno.
 *
 * Knowingly missing: power management (pci_set_power_state, pci_enable_wake,
 * suspend/resume in pci_driver), MSI/MSI-X (pci_enable_msi), error recovery
 * (err_handler), dynamic IDs, bridges and bus walking (pci_bus ops,
 * pci_find_bus), pci_get_slot/pci_get_class/pci_find_device, ROM access,
 * VPD, pci_map_page and scatterlists (see linux/dma-mapping.h).
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mod_devicetable.h>
#include <linux/pci_ids.h>
#include <linux/pci_regs.h>
#include <linux/types.h>
#include <asm/io.h>

/* devfn packs slot (device number) and function. */
#define PCI_DEVFN(slot, func) ((((slot)&0x1f) << 3) | ((func)&0x07))
#define PCI_SLOT(devfn)       (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)       ((devfn)&0x07)

/* Results of the configuration accessors. */
#define PCIBIOS_SUCCESSFUL          0x00
#define PCIBIOS_FUNC_NOT_SUPPORTED  0x81
#define PCIBIOS_BAD_VENDOR_ID       0x83
#define PCIBIOS_DEVICE_NOT_FOUND    0x86
#define PCIBIOS_BAD_REGISTER_NUMBER 0x87
#define PCIBIOS_SET_FAILED          0x88
#define PCIBIOS_BUFFER_TOO_SMALL    0x89

/* resource[]: BARs 0..5, then the expansion ROM (never filled here). */
#define PCI_ROM_RESOURCE      6
#define PCI_NUM_RESOURCES     11
#define DEVICE_COUNT_RESOURCE 12

/* Match exactly this vendor and device, any subsystem. */
#define PCI_DEVICE(vend, dev)                                                  \
	.vendor = (vend), .device = (dev), .subvendor = PCI_ANY_ID,            \
	.subdevice = PCI_ANY_ID
/* Match any device whose class equals @dev_class in the bits of @mask. */
#define PCI_DEVICE_CLASS(dev_class, dev_class_mask)                            \
	.class = (dev_class), .class_mask = (dev_class_mask),                  \
	.vendor = PCI_ANY_ID, .device = PCI_ANY_ID, .subvendor = PCI_ANY_ID,   \
	.subdevice = PCI_ANY_ID
/* Positional form with the vendor's PCI_VENDOR_ID_ name. */
#define PCI_VDEVICE(vendor, device)                                            \
	PCI_VENDOR_ID_##vendor, (device), PCI_ANY_ID, PCI_ANY_ID, 0, 0

struct pci_bus {
	struct list_head node; /* on the emulation's bus list */
	unsigned char number;
};

struct pci_driver;

struct pci_dev {
	struct list_head bus_list; /* on the emulation's device list */
	struct pci_bus *bus;
	unsigned int devfn;
	unsigned short vendor;
	unsigned short device;
	unsigned short subsystem_vendor;
	unsigned short subsystem_device;
	unsigned int class; /* base << 16 | sub << 8 | prog-if */
	u8 revision;
	u8 hdr_type;
	u8 pin;                    /* 1..4 for INTA..INTD, 0 for none */
	struct pci_driver *driver; /* the driver holding it, or NULL */
	u64 dma_mask;              /* dev.dma_mask points here */
	struct device dev;
	unsigned int irq; /* legacy line for request_irq(); 0: none */
	struct resource resource[DEVICE_COUNT_RESOURCE];
	unsigned int is_enabled : 1;
	unsigned int is_busmaster : 1;
	unsigned int state_saved : 1;
	u32 saved_config_space[16];
	void *sysdata; /* the emulation's handle for the function */
};

#define to_pci_dev(n) container_of(n, struct pci_dev, dev)

struct pci_driver {
	struct list_head node; /* on the list of registered drivers */
	const char *name;
	const struct pci_device_id *id_table; /* ends with an all-zero entry */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	struct device_driver driver;
};

#define to_pci_driver(drv) container_of(drv, struct pci_driver, driver)

int pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);
/* The first entry of @ids that @dev matches, or NULL. */
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
                                         struct pci_dev *dev);

/* Next device after @from (NULL: the first) with this vendor and device,
 * either may be PCI_ANY_ID. References are not counted: devices live until
 * the emulation stops. */
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
                               struct pci_dev *from);
static inline struct pci_dev *pci_dev_get(struct pci_dev *dev)
{
	return dev;
}
static inline void pci_dev_put(struct pci_dev *dev)
{
	(void)dev;
}

int pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
int pci_set_mwi(struct pci_dev *dev);
void pci_clear_mwi(struct pci_dev *dev);
void pci_intx(struct pci_dev *dev, int enable);
int pci_find_capability(struct pci_dev *dev, int cap);
int pci_save_state(struct pci_dev *dev);
int pci_restore_state(struct pci_dev *dev);

int pci_read_config_byte(struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(struct pci_dev *dev, int where, u32 val);

/* Claim BAR @bar (or every used BAR) for @res_name; -EBUSY when any part
 * is claimed already (nothing stays claimed then). */
int pci_request_region(struct pci_dev *dev, int bar, const char *res_name);
void pci_release_region(struct pci_dev *dev, int bar);
int pci_request_regions(struct pci_dev *dev, const char *res_name);
void pci_release_regions(struct pci_dev *dev);

#define pci_resource_start(dev, bar) ((dev)->resource[(bar)].start)
#define pci_resource_end(dev, bar)   ((dev)->resource[(bar)].end)
#define pci_resource_flags(dev, bar) ((dev)->resource[(bar)].flags)
#define pci_resource_len(dev, bar)   __pci_resource_len(&(dev)->resource[(bar)])
static inline resource_size_t __pci_resource_len(const struct resource *r)
{
	/* an unused BAR is all zero */
	return r->end > r->start || r->start ? r->end - r->start + 1 : 0;
}

static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}
static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}
/* "0000:bus:slot.func", as in Linux's messages. */
static inline const char *pci_name(struct pci_dev *pdev)
{
	return pdev->dev.bus_id;
}

/* DMA masks: -EIO when the mask is below 24 bits. */
int pci_set_dma_mask(struct pci_dev *dev, u64 mask);
int pci_set_consistent_dma_mask(struct pci_dev *dev, u64 mask);
static inline int pci_dma_supported(struct pci_dev *dev, u64 mask)
{
	return dma_supported(dev ? &dev->dev : NULL, mask);
}

/* The PCI DMA API (asm-generic/pci-dma-compat.h in Linux). */
#define PCI_DMA_BIDIRECTIONAL 0
#define PCI_DMA_TODEVICE      1
#define PCI_DMA_FROMDEVICE    2
#define PCI_DMA_NONE          3

static inline struct device *__pci_dma_dev(struct pci_dev *hwdev)
{
	return hwdev ? &hwdev->dev : NULL;
}

static inline void *pci_alloc_consistent(struct pci_dev *hwdev, size_t size,
                                         dma_addr_t *dma_handle)
{
	return dma_alloc_coherent(__pci_dma_dev(hwdev), size, dma_handle,
	                          GFP_ATOMIC);
}

static inline void pci_free_consistent(struct pci_dev *hwdev, size_t size,
                                       void *vaddr, dma_addr_t dma_handle)
{
	dma_free_coherent(__pci_dma_dev(hwdev), size, vaddr, dma_handle);
}

static inline dma_addr_t pci_map_single(struct pci_dev *hwdev, void *ptr,
                                        size_t size, int direction)
{
	return dma_map_single(__pci_dma_dev(hwdev), ptr, size,
	                      (enum dma_data_direction)direction);
}

static inline void pci_unmap_single(struct pci_dev *hwdev, dma_addr_t dma_addr,
                                    size_t size, int direction)
{
	dma_unmap_single(__pci_dma_dev(hwdev), dma_addr, size,
	                 (enum dma_data_direction)direction);
}

static inline void pci_dma_sync_single_for_cpu(struct pci_dev *hwdev,
                                               dma_addr_t dma_handle,
                                               size_t size, int direction)
{
	dma_sync_single_for_cpu(__pci_dma_dev(hwdev), dma_handle, size,
	                        (enum dma_data_direction)direction);
}

static inline void pci_dma_sync_single_for_device(struct pci_dev *hwdev,
                                                  dma_addr_t dma_handle,
                                                  size_t size, int direction)
{
	dma_sync_single_for_device(__pci_dma_dev(hwdev), dma_handle, size,
	                           (enum dma_data_direction)direction);
}

static inline int pci_dma_mapping_error(dma_addr_t dma_addr)
{
	return dma_mapping_error(dma_addr);
}

/* Keeping a mapping's address and length for the unmap. */
#define DECLARE_PCI_UNMAP_ADDR(ADDR_NAME)       dma_addr_t ADDR_NAME;
#define DECLARE_PCI_UNMAP_LEN(LEN_NAME)         __u32 LEN_NAME;
#define pci_unmap_addr(PTR, ADDR_NAME)          ((PTR)->ADDR_NAME)
#define pci_unmap_addr_set(PTR, ADDR_NAME, VAL) (((PTR)->ADDR_NAME) = (VAL))
#define pci_unmap_len(PTR, LEN_NAME)            ((PTR)->LEN_NAME)
#define pci_unmap_len_set(PTR, LEN_NAME, VAL)   (((PTR)->LEN_NAME) = (VAL))

#endif /* _LINUX_PCI_H */
