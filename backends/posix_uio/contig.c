/*
 * contig.c — physically contiguous memory larger than one huge page, for
 * DMA without an IOMMU.
 *
 * The kernel hands out huge pages in no particular physical order, so a
 * plain multi-page MAP_HUGETLB mapping is rarely contiguous. Instead the
 * free huge pages are taken into one hugetlbfs memory file, their frames are
 * read from /proc/self/pagemap, a run of physically adjacent ones is
 * chosen, and those file pages are mapped in physical order at one virtual
 * range; the others go back to the kernel at once (hole punching).
 */
#define _GNU_SOURCE /* memfd_create, fallocate */
#include "posix_uio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_PROBE 256 /* huge pages examined at most (512 MiB) */

struct frame {
	uint64_t phys;
	size_t index; /* page number in the memory file */
};

static int by_phys(const void *a, const void *b)
{
	const struct frame *x = a, *y = b;

	return x->phys < y->phys ? -1 : x->phys > y->phys;
}

static unsigned long free_huge_pages(void)
{
	char buf[32] = "";
	FILE *f = fopen(
	    "/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages", "re");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strtoul(buf, NULL, 10);
}

/*
 * Finds @n adjacent frames in the sorted @f[0..m) where the block fits;
 * returns the index of the first frame and sets *@at to the block's
 * physical address, or returns m.
 */
static size_t find_run(const struct frame *f, size_t m, size_t n,
                       const struct pu_contig_req *r, uint64_t *at)
{
	size_t s, run = 1;

	for (s = 0; s + n <= m; s += run) {
		uint64_t first = f[s].phys, lo, hi, x;

		for (run = 1; s + run < m &&
		              f[s + run].phys == first + run * PU_HUGE_PAGE;
		     run++)
			;
		for (size_t k = 0; k + n <= run; k++) {
			uint64_t p = f[s + k].phys;

			lo = p > r->low ? p : r->low;
			hi = p + n * PU_HUGE_PAGE - 1;
			if (hi > r->high)
				hi = r->high;
			/* The virtual range is aligned like the physical one
			 * only when the block starts at an aligned offset. */
			if (pu_place(lo, hi, r->size, r->align, r->boundary,
			             &x) &&
			    (x - p) % r->align == 0) {
				*at = x;
				return s + k;
			}
		}
	}
	return m;
}

int pu_contig_alloc(const struct pu_contig_req *r, struct pu_contig *out)
{
	size_t n = (r->size + PU_HUGE_PAGE - 1) / PU_HUGE_PAGE, m, i, first;
	size_t valign = r->align > PU_HUGE_PAGE ? r->align : PU_HUGE_PAGE;
	struct frame *f = NULL;
	uint64_t at = 0, *check = NULL;
	char *probe = MAP_FAILED, *va = NULL;
	int fd = -1, rc;

	m = free_huge_pages();
	if (m > MAX_PROBE)
		m = MAX_PROBE;
	if (m < n) {
		rc = -DDEKIT_ENOSPC;
		goto out;
	}
	fd = memfd_create("libdde-dma", MFD_CLOEXEC | MFD_HUGETLB);
	if (fd < 0 || ftruncate(fd, (off_t)(m * PU_HUGE_PAGE)) < 0) {
		rc = -DDEKIT_ENOSPC;
		goto out;
	}
	probe = mmap(NULL, m * PU_HUGE_PAGE, PROT_READ | PROT_WRITE,
	             MAP_SHARED | MAP_POPULATE, fd, 0);
	f = calloc(m, sizeof(*f));
	if (probe == MAP_FAILED || !f) {
		rc = probe == MAP_FAILED ? -DDEKIT_ENOSPC : -DDEKIT_ENOMEM;
		goto out;
	}
	for (i = 0; i < m; i++) {
		rc = pu_pagemap(probe + i * PU_HUGE_PAGE, 1, &f[i].phys, true);
		if (rc < 0)
			goto out;
		f[i].index = i;
	}
	qsort(f, m, sizeof(*f), by_phys);
	first = find_run(f, m, n, r, &at);
	if (first == m) {
		posix_uio_log("posix_uio: among %zu free huge pages there are "
		              "no %zu physically adjacent ones that hold a "
		              "%zu-byte DMA block in 0x%llx-0x%llx (align "
		              "0x%llx, boundary 0x%llx); reserve huge pages at "
		              "boot (hugepages=N) or bind the device to "
		              "vfio-pci\n",
		              m, n, r->size, (unsigned long long)r->low,
		              (unsigned long long)r->high,
		              (unsigned long long)r->align,
		              (unsigned long long)r->boundary);
		rc = -DDEKIT_ERANGE;
		goto out;
	}
	va = mmap(NULL, n * PU_HUGE_PAGE + valign, PROT_NONE,
	          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (va == MAP_FAILED) {
		va = NULL;
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	{
		/* Trim the reservation to an aligned range of n pages. */
		char *a = (char *)(((uintptr_t)va + valign - 1) &
		                   ~(uintptr_t)(valign - 1));

		if (a > va)
			munmap(va, (size_t)(a - va));
		munmap(a + n * PU_HUGE_PAGE, valign - (size_t)(a - va));
		va = a;
	}
	for (i = 0; i < n; i++) {
		void *p = mmap(va + i * PU_HUGE_PAGE, PU_HUGE_PAGE,
		               PROT_READ | PROT_WRITE,
		               MAP_SHARED | MAP_FIXED | MAP_POPULATE, fd,
		               (off_t)(f[first + i].index * PU_HUGE_PAGE));

		if (p == MAP_FAILED) {
			rc = -DDEKIT_ENOMEM;
			goto out;
		}
	}
	/* The pages in use are held by the new mapping; the rest go back. */
	munmap(probe, m * PU_HUGE_PAGE);
	probe = MAP_FAILED;
	for (i = 0; i < m; i++)
		if (i < first || i >= first + n)
			fallocate(fd,
			          FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			          (off_t)(f[i].index * PU_HUGE_PAGE),
			          (off_t)PU_HUGE_PAGE);
	/* Trust, but verify: every 4 KiB page where it must be. */
	check = malloc(n * (PU_HUGE_PAGE / PU_PAGE) * sizeof(*check));
	if (!check) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	rc = pu_pagemap(va, n * (PU_HUGE_PAGE / PU_PAGE), check, true);
	if (rc == 0 && (check[0] != f[first].phys ||
	                !pu_contiguous(check, n * (PU_HUGE_PAGE / PU_PAGE)))) {
		posix_uio_log("posix_uio: assembling contiguous huge pages "
		              "failed: the mapping is not physically "
		              "contiguous\n");
		rc = -DDEKIT_EFAULT;
	}
	if (rc < 0)
		goto out;
	out->map = va;
	out->map_len = n * PU_HUGE_PAGE;
	out->virt = va + (at - f[first].phys);
	out->phys = at;
	va = NULL;
out:
	if (va)
		munmap(va, n * PU_HUGE_PAGE);
	if (probe != MAP_FAILED)
		munmap(probe, m * PU_HUGE_PAGE);
	if (fd >= 0)
		close(fd);
	free(check);
	free(f);
	return rc;
}
