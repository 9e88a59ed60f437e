/*
 * posix_uio.h — what the files of the posix_uio backend share.
 *
 * The backend owns the PCI functions that are bound to uio_pci_generic or
 * vfio-pci when ddekit_host_init() runs (sysfs.c finds them, pci.c describes
 * them). Each function is driven through the interface of its driver: UIO
 * functions through libpciaccess (config space), sysfs resource files (BARs)
 * and /dev/uioN (INTx); VFIO functions through their device file descriptor
 * (config and BAR regions, INTx/MSI eventfds). DMA memory comes from VFIO's
 * IOMMU when any owned function is bound to vfio-pci, otherwise from pinned
 * pages whose physical addresses /proc/self/pagemap tells (memory.c).
 */
#ifndef BACKENDS_POSIX_UIO_POSIX_UIO_H
#define BACKENDS_POSIX_UIO_POSIX_UIO_H

#include <ddekit/host.h>
#include "posix_core.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PU_PAGE      ((uint64_t)DDEKIT_HOST_PAGE_SIZE)
#define PU_HUGE_PAGE (2ull << 20)

/* Kernel drivers a usable function is bound to. */
#define PU_UIO_DRIVER  "uio_pci_generic"
#define PU_VFIO_DRIVER "vfio-pci"

/* Configuration space facts used by more than one file. */
#define PU_CFG_COMMAND      0x04
#define PU_CMD_IO           0x0001u
#define PU_CMD_MEMORY       0x0002u
#define PU_CMD_INTX_DISABLE 0x0400u
#define PU_CFG_SIZE         4096u

struct pci_device;
struct pu_vfio_group;

enum pu_driver {
	PU_DRV_UIO,
	PU_DRV_VFIO,
};

/* Where a VFIO region lives in the device file. */
struct pu_region {
	uint64_t offset;
	uint64_t size;
	uint32_t flags; /* VFIO_REGION_INFO_FLAG_* */
};

/* MSI or MSI-X state of a VFIO function: an eventfd per attached vector. */
struct pu_msi {
	unsigned count;  /* vectors the function offers (0: none) */
	unsigned active; /* vectors enabled in VFIO (0: disabled) */
	int *fds;        /* @count entries, -1 where not attached */
	unsigned attached;
};

/*
 * One owned PCI function. @rec is what enumeration hands out; its host
 * cookie points back here. @lock serialises read-modify-write cycles on
 * config space and the interrupt state of the function.
 */
struct pu_dev {
	struct ddekit_host_pci_fn rec;
	char bdf[16]; /* "dddd:bb:dd.f" */
	enum pu_driver drv;
	pthread_mutex_t lock;
	bool intx_attached;

	/* UIO */
	struct pci_device *pa;
	int uio_index;

	/* VFIO */
	int vfio_fd;
	struct pu_vfio_group *group;
	struct pu_region cfg;
	struct pu_region bar[6];
	bool has_intx;
	struct pu_msi msi[2]; /* [0] MSI, [1] MSI-X */
};

/* ---- state shared by the files (init.c) ---------------------------------- */

enum pu_dma_mode {
	PU_DMA_NONE, /* not decided / unusable */
	PU_DMA_VFIO, /* IOMMU: bus address = IOVA we choose */
	PU_DMA_PHYS, /* no IOMMU: bus address = physical address */
};

struct pu_state {
	struct pu_dev *devs;
	unsigned ndevs;
	unsigned unusable;      /* bound to UIO/VFIO, but failed to set up */
	bool pciaccess;         /* pci_system_init() succeeded */
	enum pu_dma_mode dma;   /* decided at init */
	const char *dma_reason; /* why dma is NONE, for messages */
};

extern struct pu_state pu;

/* ---- console.c ----------------------------------------------------------- */

/** printf to the console (stderr): the POSIX core's posix_core_log(). */
#define posix_uio_log posix_core_log

/** Print @msg once per process: for "not available" notices that would
 * otherwise repeat on every call. */
void posix_uio_log_once(atomic_bool *done, const char *msg);

/** Negative DDEKIT_E* code for an errno value (same numbers on Linux). */
int pu_err(int errno_value);

/* ---- sysfs.c ------------------------------------------------------------- */

/** Reads the attribute @attr of PCI function @bdf (trailing newline
 * removed). Returns its length or a negative DDEKIT_E* code. */
int pu_sysfs_read(const char *bdf, const char *attr, char *buf, size_t len);

/** The name of the driver @bdf is bound to, "" when none. */
void pu_sysfs_driver(const char *bdf, char *buf, size_t len);

/** The IOMMU group number of @bdf, -1 when it has none. */
int pu_sysfs_iommu_group(const char *bdf);

/** N of the /dev/uioN that uio_pci_generic made for @bdf, -1 if none. */
int pu_sysfs_uio_index(const char *bdf);

/**
 * pu_sysfs_scan() - the PCI functions in the system, sorted (bdf strings in
 * one calloc'ed array of 16-byte slots). Returns the count (0 when there is
 * no /sys/bus/pci) and sets *@out (free() it), or a negative code.
 */
int pu_sysfs_scan(char (**out)[16]);

/* ---- pci.c --------------------------------------------------------------- */

/** Finds the owned functions and fills pu.devs. Returns 0 (also when there
 * are none) or a negative code. */
int pu_pci_init(void);
void pu_pci_fini(void);

/** The record behind a descriptor from enumeration, NULL if it is none of
 * ours. */
struct pu_dev *pu_dev_of(const struct ddekit_host_pci_fn *fn);

int pu_cfg_read(struct pu_dev *d, unsigned off, unsigned width, uint32_t *val);
int pu_cfg_write(struct pu_dev *d, unsigned off, unsigned width, uint32_t val);

/* ---- vfio.c -------------------------------------------------------------- */

/** Opens the container (once) and the function's group and device; fills
 * the VFIO fields of @d. Prints what to do on failure. */
int pu_vfio_open(struct pu_dev *d);
/** Releases what pu_vfio_open() took for @d (and the group and container
 * with the last function). */
void pu_vfio_close(struct pu_dev *d);

/** The usable IOVA windows after VFIO_SET_IOMMU (sorted, at most @max);
 * returns how many. */
unsigned pu_vfio_iova_ranges(uint64_t (*ranges)[2], unsigned max);

int pu_vfio_map_dma(void *virt, uint64_t iova, uint64_t size);
int pu_vfio_unmap_dma(uint64_t iova, uint64_t size);

/** VFIO_DEVICE_SET_IRQS helpers: trigger eventfds for @count vectors of
 * @index from @start (@fds NULL: disable the whole index), and unmask. */
int pu_vfio_irq_trigger(struct pu_dev *d, unsigned index, unsigned start,
                        unsigned count, const int *fds);
int pu_vfio_irq_unmask(struct pu_dev *d, unsigned index);

/** Number of vectors of interrupt index @index (0: unsupported). */
unsigned pu_vfio_irq_count(struct pu_dev *d, unsigned index);

/* ---- iova.c -------------------------------------------------------------- */

/**
 * A first-fit allocator of bus address ranges for the IOMMU. The windows
 * come from VFIO; allocations honour the DMA constraints of a request.
 */
int pu_iova_init(void);
void pu_iova_fini(void);
int pu_iova_alloc(uint64_t size, uint64_t align, uint64_t low, uint64_t high,
                  uint64_t boundary, uint64_t *out);
void pu_iova_free(uint64_t iova, uint64_t size);

/**
 * pu_place() - the lowest address >= @start at which @size bytes fit before
 * @limit (last usable byte), aligned to @align (0/1: any) and not crossing a
 * multiple of @boundary (0: none). Returns false when there is none.
 */
bool pu_place(uint64_t start, uint64_t limit, uint64_t size, uint64_t align,
              uint64_t boundary, uint64_t *out);

/* ---- pages.c ------------------------------------------------------------- */

/**
 * Pinned memory with physical addresses. pu_pagemap() translates @n pages
 * from @virt (page aligned) into frame addresses; returns 0, or
 * -DDEKIT_ENOSYS after saying that reading frames needs CAP_SYS_ADMIN (only
 * if @must is set; otherwise silently with zeros), or another code.
 */
int pu_pagemap(const void *virt, size_t n, uint64_t *phys, bool must);

/** 1 when the @n frames are consecutive. */
bool pu_contiguous(const uint64_t *phys, size_t n);

/* ---- contig.c ------------------------------------------------------------ */

/* A DMA block that must be physically contiguous, in whole pages. */
struct pu_contig_req {
	size_t size;
	uint64_t align; /* >= PU_PAGE */
	uint64_t low, high, boundary;
};

struct pu_contig {
	void *map; /* the huge page mapping, for munmap */
	size_t map_len;
	void *virt; /* the block inside it */
	uint64_t phys;
};

/**
 * pu_contig_alloc() - physically contiguous memory from adjacent huge pages
 * for a block too large (or too aligned) for one. Returns 0,
 * -DDEKIT_ENOSPC when there are not enough free huge pages (silently),
 * -DDEKIT_ERANGE when no adjacent run meets the constraints (with a
 * message), or another code.
 */
int pu_contig_alloc(const struct pu_contig_req *r, struct pu_contig *out);

/* ---- memory.c ------------------------------------------------------------ */

int pu_memory_init(void);
void pu_memory_fini(void);

/* ---- mmio.c, io.c -------------------------------------------------------- */

void pu_mmio_fini(void);
void pu_io_fini(void);

#endif /* BACKENDS_POSIX_UIO_POSIX_UIO_H */
