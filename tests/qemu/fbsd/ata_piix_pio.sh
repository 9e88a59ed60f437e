# qemu_fbsd_ata_piix_pio: ata_piix.sh without huge pages: PIO.
mode=pio
. /etc/libdde/ata_piix.sh
