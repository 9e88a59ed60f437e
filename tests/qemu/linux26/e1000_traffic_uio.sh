# qemu_linux26_e1000_uio: e1000_traffic.sh with uio_pci_generic.
mode=uio
. /etc/libdde/e1000_traffic.sh
