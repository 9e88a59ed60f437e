/*
 * pages.c — physical addresses of the process's pages and huge pages.
 *
 * /proc/self/pagemap holds one 64-bit entry per virtual page: bit 63 says
 * the page is present, bits 0-54 hold its frame number. Since Linux 4.2 the
 * frame number reads as 0 without CAP_SYS_ADMIN, which is how a missing
 * privilege shows.
 */
#include "posix_uio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PM_PRESENT (1ull << 63)
#define PM_PFN     ((1ull << 55) - 1)

static atomic_bool pagemap_told;

int pu_pagemap(const void *virt, size_t n, uint64_t *phys, bool must)
{
	uint64_t *e = NULL;
	size_t i, bytes = n * sizeof(*e);
	ssize_t got;
	int fd, rc = 0;

	if (!n)
		return 0;
	e = malloc(bytes);
	if (!e)
		return -DDEKIT_ENOMEM;
	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = pu_err(errno);
		if (must)
			posix_uio_log("posix_uio: cannot open "
			              "/proc/self/pagemap: %s\n",
			              strerror(errno));
		goto out;
	}
	got = pread(fd, e, bytes,
	            (off_t)((uintptr_t)virt / PU_PAGE * sizeof(*e)));
	close(fd);
	if (got != (ssize_t)bytes) {
		rc = -DDEKIT_EIO;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!(e[i] & PM_PRESENT)) {
			rc = -DDEKIT_EFAULT; /* callers fault pages in first */
			goto out;
		}
		if (!(e[i] & PM_PFN)) {
			if (!must) {
				memset(phys, 0, n * sizeof(*phys));
				goto out;
			}
			posix_uio_log_once(
			    &pagemap_told,
			    "posix_uio: /proc/self/pagemap shows no physical "
			    "addresses to this process: DMA without an IOMMU "
			    "needs CAP_SYS_ADMIN (run as root), or bind the "
			    "device to vfio-pci (dde-bind --bind vfio <bdf>) "
			    "to use the IOMMU\n");
			rc = -DDEKIT_ENOSYS;
			goto out;
		}
		phys[i] = (e[i] & PM_PFN) * PU_PAGE;
	}
out:
	free(e);
	return rc;
}

bool pu_contiguous(const uint64_t *phys, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (phys[i] != phys[0] + i * PU_PAGE)
			return false;
	return true;
}
