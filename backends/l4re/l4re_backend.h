/*
 * l4re_backend.h — what the files of the L4Re backend share.
 *
 * The backend is a client of L4Re's io server: the "vbus" capability lists
 * the devices this program was given (described in io's .io files), grants
 * their ports and memory, and hands out the vbus's interrupt controller
 * (ICU). Memory for DMA comes from the memory allocator as pinned,
 * contiguous dataspaces mapped into a DMA space that is bound to the vbus's
 * DMA domain, so bus addresses are what the (possibly IOMMU-translated)
 * device sees.
 */
#ifndef BACKENDS_L4RE_L4RE_BACKEND_H
#define BACKENDS_L4RE_L4RE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include <ddekit/host.h>

#include "l4re_sys.h"

/** One PCI function on the vbus. */
struct l4re_pci_dev {
	struct ddekit_host_pci_fn fn; /* fn.host points back here */
	l4vbus_device_handle_t handle;
	int irq;                /* ICU line from irq_enable; -1: not yet */
	unsigned char trigger;  /* as io reported: 0 level, 1 edge */
	unsigned char polarity; /* 0 high, 1 low */
};

struct l4re_host_state {
	int up;
	l4_cap_idx_t vbus;
	l4_cap_idx_t icu;
	l4_cap_idx_t dma; /* our Dma_space, bound to the vbus */
	struct l4re_pci_dev *pci;
	unsigned npci;
};

extern struct l4re_host_state l4re_host;

/** l4re_err() - a DDEKit code for an L4 error (negative L4_E* value). */
int l4re_err(long l4err);

/** l4re_log() - printf to the console, cut at 255 characters. */
void l4re_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Set-up and tear-down of the parts (each undoes itself on failure). */
int l4re_pci_scan(void);
void l4re_pci_release(void);
int l4re_mem_init(void);
void l4re_mem_fini(void);
/** Live counts, for leak reports at fini. */
long l4re_thread_live(void);
long l4re_sync_live(void);
long l4re_mem_live(void);
long l4re_irq_live(void);

/** l4re_pci_find_mem() - the memory BAR (of a function on the vbus) that
 * holds [@phys, @phys + @size), or NULL. */
const struct ddekit_host_pci_bar *l4re_pci_find_mem(uint64_t phys,
                                                    uint64_t size);

/** l4re_pci_irq() - route @dev's INTx through io; the ICU line, or a
 * negative DDEKit code. */
int l4re_pci_irq(struct l4re_pci_dev *dev);

#endif /* BACKENDS_L4RE_L4RE_BACKEND_H */
