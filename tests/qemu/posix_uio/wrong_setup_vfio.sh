# qemu_posix_uio_wrong_setup_vfio (guest side, q35 + intel-iommu): the edu
# (00:04.0) shares its IOMMU group with an e1000 (00:04.1, one multifunction
# slot without ACS), which the kernel's e1000 driver holds. With the edu
# bound to vfio-pci the group is not viable: posix_uio must say so and what
# to do, and fail; after unbinding the e1000 as told, the edu works.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)
nic=$(find_function 0x8086 0x100e)
group=$(basename "$(readlink "/sys/bus/pci/devices/$edu/iommu_group")")
[ -e "/sys/kernel/iommu_groups/$group/devices/$nic" ] ||
	{ echo "FAIL: $nic is not in the edu's IOMMU group $group"; exit 1; }
[ "$(basename "$(readlink "/sys/bus/pci/devices/$nic/driver")")" = e1000 ] ||
	{ echo "FAIL: the e1000 driver does not hold $nic"; exit 1; }
dde-bind --bind vfio "$edu"
dde-bind

expect_failure "IOMMU group not viable" \
	"IOMMU group $group not viable: bind every device of the group to vfio-pci or unbind it" \
	ddekit_conformance_posix --quick --only pci.enumeration

dde-bind --unbind "$nic"
ddekit_conformance_posix --quick --only pci
