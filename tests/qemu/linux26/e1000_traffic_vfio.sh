# qemu_linux26_e1000_vfio: e1000_traffic.sh with vfio-pci: every DMA
# address the driver hands the NIC is an IOVA.
mode=vfio
. /etc/libdde/e1000_traffic.sh
