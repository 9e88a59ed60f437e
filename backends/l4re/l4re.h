/*
 * l4re.h — what a program may ask the L4Re backend beyond DDEKit: counts
 * of live host objects, to check that a torn-down environment released
 * everything.
 */
#ifndef BACKENDS_L4RE_L4RE_H
#define BACKENDS_L4RE_L4RE_H

struct ddekit_l4re_counts {
	long threads;      /* started and not yet ended */
	long sync_objects; /* mutexes and events */
	long mem;          /* DMA blocks and streaming DMA mappings */
	long irqs;         /* attached interrupt sources */
};

void ddekit_l4re_counts(struct ddekit_l4re_counts *out);

/** ddekit_l4re_wait_threads() - wait up to @timeout_ms for host threads
 * to end; returns how many still run. */
long ddekit_l4re_wait_threads(unsigned timeout_ms);

#endif /* BACKENDS_L4RE_L4RE_H */
