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

#endif /* BAREMETAL_BAREMETAL_H */
