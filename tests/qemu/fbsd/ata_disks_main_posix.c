/*
 * ata_disks_main_posix.c — the ATA disk scenario (ata_disks.c) as a program
 * for a Linux guest on posix_uio (qemu_fbsd_ata_ahci, _piix_dma, _piix_pio).
 *
 * usage: fbsd_ata_disks
 */
#include <ddekit/ddekit.h>

#include <stdio.h>

#include "ata_disks.h"

int main(void)
{
	int err, status;

	err = ddekit_init_checked();
	if (err) {
		printf("FAIL: ddekit_init: %d\n", err);
		return 1;
	}
	status = ata_disks_run();
	err = ddekit_deinit();
	if (err) {
		printf("FAIL: ddekit_deinit: %d\n", err);
		status = 1;
	}
	printf("fbsd_ata_disks: %s\n", status ? "FAIL" : "PASS");
	return status;
}
