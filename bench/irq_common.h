/*
 * irq_common.h — what the two interrupt-latency programs (irq_latency on
 * DDEKit, irq_native on raw UIO/VFIO) share: the edu registers they use, the
 * sample record and its file format, and small process helpers.
 */
#ifndef BENCH_IRQ_COMMON_H
#define BENCH_IRQ_COMMON_H

#include <stdint.h>

/* QEMU edu (docs/specs/edu.rst in QEMU). */
#define EDU_VENDOR       0x1234
#define EDU_DEVICE       0x11e8
#define EDU_BAR0_SIZE    0x100000u
#define EDU_ID           0x00
#define EDU_ID_MAGIC     0xed
#define EDU_IRQ_STATUS   0x24
#define EDU_IRQ_RAISE    0x60
#define EDU_IRQ_ACK      0x64
#define PCI_COMMAND      0x04
#define PCI_CMD_MEMORY   0x0002
#define PCI_CMD_MASTER   0x0004
#define PCI_CMD_INTX_OFF 0x0400

/* Seconds a whole run may take before the watchdog ends it. */
#define WATCHDOG_S 60

/* One measured interrupt: raise -> handler, raise -> waiter continues. */
struct sample {
	uint64_t handler_ns;
	uint64_t roundtrip_ns;
	uint64_t csw;
};

/** irq_set_program() - the name messages start with. */
void irq_set_program(const char *name);

/** irq_watchdog() - @on: end the process with a message if it is still
 * measuring after WATCHDOG_S seconds (an interrupt got lost); 0: disarm. */
void irq_watchdog(int on);

/** irq_die() - print "<program>: <message>" and exit(1). */
void irq_die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/** Voluntary + involuntary context switches of the whole process so far. */
uint64_t irq_context_switches(void);

/** qsort comparison of uint64_t. */
int irq_cmp_u64(const void *a, const void *b);

/** irq_append_samples() - append @n samples to @path, one "handler_ns
 * roundtrip_ns csw" line each (the format `irq_native report` reads). */
void irq_append_samples(const char *path, const struct sample *s,
                        unsigned long n);

#endif
