# qemu_linux26_e1000_uio / _vfio (guest side): QEMU's e1000 is handed to
# posix_uio (uio_pci_generic, or vfio-pci behind the emulated IOMMU, as the
# first argument says) and driven by drivers/linux26/net/e1000 on
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
