# qemu_posix_uio_large_dma (guest side): without an IOMMU (pc, edu bound to
# uio_pci_generic), a 6 MiB DMA block is physically contiguous: posix_uio
# assembles it from adjacent huge pages (hugepages= reserves them at boot;
# mem=256M keeps them within the edu's 28-bit reach), and the edu reaches
# its first and last huge page at bus address + offset.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind uio "$edu"
grep HugePages_ /proc/meminfo
timed posix_uio_large_dma
free=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages)
total=$(cat /proc/sys/vm/nr_hugepages)
[ "$free" = "$total" ] ||
	{ echo "FAIL: $free of $total huge pages free after the program ended"; exit 1; }
echo "all $total huge pages free again"
