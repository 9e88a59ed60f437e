# qemu_fbsd_ata_ahci (guest side): the AHCI controller added with
# -device ahci (not q35's built-in one at 00:1f.2, which shares its IOMMU
# group with the LPC bridge) goes to vfio-pci; fbsd_ata_disks drives its
# disk with interrupt-driven DMA at IOVAs. The kernel's ahci module is not
# loaded; if it was built in and took the function, dde-bind moves it.
set -eu
. /etc/libdde/posix_uio.sh

hba=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x2922 ] &&
	   [ "${d##*/}" != 0000:00:1f.2 ]; then
		hba=${d##*/}
	fi
done
if [ -z "$hba" ]; then
	echo "FAIL: no AHCI function besides 00:1f.2"
	exit 1
fi
dde-bind --bind vfio "$hba"
dde-bind
LIBDDE_PCI_DEVICES=$hba timed fbsd_ata_disks
