# qemu_ata_bench_piix: ata_bench.sh on pc + PIIX IDE (uio_pci_generic for libdde:
# bus-master DMA, polled).
kind=piix
. /etc/libdde/ata_bench.sh
