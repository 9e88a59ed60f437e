# qemu_smoke_pc (guest side): the harness on the pc machine. The edu device is
# found on the PCI bus, answers through its BAR (qemu_edu_probe, a static
# binary), and binds to uio_pci_generic through sysfs so that /dev/uio0
# appears.
set -eu

dev=''
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		dev=$d
	fi
done
[ -n "$dev" ] || { echo "no edu (1234:11e8) in /sys/bus/pci/devices"; exit 1; }
bdf=${dev##*/}
echo "edu at $bdf"

qemu_edu_probe mmio "$bdf"

# new_id binds every unbound device with that ID; bind covers a device that
# a previous new_id already made known to the driver.
echo "1234 11e8" >/sys/bus/pci/drivers/uio_pci_generic/new_id
[ -e "$dev/driver" ] || echo "$bdf" >/sys/bus/pci/drivers/uio_pci_generic/bind
driver=$(basename "$(readlink "$dev/driver")")
[ "$driver" = uio_pci_generic ] || { echo "edu bound to '$driver', not uio_pci_generic"; exit 1; }
[ -c /dev/uio0 ] || { echo "/dev/uio0 did not appear"; exit 1; }
[ "$(basename "$(readlink /sys/class/uio/uio0/device)")" = "$bdf" ] ||
	{ echo "/dev/uio0 is not the edu"; exit 1; }
echo "edu $bdf bound to uio_pci_generic as /dev/uio0"
