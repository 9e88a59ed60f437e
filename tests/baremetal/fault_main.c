/*
 * fault_main.c — a bare-metal image that must die: it reads an address no
 * page table maps. The backend's exception handler must print the page
 * fault with its registers and a backtrace and stop QEMU with the failure
 * status; tests/baremetal checks all three.
 */
#include <ddekit/printf.h>

static volatile unsigned long *const unmapped =
    (volatile unsigned long *)0x10000000000ull; /* 1 TiB: beyond the map */

__attribute__((noinline)) static unsigned long touch(void)
{
	return *unmapped;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ddekit_printf("fault: reading 0x%llx\n",
	              (unsigned long long)(unsigned long)unmapped);
	ddekit_printf("fault: read 0x%lx, the fault did not happen\n", touch());
	return 0;
}
