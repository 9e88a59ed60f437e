# qemu_linux26_e1000_uio / _vfio (guest side): QEMU's e1000 is handed to
# posix_uio (uio_pci_generic, or vfio-pci behind the emulated IOMMU, as
# $mode says) and driven by drivers/linux26/net/e1000 on
# dde_linux26: DHCP, ARP and UDP round trips through QEMU's user network
# (e1000_traffic.c says what is checked). The kernel's own e1000 driver is
# never loaded.
set -eu
. /etc/libdde/posix_uio.sh

: "${mode:?set by e1000_traffic_uio.sh or _vfio.sh}"
nic=$(find_function 0x8086 0x100e)
dde-bind --bind "$mode" "$nic"
dde-bind
timed e1000_traffic --echo-port "$(cat /etc/libdde/echo_port)"
if [ "$mode" = vfio ]; then
	# Every address the driver gave the NIC was an IOVA that posix_uio
	# mapped: one outside its mappings would be an IOMMU fault here.
	# (The fault lines are those qemu_posix_uio_dma_confinement provokes.)
	if dmesg | grep -E 'DMA (Write|Read)' | grep 'fault addr'; then
		echo "FAIL: the IOMMU reported DMA faults (above)"
		exit 1
	fi
	echo "no IOMMU faults: all of the NIC's DMA went to mapped IOVAs"
fi
