/*
 * host_init.c — ddekit_host_init/fini. The platform is already up when
 * main() runs (start.c); init checks the interface version and takes the
 * PCI inventory, fini reports what lib/ddekit left alive.
 */
#include <ddekit/host.h>

#include "baremetal.h"
#include "bm.h"
#include "host.h"

struct bm_counts bm_live;

int ddekit_host_init(unsigned version)
{
	if (version >> 16 != DDEKIT_HOST_VERSION_MAJOR) {
		bm_printf("bare metal: host interface %u.%u requested, this "
		          "host implements %u.%u\n",
		          version >> 16, version & 0xffff,
		          DDEKIT_HOST_VERSION_MAJOR, DDEKIT_HOST_VERSION_MINOR);
		return -DDEKIT_EPROTO;
	}
	bm_host_pci_scan();
	return 0;
}

void ddekit_host_fini(void)
{
	struct baremetal_counts c;

	baremetal_counts(&c);
	if (c.threads || c.mutexes || c.events || c.irqs || c.dma_maps)
		bm_printf("bare metal: still alive at fini: %ld threads, %ld "
		          "mutexes, %ld events, %ld irq sources, %ld DMA "
		          "mappings\n",
		          c.threads, c.mutexes, c.events, c.irqs, c.dma_maps);
	bm_host_pci_forget();
}

void baremetal_counts(struct baremetal_counts *out)
{
	out->threads = bm_thread_count();
	out->mutexes = __atomic_load_n(&bm_live.mutexes, __ATOMIC_RELAXED);
	out->events = __atomic_load_n(&bm_live.events, __ATOMIC_RELAXED);
	out->irqs = __atomic_load_n(&bm_live.irqs, __ATOMIC_RELAXED);
	out->dma_maps = __atomic_load_n(&bm_live.dma_maps, __ATOMIC_RELAXED);
}

long baremetal_wait_threads(unsigned timeout_ms)
{
	uint64_t end = bm_clock_ns() + (uint64_t)timeout_ms * 1000000;
	uint64_t flags;

	while (bm_thread_count() && bm_clock_ns() < end) {
		flags = bm_irq_save();
		bm_block(NULL, bm_clock_ns() + 1000000); /* a 1 ms nap */
		bm_irq_restore(flags);
	}
	return bm_thread_count();
}
