# qemu_ata_bench_ahci: ata_bench.sh on q35 + AHCI (vfio-pci for libdde).
kind=ahci
. /etc/libdde/ata_bench.sh
