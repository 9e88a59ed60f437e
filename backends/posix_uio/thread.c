/*
 * thread.c — host threads on pthreads (detached), with one per-thread
 * pointer for lib/ddekit.
 *
 * Priorities are not applied: real-time policies need privileges a driver
 * server should not require, and a SCHED_FIFO interrupt thread that spins
 * would starve the rest of the machine. Every thread runs at the default
 * policy, which the host contract allows.
 */
#define _GNU_SOURCE /* pthread_setname_np */
#include "posix_core.h"

#include <ddekit/host.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct start_args {
	void (*fn)(void *);
	void *arg;
	char name[16]; /* pthread names are limited to 15 characters */
};

static _Thread_local void *thread_data;
static atomic_long live_threads;

extern atomic_long posix_core_mutexes;
extern atomic_long posix_core_events;

static void *trampoline(void *p)
{
	struct start_args a = *(struct start_args *)p;

	free(p);
	pthread_setname_np(pthread_self(), a.name);
	a.fn(a.arg);
	ddekit_host_thread_exit();
}

int ddekit_host_thread_start(const char *name, enum ddekit_host_prio prio,
                             void (*fn)(void *), void *arg)
{
	struct start_args *a = malloc(sizeof(*a));
	pthread_attr_t attr;
	pthread_t tid;
	int rc = -DDEKIT_ENOMEM;

	(void)prio; /* see the file comment: default policy without privilege */
	if (!a)
		return rc;
	a->fn = fn;
	a->arg = arg;
	strncpy(a->name, name ? name : "ddekit", sizeof(a->name) - 1);
	a->name[sizeof(a->name) - 1] = '\0';

	if (pthread_attr_init(&attr) != 0)
		goto out_free;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&live_threads, 1);
	if (pthread_create(&tid, &attr, trampoline, a) != 0) {
		atomic_fetch_sub(&live_threads, 1);
		rc = -DDEKIT_EAGAIN;
		pthread_attr_destroy(&attr);
		goto out_free;
	}
	pthread_attr_destroy(&attr);
	return 0;

out_free:
	free(a);
	return rc;
}

void ddekit_host_thread_exit(void)
{
	thread_data = NULL;
	atomic_fetch_sub(&live_threads, 1);
	pthread_exit(NULL);
}

void ddekit_host_thread_yield(void)
{
	sched_yield();
}

void ddekit_host_thread_set_data(void *data)
{
	thread_data = data;
}

void *ddekit_host_thread_get_data(void)
{
	return thread_data;
}

void posix_core_counts(struct posix_core_counts *out)
{
	out->threads = atomic_load(&live_threads);
	out->mutexes = atomic_load(&posix_core_mutexes);
	out->events = atomic_load(&posix_core_events);
}

long posix_core_wait_threads(unsigned timeout_ms)
{
	struct timespec pause = {0, 1000000};
	unsigned waited = 0;

	while (atomic_load(&live_threads) > 0 && waited < timeout_ms) {
		nanosleep(&pause, NULL);
		waited++;
	}
	return atomic_load(&live_threads);
}
