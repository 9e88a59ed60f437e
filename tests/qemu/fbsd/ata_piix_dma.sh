# qemu_fbsd_ata_piix_dma: ata_piix.sh, huge pages for the DMA buffer.
mode=dma
. /etc/libdde/ata_piix.sh
