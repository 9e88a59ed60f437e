# qemu_ata_bench_ahci / _piix (guest side): the same disk range, first with
# the kernel's own driver (ahci or ata_piix, loaded at boot) through
# ata_native (O_DIRECT, 64 KiB), then — after dde-bind moved the
# controller to vfio-pci or uio_pci_generic — with drivers/fbsd/ata through
# ata_ddekit, which also reads back what the kernel's driver wrote.
# Set by the caller: $kind (ahci or piix).
set -eu
. /etc/libdde/posix_uio.sh

: "${kind:?set by ata_bench_ahci.sh or ata_bench_piix.sh}"
OFFSET_MIB=1024 SIZE_MIB=128
if [ "$kind" = ahci ]; then
	ctl=
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x2922 ] &&
		   [ "${d##*/}" != 0000:00:1f.2 ]; then
			ctl=${d##*/}
		fi
	done
	mode=vfio
else
	ctl=$(find_function 0x8086 0x7010)
	mode=uio
fi
[ -n "$ctl" ] || { echo "FAIL: no $kind controller"; exit 1; }

dev=
for _ in $(seq 100); do
	for b in /sys/bus/pci/devices/$ctl/*/host*/target*/*/block/*; do
		[ -e "$b" ] && dev=/dev/${b##*/}
	done
	[ -n "$dev" ] && [ -b "$dev" ] && break
	sleep 0.1
done
[ -n "$dev" ] && [ -b "$dev" ] || { echo "FAIL: the kernel's $kind driver shows no disk"; exit 1; }
echo "kernel driver: $(basename "$(readlink /sys/bus/pci/devices/$ctl/driver)") -> $dev"
timed ata_native "$dev" $OFFSET_MIB $SIZE_MIB

dde-bind --bind $mode "$ctl"
LIBDDE_PCI_DEVICES=$ctl timed ata_ddekit $OFFSET_MIB $SIZE_MIB
