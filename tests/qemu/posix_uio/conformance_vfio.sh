# qemu_posix_uio_conformance_vfio (guest side): the DDEKit conformance suite
# on posix_uio with QEMU's edu bound to vfio-pci behind the emulated Intel
# IOMMU (q35). Interrupts are INTx and MSI through VFIO eventfds (--msi makes
# the MSI tests part of the run); DMA goes to IOVAs that posix_uio hands out
# and maps with VFIO_IOMMU_MAP_DMA.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind vfio "$edu"
dde-bind
timed ddekit_conformance_posix --msi \
	--backend-name "posix_uio (vfio-pci, q35 + intel-iommu)"
