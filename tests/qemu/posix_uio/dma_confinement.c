/*
 * dma_confinement.c — with VFIO, a device reaches only the memory posix_uio
 * mapped for it (the confinement DESIGN.md promises).
 *
 * QEMU's edu, bound to vfio-pci behind the emulated Intel IOMMU, is told to
 * DMA to and from bus addresses that were never mapped: the physical
 * addresses of two pages of this process, which is exactly where a device
 * without an IOMMU would land. The page the device was told to write must
 * stay unchanged, and the secret in the page it was told to read must not
 * come back. A transfer between mapped buffers first proves that the DMA
 * path itself works, so that the refusals mean something. The guest script
 * then finds the IOMMU's fault report for the edu in dmesg.
 *
 * Exit status 0 only when every check holds.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <ddekit/ddekit.h>
#include <ddekit/dma.h>
#include <ddekit/errno.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>

#include "edu_dma.h"

#define PAGE         4096u
#define LEN          1024u
#define VICTIM_TRIES 64

static char *regs;

static uint64_t phys_of(const void *page)
{
	uint64_t entry = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return 0;
	if (pread(fd, &entry, sizeof(entry),
	          (off_t)((uintptr_t)page / PAGE * sizeof(entry))) !=
	    (ssize_t)sizeof(entry))
		entry = 0;
	close(fd);
	if (!(entry & (1ull << 63)))
		return 0;
	return (entry & ((1ull << 55) - 1)) * PAGE;
}

/* Is @addr inside one of the @n mapped pages at @mapped? */
static int is_mapped(uint64_t addr, const uint64_t *mapped, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (addr >= mapped[i] && addr < mapped[i] + PAGE)
			return 1;
	return 0;
}

/*
 * A locked page filled with @fill whose physical address the edu can
 * express (28 bits) and which no IOVA of ours covers: so the IOMMU, not
 * luck, decides what happens there.
 */
static unsigned char *victim(unsigned char fill, const uint64_t *mapped,
                             unsigned n, uint64_t *phys)
{
	unsigned i;

	for (i = 0; i < VICTIM_TRIES; i++) {
		unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return NULL;
		memset(p, fill, PAGE);
		if (mlock(p, PAGE) == 0) {
			*phys = phys_of(p);
			if (*phys && *phys + PAGE - 1 <= EDU_DMA_MASK &&
			    !is_mapped(*phys, mapped, n))
				return p;
		}
		/* Kept mapped so the next try gets another page. */
	}
	return NULL;
}

static unsigned count_byte(const unsigned char *p, unsigned len,
                           unsigned char b)
{
	unsigned i, n = 0;

	for (i = 0; i < len; i++)
		n += p[i] == b;
	return n;
}

int main(void)
{
	struct ddekit_pci_dev *dev;
	ddekit_pci_res_t *bar;
	ddekit_dma_addr_t src_bus = 0, dst_bus = 0;
	unsigned char *src, *dst, *target, *secret;
	uint64_t mapped[2], target_phys = 0, secret_phys = 0;
	ddekit_addr_t va = 0;
	unsigned i, fails = 0, changed;
	int r;

	r = ddekit_init_checked();
	if (r < 0) {
		printf("FAIL: ddekit_init: %s\n", ddekit_strerror(r));
		return 1;
	}
	dev = ddekit_pci_find_device_by_id(0x1234, 0x11e8, NULL);
	if (!dev) {
		printf("FAIL: no edu among the functions posix_uio owns\n");
		return 1;
	}
	printf("edu at %s\n", ddekit_pci_get_slot_name(dev));
	bar = ddekit_pci_get_resource(dev, 0);
	if (ddekit_pci_enable_device(dev) < 0 ||
	    ddekit_request_mem(bar->start, bar->end - bar->start + 1, &va) <
	        0) {
		printf("FAIL: cannot enable the edu or map its BAR0\n");
		return 1;
	}
	regs = (char *)va;
	ddekit_pci_set_master(dev);

	src = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &src_bus);
	dst = ddekit_dma_alloc(PAGE, 0, EDU_DMA_MASK, &dst_bus);
	if (!src || !dst) {
		printf("FAIL: ddekit_dma_alloc failed\n");
		return 1;
	}
	mapped[0] = src_bus;
	mapped[1] = dst_bus;
	for (i = 0; i < LEN; i++)
		src[i] = (unsigned char)(i * 7 + 1);

	/* 1. The path works between mapped buffers. */
	if (edu_dma_transfer(regs, src_bus, EDU_BUFFER, LEN, 0) < 0 ||
	    edu_dma_transfer(regs, EDU_BUFFER, dst_bus, LEN, 1) < 0)
		return 1;
	if (memcmp(src, dst, LEN) != 0) {
		printf("FAIL: a DMA between mapped buffers (IOVA 0x%llx -> "
		       "0x%llx) did not copy the data\n",
		       (unsigned long long)src_bus,
		       (unsigned long long)dst_bus);
		return 1;
	}
	printf("control: IOVA 0x%llx -> edu -> IOVA 0x%llx copied %u bytes\n",
	       (unsigned long long)src_bus, (unsigned long long)dst_bus, LEN);

	/* 2. A write to memory that was never mapped for the device. */
	target = victim(0x5a, mapped, 2, &target_phys);
	secret = victim(0xc3, mapped, 2, &secret_phys);
	if (!target || !secret) {
		printf("FAIL: no page below 256 MiB outside the mapped IOVAs "
		       "(is /proc/self/pagemap readable? run as root)\n");
		return 1;
	}
	if (edu_dma_transfer(regs, EDU_BUFFER, target_phys, LEN, 1) < 0)
		return 1;
	changed = PAGE - count_byte(target, PAGE, 0x5a);
	printf("write to unmapped bus address 0x%llx (a page of ours): %u "
	       "bytes changed\n",
	       (unsigned long long)target_phys, changed);
	if (changed) {
		printf("FAIL: the device wrote memory it was never given\n");
		fails++;
	}

	/* 3. A read of memory that was never mapped for the device. */
	memset(dst, 0, PAGE);
	if (edu_dma_transfer(regs, secret_phys, EDU_BUFFER, LEN, 0) < 0 ||
	    edu_dma_transfer(regs, EDU_BUFFER, dst_bus, LEN, 1) < 0)
		return 1;
	printf("read from unmapped bus address 0x%llx: %u of %u bytes came "
	       "back as the secret 0xc3\n",
	       (unsigned long long)secret_phys, count_byte(dst, LEN, 0xc3),
	       LEN);
	if (count_byte(dst, LEN, 0xc3) == LEN) {
		printf("FAIL: the device read memory it was never given\n");
		fails++;
	}

	ddekit_dma_free(src);
	ddekit_dma_free(dst);
	ddekit_release_mem(bar->start, bar->end - bar->start + 1);
	r = ddekit_deinit();
	if (r < 0) {
		printf("FAIL: ddekit_deinit: %s\n", ddekit_errname(r));
		fails++;
	}
	printf("dma confinement: %s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
