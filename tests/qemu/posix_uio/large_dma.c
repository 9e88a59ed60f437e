/*
 * large_dma.c — DMA memory larger than a huge page without an IOMMU.
 *
 * posix_uio must give a 6 MiB block that is physically contiguous (it
 * assembles adjacent huge pages), so that a device reaches every byte of it
 * at bus address + offset. QEMU's edu, bound to uio_pci_generic, copies a
 * pattern from near the start of the block to near its end through its own
 * buffer; the bytes must arrive exactly there.
 *
 * Exit status 0 only when they do and DDEKit tears down cleanly.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ddekit/ddekit.h>
#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/pci.h>
#include <ddekit/pgtab.h>
#include <ddekit/resources.h>

#include "edu_dma.h"

#define SIZE (6ul << 20)
#define LEN  2000u
#define FROM (100ul * 1024 + 24)   /* in the first huge page */
#define TO   (SIZE - 3 * 1024 - 8) /* in the last one */

static char *regs;

static int run(void)
{
	struct ddekit_pci_dev *dev;
	ddekit_pci_res_t *bar;
	ddekit_addr_t va = 0;
	ddekit_dma_addr_t bus;
	unsigned char *p;
	unsigned i;
	int fails = 0;

	dev = ddekit_pci_find_device_by_id(0x1234, 0x11e8, NULL);
	bar = dev ? ddekit_pci_get_resource(dev, 0) : NULL;
	if (!bar || ddekit_pci_enable_device(dev) < 0 ||
	    ddekit_request_mem(bar->start, bar->end - bar->start + 1, &va) <
	        0) {
		printf("FAIL: no usable edu\n");
		return 1;
	}
	regs = (char *)va;
	ddekit_pci_set_master(dev);

	p = ddekit_contig_malloc(SIZE, 0, EDU_DMA_MASK, 0, 0);
	if (!p) {
		printf("FAIL: ddekit_contig_malloc(6 MiB below 256 MiB) "
		       "returned NULL\n");
		fails++;
		goto out;
	}
	bus = ddekit_dma_bus_addr(p);
	printf("6 MiB block at bus 0x%llx, physical 0x%lx\n",
	       (unsigned long long)bus, ddekit_pgtab_get_physaddr(p));
	for (i = 0; i < LEN; i++)
		p[FROM + i] = (unsigned char)(i * 31 + 7);
	if (edu_dma_transfer(regs, bus + FROM, EDU_BUFFER, LEN, 0) < 0 ||
	    edu_dma_transfer(regs, EDU_BUFFER, bus + TO, LEN, 1) < 0) {
		fails++;
		goto out;
	}
	for (i = 0; i < LEN; i++) {
		if (p[TO + i] != p[FROM + i]) {
			printf("FAIL: byte %u arrived as 0x%02x, want 0x%02x: "
			       "the block is not contiguous at its bus "
			       "address\n",
			       i, p[TO + i], p[FROM + i]);
			fails++;
			break;
		}
	}
	if (!fails)
		printf("edu copied %u bytes from offset 0x%lx to offset 0x%lx "
		       "of the block\n",
		       LEN, FROM, TO);
out:
	ddekit_contig_free(p);
	ddekit_release_mem(bar->start, bar->end - bar->start + 1);
	return fails;
}

int main(void)
{
	int fails, r;

	r = ddekit_init_checked();
	if (r < 0) {
		printf("FAIL: ddekit_init: %s\n", ddekit_strerror(r));
		return 1;
	}
	fails = run();
	r = ddekit_deinit();
	if (r < 0) {
		printf("FAIL: ddekit_deinit: %s\n", ddekit_errname(r));
		fails++;
	}
	printf("large contiguous DMA: %s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
