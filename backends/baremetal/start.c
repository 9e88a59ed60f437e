/*
 * start.c — from boot.S to the program's main(): bring up the console, the
 * memory map, interrupts, the clock and the scheduler, in the order each
 * needs the previous, then run main() in the boot thread.
 */
#include "bm.h"

int main(int argc, char **argv);
void bm_start(uint32_t magic, uint32_t info);

void bm_start(uint32_t magic, uint32_t info)
{
	uint64_t t0;
	int r;

	bm_stack_guard_init();
	bm_serial_init();
	bm_printf("bare metal: libdde booting\n");
	bm_multiboot_parse(magic, info);
	bm_fdt_init();
	bm_idt_init();
	bm_fpu_init();
	if (bm_lapic_init() < 0)
		bm_printf("bare metal: no local APIC, no MSI\n");
	bm_intc_init();
	bm_paging_protect(); /* acpi.c has read the BIOS data area */
	bm_tsc_init();
	bm_sched_init();
	bm_pit_start_tick(BM_TICK_HZ);
	__asm__ volatile("sti");
	bm_printf("bare metal: %lu MiB free, entering main\n",
	          (unsigned long)(bm_pages_free_count() * BM_PAGE >> 20));

	t0 = bm_clock_ns();
	r = main(bm_argc, bm_argv);
	bm_printf("bare metal: main returned %d after %lu ms\n", r,
	          (unsigned long)((bm_clock_ns() - t0) / 1000000));
	bm_exit(r == 0 ? BM_EXIT_SUCCESS : BM_EXIT_FAILURE);
}
