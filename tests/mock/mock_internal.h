/*
 * tests/mock/mock_internal.h — what the files of the mock machine share.
 *
 * Internal names are mock__* (two underscores); mock_* is the control API of
 * mock.h and model.h.
 *
 * Locking: every device has one recursive lock that serialises its model and
 * its configuration space (recursive because a model's register write may
 * start device DMA or change its interrupt, which look at the command
 * register again). The memory, interrupt, trace, console, I/O and MMIO parts
 * each have their own lock. The only nesting is device lock -> one of those,
 * never the other way round.
 */
#ifndef TESTS_MOCK_MOCK_INTERNAL_H
#define TESTS_MOCK_MOCK_INTERNAL_H

#include "mock.h"
#include "model.h"
#include "posix_core.h"

#include <ddekit/host.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define MOCK_CFG_SIZE 256u

/* Standard type-0 header offsets and command bits the mock interprets. */
#define MOCK_CFG_COMMAND     0x04u
#define MOCK_CFG_STATUS      0x06u
#define MOCK_CFG_BAR0        0x10u
#define MOCK_CFG_CAP_PTR     0x34u
#define MOCK_CMD_IO          0x0001u
#define MOCK_CMD_MEMORY      0x0002u
#define MOCK_CMD_MASTER      0x0004u
#define MOCK_CMD_INTX_OFF    0x0400u
#define MOCK_MSI_CAP         0x40u /* where the mock puts its MSI capability */
#define MOCK_MSI_CTRL_ENABLE 0x0001u

/** Static description of one BAR, from the tree. */
struct mock_bar {
	uint64_t base;  /* initial base address */
	uint64_t size;  /* 0: unused (or the upper half of a 64-bit BAR) */
	uint32_t flags; /* DDEKIT_HOST_BAR_* */
};

struct mock_device {
	char *name; /* node name */
	const struct mock_model *model;
	void *priv;
	pthread_mutex_t lock; /* recursive; see the file comment */
	bool pci;

	/* PCI functions */
	struct ddekit_host_pci_fn fn; /* the record enumerate hands out */
	struct mock_bar bar[6];
	unsigned msi_vectors;
	uint8_t cfg[MOCK_CFG_SIZE];   /* register image (device lock) */
	uint8_t wmask[MOCK_CFG_SIZE]; /* writable bits per byte */

	/* ISA devices */
	uint64_t port, nports;

	/* Legacy line (PCI: interrupt-line, ISA: interrupts); 0xff: none. */
	unsigned line;

	/* Interrupt state: written under both the device and the interrupt
	 * lock, so either lock suffices to read it. */
	int level;
	bool intx_disabled;          /* command register bit 10 */
	struct ddekit_host_irq *msi; /* attached MSI source, if any */
};

struct mock_machine {
	char *name;
	struct mock_device **dev; /* PCI functions in b/d/f order, then ISA */
	unsigned ndev;
	unsigned npci;
};

/** The loaded machine; NULL when none. Set and cleared only while no host
 * thread runs (load before ddekit_init(), unload after ddekit_deinit()). */
extern struct mock_machine *mock__machine;

/** Whether @fn's cookie is a device of the loaded machine; its device. */
struct mock_device *mock__device_of(const struct ddekit_host_pci_fn *fn);

/* ---- machine.c ------------------------------------------------------- */
void mock__device_lock(struct mock_device *dev);
void mock__device_unlock(struct mock_device *dev);

/* ---- pci.c ------------------------------------------------------------ */
/** Build the configuration header of a freshly parsed PCI function. */
void mock__pci_setup(struct mock_device *dev);

/**
 * mock__pci_bar_window() - where BAR @bar of @dev currently decodes
 * (device lock held). Returns false when the BAR is unused or its decoding is
 * off in the command register.
 */
bool mock__pci_bar_window(struct mock_device *dev, unsigned bar, uint64_t *base,
                          uint64_t *size);

/** The current base of BAR @bar regardless of the command register. */
uint64_t mock__pci_bar_base(struct mock_device *dev, unsigned bar);

/* ---- irq.c ------------------------------------------------------------ */
void mock__irq_reset(void);
/** The command register's interrupt-disable bit changed (device lock held). */
void mock__irq_intx_disable(struct mock_device *dev, bool off);
unsigned long mock__irq_live(void);

/* ---- memory.c --------------------------------------------------------- */
void mock__memory_reset(void);
void mock__memory_counts(unsigned long *blocks, unsigned long *maps);

/* ---- io.c / mmio.c ------------------------------------------------------ */
void mock__io_reset(void);
unsigned long mock__io_live(void);
void mock__mmio_reset(void);
unsigned long mock__mmio_live(void);

/* ---- trace.c ------------------------------------------------------------ */
void mock__trace(enum mock_access_kind kind, const char *device, uint64_t addr,
                 unsigned bar, unsigned width, uint64_t value);
void mock__trace_reset(void);

/* ---- console.c ---------------------------------------------------------- */
/** printf to the host console (captured or stderr): the POSIX core's
 * posix_core_log(). */
#define mock__log posix_core_log
void mock__console_reset(void);

/* ---- host_init.c -------------------------------------------------------- */
void mock__host_reset(void);
/** true between ddekit_host_init() and ddekit_host_fini(). */
bool mock__host_up(void);

/** All-ones of @width bytes: what a read of nothing returns. */
static inline uint64_t mock__ones(unsigned width)
{
	return width >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * width)) - 1;
}

#endif /* TESTS_MOCK_MOCK_INTERNAL_H */
