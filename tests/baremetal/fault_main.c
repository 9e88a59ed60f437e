/*
 * fault_main.c — a bare-metal image that must die, in the way its command
 * line names:
 *   (nothing)      reads an address no page table maps: a page fault with
 *                  registers and a backtrace;
 *   null           reads through a NULL pointer: page 0 is not mapped;
 *   overflow       recurses without end in the thread "deep": its stack's
 *                  guard page stops it;
 *   overflow-main  the same in the boot thread ("main");
 *   sse            runs an SSE instruction in "main", which did not claim
 *                  the FPU (baremetal_fpu_claim()).
 * The backend's exception handler must name the cause, print a backtrace
 * and stop QEMU with the failure status; tests/baremetal checks each.
 */
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/printf.h>
#include <ddekit/thread.h>

static volatile unsigned long *const unmapped =
    (volatile unsigned long *)0x10000000000ull; /* 1 TiB: beyond the map */

/* Hidden from the optimiser, which would otherwise prove the read
 * undefined and drop it. */
static volatile unsigned long *volatile null_pointer;

/* Never reached: keeps the recursion formally finite. */
static volatile unsigned long depth_limit = ~0ul;

__attribute__((noinline)) static unsigned long touch(void)
{
	return *unmapped;
}

__attribute__((noinline)) static unsigned long read_null(void)
{
	return null_pointer[1];
}

__attribute__((noinline)) static unsigned long deeper(unsigned long n)
{
	volatile char frame[256];

	frame[0] = (char)n;
	if (n == depth_limit)
		return 0;
	return deeper(n + 1) + (unsigned long)frame[0];
}

static void deep_thread(void *arg)
{
	(void)arg;
	ddekit_printf("fault: recursed, result %lu\n", deeper(0));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "unmapped";

	if (!strcmp(mode, "null")) {
		ddekit_printf("fault: reading through a NULL pointer\n");
		ddekit_printf("fault: read 0x%lx\n", read_null());
	} else if (!strcmp(mode, "overflow")) {
		if (ddekit_init_checked() < 0)
			return 1;
		ddekit_printf("fault: recursing in thread deep\n");
		if (!ddekit_thread_create(deep_thread, NULL, "deep"))
			return 1;
		ddekit_thread_msleep(10000);
	} else if (!strcmp(mode, "sse")) {
		ddekit_printf("fault: SSE without the FPU\n");
		__asm__ volatile("xorps %xmm0, %xmm0");
	} else if (!strcmp(mode, "overflow-main")) {
		ddekit_printf("fault: recursing in thread main\n");
		ddekit_printf("fault: result %lu\n", deeper(0));
	} else {
		ddekit_printf("fault: reading 0x%llx\n",
		              (unsigned long long)(unsigned long)unmapped);
		ddekit_printf("fault: read 0x%lx\n", touch());
	}
	ddekit_printf("fault: the fault did not happen\n");
	return 1;
}
