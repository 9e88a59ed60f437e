/*
 * ata_disks_main.c — the ATA disk scenario (tests/qemu/fbsd/ata_disks.c) as
 * a bare-metal image: the same driver, emulation and scenario sources as
 * the Linux-guest program, on QEMU "pc" with a disk on the PIIX3's primary
 * IDE channel. Here IRQ 14 is an ISA line the backend delivers, so the
 * channel runs bus-master DMA with interrupts (its mode line says which).
 *
 * No arguments. Returns 0 (QEMU exits with status 33) only when the
 * scenario passed and the environment tore down without leaving a host
 * object behind.
 */
#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "ata_disks.h"
#include "baremetal.h"

/*
 * The driver's mode line says what it asked for; this says what it got:
 * interrupts on the primary channel's line (the hardware description's
 * first legacy IDE channel). With the disk there, no interrupt means the
 * driver completed nothing the way its mode line claims.
 */
static int report_channel_irq(void)
{
	struct baremetal_isa_device ide;
	unsigned long n;
	int r;

	r = baremetal_isa_device("libdde,legacy-ide", 0, &ide);
	if (r < 0 || ide.irq < 0) {
		ddekit_printf("FAIL: no legacy IDE channel in the hardware "
		              "description: %d\n",
		              r);
		return 1;
	}
	n = baremetal_irq_line_count((unsigned)ide.irq);
	ddekit_printf("%s: IRQ %d delivered %lu interrupts\n", ide.name,
	              ide.irq, n);
	return n == 0;
}

int main(int argc, char **argv)
{
	struct baremetal_counts left;
	int failed, r;

	if (argc > 1) {
		ddekit_printf(
		    "unknown argument \"%s\"; this image takes none\n",
		    argv[1]);
		return 2;
	}
	r = ddekit_init_checked();
	if (r != 0) {
		ddekit_printf("ddekit_init failed: %d (%s)\n", r,
		              ddekit_strerror(r));
		return 1;
	}
	failed = ata_disks_run();
	failed |= report_channel_irq();
	r = ddekit_deinit();

	/* Threads that signalled their end may still be leaving. */
	baremetal_wait_threads(1000);
	baremetal_counts(&left);
	if (r < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n", r,
		              ddekit_errname(r));
	if (left.threads || left.mutexes || left.events || left.irqs ||
	    left.dma_maps)
		ddekit_printf(
		    "teardown: still alive after deinit: %ld threads, "
		    "%ld mutexes, %ld events, %ld irq sources, %ld DMA "
		    "mappings\n",
		    left.threads, left.mutexes, left.events, left.irqs,
		    left.dma_maps);
	else if (r == 0)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no host "
		              "objects alive)\n");
	failed = failed || r < 0 || left.threads || left.mutexes ||
	         left.events || left.irqs || left.dma_maps;
	ddekit_printf("fbsd_ata_disks: %s\n", failed ? "FAIL" : "PASS");
	return failed ? 1 : 0;
}
