# qemu_posix_uio_e1000_enumerates (guest side): QEMU's e1000, first driven
# by the kernel's own e1000 driver, is moved to uio_pci_generic with
# dde-bind; posix_uio enumerates it with the 82540EM's real IDs, class and
# BARs (posix_uio_e1000_enum checks them); dde-bind --restore gives it back
# to the kernel's driver.
set -eu
. /etc/libdde/posix_uio.sh

nic=$(find_function 0x8086 0x100e)
driver() {
	basename "$(readlink "/sys/bus/pci/devices/$nic/driver")"
}
[ "$(driver)" = e1000 ] || { echo "FAIL: the e1000 driver does not hold $nic"; exit 1; }
dde-bind --bind uio "$nic"
dde-bind
timed posix_uio_e1000_enum
dde-bind --restore "$nic"
[ "$(driver)" = e1000 ] ||
	{ echo "FAIL: $nic is bound to '$(driver)' after --restore, not e1000"; exit 1; }
echo "$nic is back with the kernel's e1000 driver"
