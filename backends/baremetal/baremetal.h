/*
 * baremetal.h — what a program linked into the bare-metal image may ask
 * the backend beyond include/ddekit (tests use it for leak checks).
 *
 * The image's entry point is the program's
 *     int main(int argc, char **argv);
 * called in a thread at normal priority, with the Multiboot command line
 * split at spaces (QEMU passes "<kernel path> <-append string>"). Returning
 * 0 exits QEMU with status 33 (isa-debug-exit), anything else with 35.
 */
#ifndef BAREMETAL_BAREMETAL_H
#define BAREMETAL_BAREMETAL_H

/** Host objects still alive (created through include/ddekit/host.h). */
struct baremetal_counts {
	long threads; /* started and not yet ended */
	long mutexes;
	long events;
	long irqs;     /* attached interrupt sources */
	long dma_maps; /* streaming DMA mappings */
};

void baremetal_counts(struct baremetal_counts *out);

/** Sleeps until no thread started through host.h is alive, or @timeout_ms
 * passed; returns how many are still alive. */
long baremetal_wait_threads(unsigned timeout_ms);

/** Interrupts the ISA line @line (0-15) delivered since boot, whether a
 * source was attached or not (the timer's line 0 is not counted); 0 for
 * any other @line. Lets a test tell a driver that was interrupted from one
 * that polled. */
unsigned long baremetal_irq_line_count(unsigned line);

/** Lets the calling thread use SSE (code built with -msse2 on top of the
 * image's -mgeneral-regs-only, e.g. for floating point): no context switch
 * saves those registers, so one thread only may; SSE in any other thread
 * stops the image with a panic naming it. 0, or -1 if another thread
 * owns it already. */
int baremetal_fpu_claim(void);

/*
 * The hardware description: what cannot be enumerated, as a flattened
 * device tree (machine.dts, built in; a Multiboot module replaces it, see
 * README.md). Devices on the ISA I/O space are the nodes under /isa.
 */

/** The description in use, read-only and valid for the image's life; read
 * it with libfdt (<libfdt.h>, linked into every image). */
const void *baremetal_fdt(void);

/** 1 when it came from a Multiboot module, 0 when it is the built-in one. */
int baremetal_fdt_from_module(void);

#define BAREMETAL_ISA_MAX_RANGES 4

struct baremetal_isa_device {
	const char *name; /* the node's, e.g. "ide@1f0" */
	unsigned nports;  /* entries of port[] in use, from "reg" */
	struct {
		unsigned short base;
		unsigned len;
	} port[BAREMETAL_ISA_MAX_RANGES];
	int irq; /* ISA IRQ 0-15 ("interrupts"), -1 if none */
};

/** The @index-th (from 0, in tree order) device under /isa compatible with
 * @compatible (e.g. "libdde,legacy-ide") into *@out. Returns 0,
 * -DDEKIT_ENOENT if there is no such device, or -DDEKIT_EINVAL if its
 * "reg" or "interrupts" do not follow the binding of machine.dts. */
int baremetal_isa_device(const char *compatible, unsigned index,
                         struct baremetal_isa_device *out);

#endif /* BAREMETAL_BAREMETAL_H */
