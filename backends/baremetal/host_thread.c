/*
 * host_thread.c — threads for lib/ddekit on the scheduler (sched.c).
 * The three host priorities map one to one onto scheduler levels.
 */
#include <ddekit/host.h>

#include "bm.h"

int ddekit_host_thread_start(const char *name, enum ddekit_host_prio prio,
                             void (*fn)(void *), void *arg)
{
	return bm_thread_create(name, (int)prio, fn, arg) < 0 ? -DDEKIT_ENOMEM
	                                                      : 0;
}

void ddekit_host_thread_exit(void)
{
	bm_thread_exit();
}

void ddekit_host_thread_yield(void)
{
	bm_thread_yield();
}

void ddekit_host_thread_set_data(void *data)
{
	*bm_thread_data(bm_current()) = data;
}

void *ddekit_host_thread_get_data(void)
{
	return *bm_thread_data(bm_current());
}
