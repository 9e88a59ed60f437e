/*
 * pci.c — PCI on posix_uio at this stage: no functions.
 *
 * Access to PCI functions goes through libpciaccess and a UIO/VFIO binding,
 * which are not built yet; enumeration reports none (and says why once), so
 * a driver server starts and finds nothing to drive instead of failing.
 */
#include "posix_uio.h"

static atomic_bool pci_told;

int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *fns, unsigned max,
                              unsigned *count)
{
	(void)fns;
	(void)max;
	if (!count)
		return -DDEKIT_EINVAL;
	posix_uio_log_once(&pci_told,
	                   "posix_uio: PCI devices need the libpciaccess and "
	                   "UIO/VFIO support of backends/posix_uio (not built "
	                   "yet); no PCI function is available\n");
	*count = 0;
	return 0;
}

int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val)
{
	(void)fn;
	(void)off;
	(void)width;
	(void)val;
	return -DDEKIT_ENODEV; /* enumeration hands out no function */
}

int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val)
{
	(void)fn;
	(void)off;
	(void)width;
	(void)val;
	return -DDEKIT_ENODEV;
}

int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn)
{
	(void)fn;
	return -DDEKIT_ENODEV;
}
