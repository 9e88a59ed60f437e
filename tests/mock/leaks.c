/*
 * leaks.c — counts of live host objects, for tests' teardown checks.
 */
#include "mock_internal.h"
#include "posix_core.h"

#include <stdio.h>

void mock_leaks(struct mock_leaks *out)
{
	struct posix_core_counts pc;

	/*
	 * After ddekit_host_fini() threads that were told to end may still be
	 * on their way out; while the host is up, running threads (the timer
	 * thread at least) are expected, so counting them at once is right.
	 */
	if (!mock__host_up())
		posix_core_wait_threads(1000);
	posix_core_counts(&pc);
	mock__memory_counts(&out->mem_blocks, &out->dma_maps);
	out->threads = pc.threads > 0 ? (unsigned long)pc.threads : 0;
	out->mutexes = pc.mutexes > 0 ? (unsigned long)pc.mutexes : 0;
	out->events = pc.events > 0 ? (unsigned long)pc.events : 0;
	out->irqs = mock__irq_live();
	out->io_ranges = mock__io_live();
	out->mmio_maps = mock__mmio_live();
}

int mock_leak_report(char *buf, size_t len)
{
	static const char *const what[] = {
	    "memory blocks", "DMA mappings",  "threads",
	    "mutexes",       "events",        "interrupt sources",
	    "port ranges",   "MMIO mappings",
	};
	unsigned long counts[8], total = 0;
	struct mock_leaks l;
	size_t used = 0;

	mock_leaks(&l);
	counts[0] = l.mem_blocks;
	counts[1] = l.dma_maps;
	counts[2] = l.threads;
	counts[3] = l.mutexes;
	counts[4] = l.events;
	counts[5] = l.irqs;
	counts[6] = l.io_ranges;
	counts[7] = l.mmio_maps;
	if (buf && len)
		buf[0] = '\0';
	for (unsigned i = 0; i < 8; i++) {
		int w;

		if (!counts[i])
			continue;
		total += counts[i];
		if (!buf || used >= len)
			continue;
		w = snprintf(buf + used, len - used, "%s%lu %s",
		             used ? ", " : "leaked: ", counts[i], what[i]);
		if (w > 0)
			used += (size_t)w;
	}
	return total > INT32_MAX ? INT32_MAX : (int)total;
}
