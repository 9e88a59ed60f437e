/*
 * panic.c — ending the program: QEMU's isa-debug-exit device turns a port
 * write into the emulator's exit status, so a test harness outside sees
 * success or failure without parsing anything.
 */
#include "bm.h"

void bm_exit(unsigned code)
{
	__asm__ volatile("cli");
	bm_outb(BM_DEBUG_EXIT_PORT, (uint8_t)code);
	/* No debug-exit device (real hardware, another emulator): stop here. */
	for (;;)
		__asm__ volatile("hlt");
}

/*
 * Walks the frame-pointer chain (everything is compiled with
 * -fno-omit-frame-pointer): each frame holds the caller's %rbp and the
 * return address above it. Stops at the zero %rbp the boot code and the
 * thread trampoline start with, or at anything that is not plausibly a
 * stack address (a page that is not mapped: a fault in here would hide the
 * first one).
 */
void bm_backtrace(uint64_t rbp)
{
	int depth;

	bm_printf("backtrace (addr2line -e <image> <addresses>):\n");
	for (depth = 0; rbp && depth < 32; depth++) {
		uint64_t *frame = (uint64_t *)rbp;

		if (rbp & 7 || !bm_page_present(rbp) ||
		    !bm_page_present(rbp + 8))
			break;
		bm_printf("  #%d 0x%lx\n", depth, frame[1]);
		if (frame[0] <= rbp) /* stacks grow down: callers lie above */
			break;
		rbp = frame[0];
	}
}

void bm_panic(const char *fmt, ...)
{
	va_list ap;

	__asm__ volatile("cli");
	bm_printf("\nPANIC: ");
	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
	bm_printf("\n");
	bm_backtrace((uint64_t)__builtin_frame_address(0));
	bm_exit(BM_EXIT_FAILURE);
}
