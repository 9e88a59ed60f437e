/*
 * init.c — life cycle of the posix_uio host, and the choice of DMA mode.
 *
 * DMA goes through the IOMMU (VFIO) whenever an owned function is bound to
 * vfio-pci: all owned functions then share the container's mappings, and a
 * device can reach nothing else. Otherwise bus addresses are physical
 * addresses. LIBDDE_DMA=vfio|phys overrides the choice.
 */
#include "posix_uio.h"

#include <stdlib.h>
#include <string.h>

struct pu_state pu;

static void choose_dma(void)
{
	const char *env = getenv("LIBDDE_DMA");
	bool vfio = false, uio = false;
	unsigned i;

	for (i = 0; i < pu.ndevs; i++) {
		vfio |= pu.devs[i].drv == PU_DRV_VFIO;
		uio |= pu.devs[i].drv != PU_DRV_VFIO;
	}
	pu.dma = vfio ? PU_DMA_VFIO : PU_DMA_PHYS;
	pu.dma_reason = NULL;
	/* One DMA domain per server: with both kinds of binding, one kind's
	 * devices get addresses they cannot use. Say so rather than let
	 * their DMA fail silently. */
	if (vfio && uio && (!env || !*env))
		posix_uio_log("posix_uio: warning: functions bound to vfio-pci "
		              "and to uio_pci_generic: DMA addresses are "
		              "IOVAs, which the UIO-bound functions cannot "
		              "use; bind all of them the same way\n");
	if (!env || !*env)
		return;
	if (!strcmp(env, "phys")) {
		pu.dma = PU_DMA_PHYS;
		if (vfio)
			posix_uio_log(
			    "posix_uio: warning: LIBDDE_DMA=phys with "
			    "functions bound to vfio-pci: their DMA "
			    "to physical addresses will be blocked by "
			    "the IOMMU\n");
	} else if (!strcmp(env, "vfio")) {
		if (!vfio) {
			pu.dma = PU_DMA_NONE;
			pu.dma_reason =
			    "LIBDDE_DMA=vfio, but no owned PCI "
			    "function is bound to vfio-pci (dde-bind "
			    "--bind vfio <bdf>)";
		}
	} else {
		posix_uio_log("posix_uio: LIBDDE_DMA=%s is neither 'vfio' nor "
		              "'phys'; ignored\n",
		              env);
	}
}

int ddekit_host_init(unsigned version)
{
	int rc;

	if (version >> 16 != DDEKIT_HOST_VERSION_MAJOR) {
		posix_uio_log(
		    "posix_uio: lib/ddekit speaks host interface "
		    "%u.%u but this backend implements %u.%u; rebuild "
		    "libdde so both come from one source tree\n",
		    version >> 16, version & 0xffffu, DDEKIT_HOST_VERSION_MAJOR,
		    DDEKIT_HOST_VERSION_MINOR);
		return -DDEKIT_EPROTO;
	}
	memset(&pu, 0, sizeof(pu));
	rc = pu_pci_init();
	if (rc < 0)
		return rc;
	choose_dma();
	rc = pu_memory_init();
	if (rc < 0) {
		posix_uio_log("posix_uio: VFIO reports no usable IOVA range\n");
		pu_pci_fini();
		return rc;
	}
	return 0;
}

void ddekit_host_fini(void)
{
	/* lib/ddekit released what it knew of; anything left (mappings,
	 * DMA memory, ports) goes now so that init can run again. */
	pu_mmio_fini();
	pu_memory_fini();
	pu_io_fini();
	pu_pci_fini();
}
