/*
 * tests/conformance/conf_edu.h — QEMU's "edu" device as the suite drives it.
 *
 * Register facts from QEMU's docs/specs/edu.rst: one 1 MiB memory BAR;
 * 32-bit registers below 0x80, 32- or 64-bit ones from 0x80; an interrupt
 * that stays raised until acknowledged; a DMA engine with a 4 KiB buffer at
 * offset 0x40000 that reaches only 28-bit bus addresses.
 */
#ifndef TESTS_CONFORMANCE_CONF_EDU_H
#define TESTS_CONFORMANCE_CONF_EDU_H

#include "runner.h"

#include <ddekit/pci.h>
#include <ddekit/thread.h>

#define EDU_BAR0_SIZE 0x100000ul

#define EDU_ID               0x00 /* 0xRRrr00ed: major RR, minor rr */
#define EDU_ID_MAGIC         0xed
#define EDU_ID_MAJOR         1
#define EDU_LIVENESS         0x04 /* reads back the bitwise inverse */
#define EDU_FACTORIAL        0x08
#define EDU_STATUS           0x20
#define EDU_STATUS_COMPUTING 0x01
#define EDU_IRQ_STATUS       0x24
#define EDU_IRQ_RAISE        0x60
#define EDU_IRQ_ACK          0x64
#define EDU_DMA_SRC          0x80
#define EDU_DMA_DST          0x88
#define EDU_DMA_COUNT        0x90
#define EDU_DMA_CMD          0x98
#define EDU_DMA_START        0x01
#define EDU_DMA_TO_RAM       0x02 /* direction: device buffer -> RAM */
#define EDU_DMA_IRQ          0x04
#define EDU_DMA_IRQ_VALUE    0x100 /* what a finished transfer raises */
#define EDU_BUFFER           0x40000
#define EDU_BUFFER_SIZE      4096
#define EDU_DMA_MASK         0x0fffffffull

/* PCI command register bits. */
#define PCI_COMMAND        0x04
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

struct conf_edu {
	struct ddekit_pci_dev *dev;
	int bus, slot, func;
	unsigned long bar_start;
	unsigned long bar_len;
	char *regs; /* BAR0 as mapped by ddekit_request_mem(), or NULL */
	int irq;    /* legacy line, -1 if none */
};

/**
 * conf_edu_find() - locate the configured edu device. Returns 0, or -1
 * after failing the test with what is missing (no device configured, no
 * such device visible, no memory BAR).
 */
int conf_edu_find(struct conf_test_ctx *t, struct conf_edu *edu);

/** conf_edu_open() - find it, enable it and map BAR0. 0 or -1 (failed). */
int conf_edu_open(struct conf_test_ctx *t, struct conf_edu *edu);

/** conf_edu_close() - release BAR0 if mapped; safe on a zeroed struct. */
void conf_edu_close(struct conf_edu *edu);

ddekit_uint32_t conf_edu_read(const struct conf_edu *edu, unsigned off);
void conf_edu_write(const struct conf_edu *edu, unsigned off,
                    ddekit_uint32_t val);

/**
 * struct conf_edu_irq - an attached edu interrupt handler and what it saw.
 * The handler acknowledges whatever the device raised, ORs it into
 * @status and ups @fired once per interrupt it handled. Fields written by
 * the handler are read with atomics or after a down of @fired.
 */
struct conf_edu_irq {
	struct conf_edu *edu;
	struct ddekit_sem *fired;
	ddekit_thread_t *attached; /* what ddekit_interrupt_attach() returned */
	int is_attached;
	int count;               /* interrupts handled */
	int empty;               /* handler calls with nothing raised */
	ddekit_uint32_t status;  /* OR of the raised values seen */
	ddekit_thread_t *thread; /* thread the handler last ran in */
	int current;             /* ddekit_interrupt_current() in there */
	int inits;               /* thread_init calls */
	ddekit_thread_t *init_thread;
};

/** conf_edu_irq_attach() - attach the handler to the edu's line (not
 * shared). 0, or -1 after failing the test. */
int conf_edu_irq_attach(struct conf_test_ctx *t, struct conf_edu_irq *irq,
                        struct conf_edu *edu);

/** conf_edu_irq_detach() - detach if attached, acknowledge anything still
 * raised, free the semaphore. Safe on a zeroed struct. */
void conf_edu_irq_detach(struct conf_edu_irq *irq);

/** conf_edu_irq_count() - interrupts handled so far. */
int conf_edu_irq_count(struct conf_edu_irq *irq);

#endif /* TESTS_CONFORMANCE_CONF_EDU_H */
