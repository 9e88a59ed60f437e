/*
 * ata_disks.h — the ATA disk scenario (ata_disks.c), entered by a
 * host-specific main: ata_disks_main_posix.c in a Linux guest,
 * tests/baremetal/ata_disks_main.c on bare metal.
 */
#ifndef TESTS_QEMU_FBSD_ATA_DISKS_H
#define TESTS_QEMU_FBSD_ATA_DISKS_H

/**
 * ata_disks_run() - the whole scenario: bring up bddf and dde_fbsd (which
 * probes drivers/fbsd/ata, linked whole), list the disks, write the pattern
 * of ata_pattern.h through the first whole disk, read it back, measure a
 * sequential write and read in 64 KiB requests, flush, and take both
 * environments down again.
 *
 * Call after ddekit_init(), from the thread that called it; call
 * ddekit_deinit() afterwards. Prints one "ok:" line per region, a
 * "throughput:" line, "FAIL:" lines for what went wrong. Returns 0 only if
 * everything was written, read back identical and flushed, else 1.
 */
int ata_disks_run(void);

#endif /* TESTS_QEMU_FBSD_ATA_DISKS_H */
