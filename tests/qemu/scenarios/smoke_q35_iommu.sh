# qemu_smoke_q35_iommu (guest side): the harness on q35 with the emulated
# Intel IOMMU. The IOMMU is on (groups exist), the edu device sits in a group,
# binds to vfio-pci through sysfs so that /dev/vfio/<group> appears, and
# qemu_edu_probe opens it through VFIO (viable group, type1 container) and
# reaches its BAR.
set -eu

groups=$(ls /sys/kernel/iommu_groups | wc -l)
[ "$groups" -gt 0 ] || { echo "no IOMMU groups: the IOMMU is off"; exit 1; }
echo "$groups IOMMU groups"

dev=''
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		dev=$d
	fi
done
[ -n "$dev" ] || { echo "no edu (1234:11e8) in /sys/bus/pci/devices"; exit 1; }
bdf=${dev##*/}
[ -e "$dev/iommu_group" ] || { echo "edu $bdf is in no IOMMU group"; exit 1; }
group=$(basename "$(readlink "$dev/iommu_group")")
echo "edu at $bdf in IOMMU group $group:" $(ls "$dev/iommu_group/devices")

echo "1234 11e8" >/sys/bus/pci/drivers/vfio-pci/new_id
[ -e "$dev/driver" ] || echo "$bdf" >/sys/bus/pci/drivers/vfio-pci/bind
driver=$(basename "$(readlink "$dev/driver")")
[ "$driver" = vfio-pci ] || { echo "edu bound to '$driver', not vfio-pci"; exit 1; }
[ -c "/dev/vfio/$group" ] || { echo "/dev/vfio/$group did not appear"; exit 1; }
echo "edu $bdf bound to vfio-pci as /dev/vfio/$group"

qemu_edu_probe vfio "$bdf"
