# qemu_posix_uio_dma_confinement (guest side): QEMU's edu bound to vfio-pci
# behind the emulated Intel IOMMU is told to DMA to and from bus addresses
# posix_uio never mapped (posix_uio_dma_confinement checks that memory stays
# untouched and secrets stay secret); the IOMMU must also have reported the
# blocked accesses of that very device in the kernel log.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind vfio "$edu"
timed posix_uio_dma_confinement

# The kernel names the requester as bus:dev.fn, without the PCI domain.
short=${edu#0000:}
echo "---- IOMMU faults in dmesg:"
dmesg | grep -E 'DMAR|DMA (Read|Write)' | tail -n 8
if ! dmesg | grep -E 'DMA (Write|Read)' | grep -F "[$short]" | grep -q 'fault addr'; then
	echo "FAIL: no DMAR fault reported for $short"
	exit 1
fi
echo "the IOMMU reported the blocked DMA of $short"
