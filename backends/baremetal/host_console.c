/*
 * host_console.c — console, abort and clock: the calls that work in any
 * context and before ddekit_host_init().
 */
#include <ddekit/host.h>

#include "bm.h"

void ddekit_host_console_write(const char *buf, size_t len)
{
	bm_serial_write(buf, len);
}

void ddekit_host_abort(void)
{
	bm_printf("\nbare metal: ddekit_host_abort() in thread \"%s\"\n",
	          bm_thread_name(bm_current()));
	bm_backtrace((uint64_t)__builtin_frame_address(0));
	bm_exit(BM_EXIT_FAILURE);
}

uint64_t ddekit_host_clock_ns(void)
{
	return bm_clock_ns();
}
