/*
 * ddekit/pci.h — the PCI functions this driver server may use.
 *
 * DDEKit shows the functions the host grants (all of them on bare metal,
 * the ones bound to UIO/VFIO on Linux, the vbus's on L4Re) with their real
 * bus/slot/function numbers. Device records live until ddekit_deinit().
 * Configuration access returns 0 on success and a negative DDEKIT_E* code on
 * failure (-DDEKIT_ENODEV for a function that is not visible). All functions
 * may be called from any thread; enable/disable may sleep.
 */
#ifndef DDEKIT_PCI_H
#define DDEKIT_PCI_H

#include <ddekit/types.h>

/** Wildcard for bus/slot/function (and vendor/device) in searches. */
#define DDEKIT_PCI_ANY_ID (~0)

/** Resource flags (the bit values of current Linux IORESOURCE_*; emulations
 * of older kernels translate, e.g. 2.6.24 had PREFETCH at 0x1000). */
#define DDEKIT_PCI_RES_IO       0x00000100ul
#define DDEKIT_PCI_RES_MEM      0x00000200ul
#define DDEKIT_PCI_RES_PREFETCH 0x00002000ul
#define DDEKIT_PCI_RES_MEM64    0x00100000ul

DDEKIT_BEGIN_DECLS

typedef struct ddekit_pci_dev ddekit_pci_dev_t;

/** One BAR: [start, end] inclusive, flags DDEKIT_PCI_RES_*; all zero when
 * the BAR is unused. */
typedef struct ddekit_pci_resource {
	unsigned long start;
	unsigned long end;
	unsigned long flags;
} ddekit_pci_res_t;

/** ddekit_pci_init() - enumerate the functions; done by ddekit_init(), later
 * calls do nothing. */
void ddekit_pci_init(void);

/** ddekit_pci_get_device() - location of the @nr-th function (0-based).
 * Returns 0, or -1 if there are fewer (classic convention). */
int ddekit_pci_get_device(int nr, int *bus, int *slot, int *func);

/**
 * ddekit_pci_find_device() - next function after @start (NULL: the first)
 * whose location matches *@bus, *@slot and *@func, each of which may be
 * DDEKIT_PCI_ANY_ID; on a match they are set to its location. NULL when
 * there is none.
 */
struct ddekit_pci_dev *ddekit_pci_find_device(int *bus, int *slot, int *func,
                                              struct ddekit_pci_dev *start);

/** ddekit_pci_find_device_by_id() - next function after @start with this
 * @vendor and @device (either may be DDEKIT_PCI_ANY_ID) (extension). */
struct ddekit_pci_dev *
ddekit_pci_find_device_by_id(unsigned vendor, unsigned device,
                             struct ddekit_pci_dev *start);

/** ddekit_pci_find_device_by_class() - next function after @start whose
 * 24-bit class code matches @class_code in the bits set in @mask
 * (extension). */
struct ddekit_pci_dev *
ddekit_pci_find_device_by_class(unsigned class_code, unsigned mask,
                                struct ddekit_pci_dev *start);

/* Configuration space by location; @len / width 1, 2 or 4. */
int ddekit_pci_read(int bus, int slot, int func, int pos, int len,
                    ddekit_uint32_t *val);
int ddekit_pci_write(int bus, int slot, int func, int pos, int len,
                     ddekit_uint32_t val);
int ddekit_pci_readb(int bus, int slot, int func, int pos, ddekit_uint8_t *val);
int ddekit_pci_readw(int bus, int slot, int func, int pos,
                     ddekit_uint16_t *val);
int ddekit_pci_readl(int bus, int slot, int func, int pos,
                     ddekit_uint32_t *val);
int ddekit_pci_writeb(int bus, int slot, int func, int pos, ddekit_uint8_t val);
int ddekit_pci_writew(int bus, int slot, int func, int pos,
                      ddekit_uint16_t val);
int ddekit_pci_writel(int bus, int slot, int func, int pos,
                      ddekit_uint32_t val);

/** ddekit_pci_enable_device() - power up and enable I/O and memory decoding.
 * 0 or a negative DDEKIT_E* code. */
int ddekit_pci_enable_device(struct ddekit_pci_dev *dev);

/** ddekit_pci_disable_device() - disable decoding and bus mastering. */
int ddekit_pci_disable_device(struct ddekit_pci_dev *dev);

/** ddekit_pci_set_master() - enable bus mastering (DMA) for @dev. */
void ddekit_pci_set_master(struct ddekit_pci_dev *dev);

/* Identification, as read at enumeration. */
unsigned short ddekit_pci_get_vendor(struct ddekit_pci_dev *dev);
unsigned short ddekit_pci_get_device_id(struct ddekit_pci_dev *dev);
unsigned short ddekit_pci_get_sub_vendor(struct ddekit_pci_dev *dev);
unsigned short ddekit_pci_get_sub_device(struct ddekit_pci_dev *dev);
/** 24-bit class code: base << 16 | sub << 8 | prog-if. */
unsigned ddekit_pci_get_dev_class(struct ddekit_pci_dev *dev);
/** Legacy interrupt line (for ddekit_interrupt_attach()); 0xff for none. */
unsigned long ddekit_pci_get_irq(struct ddekit_pci_dev *dev);
/** "vendor:device" in hex, e.g. "1234:11e8"; valid until ddekit_deinit(). */
char *ddekit_pci_get_name(struct ddekit_pci_dev *dev);
/** "bus:slot.func", e.g. "00:04.0"; valid until ddekit_deinit(). */
char *ddekit_pci_get_slot_name(struct ddekit_pci_dev *dev);
/** Location of @dev (extension). */
void ddekit_pci_get_location(struct ddekit_pci_dev *dev, int *bus, int *slot,
                             int *func);

/** ddekit_pci_get_resource() - BAR @idx (0..5); NULL for @idx >= 6. */
ddekit_pci_res_t *ddekit_pci_get_resource(struct ddekit_pci_dev *dev,
                                          unsigned int idx);

/**
 * ddekit_pci_irq_enable() - the legacy line of the function at
 * @bus/@slot/@func (@pin is informational). Sets *@irq and returns 0, or a
 * negative code when the function is unknown or has no interrupt.
 */
int ddekit_pci_irq_enable(int bus, int slot, int func, int pin, int *irq);

DDEKIT_END_DECLS

#endif /* DDEKIT_PCI_H */
