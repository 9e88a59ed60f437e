# qemu_posix_uio_wrong_setup (guest side, pc): the common mistakes give the
# documented messages and a failure status, and the fix each message names
# works:
#  - the edu bound to no driver: posix_uio owns no PCI function and says to
#    use dde-bind (and names the driver a listed function has instead);
#  - vfio-pci on a machine without IOMMU: dde-bind refuses, naming the IOMMU;
#  - not root (user nobody): device memory, interrupts, ports and
#    physical addresses are refused, each message naming the privilege;
#  - no huge pages without an IOMMU: contiguous DMA memory fails, naming
#    /proc/sys/vm/nr_hugepages.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)

expect_failure "edu not bound" \
	"no PCI function is bound to uio_pci_generic or vfio-pci.*dde-bind --bind uio" \
	ddekit_conformance_posix --quick --only pci.enumeration

expect_failure "edu named but not bound" \
	"$edu is bound to no driver, not to uio_pci_generic or vfio-pci; bind it first: dde-bind --bind uio $edu" \
	env LIBDDE_PCI_DEVICES="$edu" ddekit_conformance_posix --quick --only pci.enumeration

expect_failure "vfio-pci without an IOMMU" \
	"no IOMMU: $edu has no IOMMU group" \
	dde-bind --bind vfio "$edu"

dde-bind --bind uio "$edu"
ddekit_conformance_posix --quick --only pci.enumeration

expect_failure "not root: device memory" \
	"cannot open /sys/bus/pci/devices/$edu/resource0: Permission denied \(run as root\)" \
	posix_uio_as_nobody ddekit_conformance_posix --quick --only mmio.id_register
# Given the BAR (but not /dev/uio0), the user gets as far as interrupts.
chmod 0666 "/sys/bus/pci/devices/$edu/resource0"
expect_failure "not root: interrupts" \
	"cannot open /dev/uio0 for $edu: Permission denied \(run as root\)" \
	posix_uio_as_nobody ddekit_conformance_posix --quick --only irq.handler_sees
expect_failure "not root: ports" \
	"no access to I/O ports 0x3ff-0x3ff: the process needs CAP_SYS_RAWIO \(run as root" \
	posix_uio_as_nobody ddekit_conformance_posix --quick --only io.scratch
expect_failure "not root: physical addresses" \
	"pagemap shows no physical addresses to this process: DMA without an IOMMU needs CAP_SYS_ADMIN \(run as root\)" \
	posix_uio_as_nobody ddekit_conformance_posix --quick --only memory.contiguous_slab_objects

[ "$(cat /proc/sys/vm/nr_hugepages)" = 0 ] ||
	{ echo "FAIL: this scenario needs a guest without huge pages"; exit 1; }
expect_failure "no huge pages" \
	"no huge pages: .*echo [0-9]+ > /proc/sys/vm/nr_hugepages" \
	ddekit_conformance_posix --quick --only memory.contig_malloc_registers_its_region

echo 16 >/proc/sys/vm/nr_hugepages
ddekit_conformance_posix --quick --only memory.contig_malloc_registers_its_region
