/*
 * sync.c — host mutexes and events on pthreads.
 *
 * Events wait on a condition variable bound to CLOCK_MONOTONIC, so deadlines
 * are immune to wall-clock changes and match ddekit_host_clock_ns().
 */
#include "posix_core.h"

#include <ddekit/host.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

struct ddekit_host_mutex {
	pthread_mutex_t mutex;
};

struct ddekit_host_event {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool set;
};

atomic_long posix_core_mutexes;
atomic_long posix_core_events;

int ddekit_host_mutex_create(struct ddekit_host_mutex **out)
{
	struct ddekit_host_mutex *m = malloc(sizeof(*m));

	if (!m)
		return -DDEKIT_ENOMEM;
	if (pthread_mutex_init(&m->mutex, NULL) != 0) {
		free(m);
		return -DDEKIT_ENOMEM;
	}
	atomic_fetch_add(&posix_core_mutexes, 1);
	*out = m;
	return 0;
}

void ddekit_host_mutex_destroy(struct ddekit_host_mutex *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->mutex);
	free(m);
	atomic_fetch_sub(&posix_core_mutexes, 1);
}

void ddekit_host_mutex_lock(struct ddekit_host_mutex *m)
{
	pthread_mutex_lock(&m->mutex);
}

void ddekit_host_mutex_unlock(struct ddekit_host_mutex *m)
{
	pthread_mutex_unlock(&m->mutex);
}

int ddekit_host_event_create(struct ddekit_host_event **out)
{
	struct ddekit_host_event *e = calloc(1, sizeof(*e));
	pthread_condattr_t attr;
	int rc = -DDEKIT_ENOMEM;

	if (!e)
		return rc;
	if (pthread_condattr_init(&attr) != 0)
		goto out_free;
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (pthread_cond_init(&e->cond, &attr) != 0)
		goto out_attr;
	if (pthread_mutex_init(&e->lock, NULL) != 0) {
		pthread_cond_destroy(&e->cond);
		goto out_attr;
	}
	pthread_condattr_destroy(&attr);
	atomic_fetch_add(&posix_core_events, 1);
	*out = e;
	return 0;

out_attr:
	pthread_condattr_destroy(&attr);
out_free:
	free(e);
	return rc;
}

void ddekit_host_event_destroy(struct ddekit_host_event *e)
{
	if (!e)
		return;
	pthread_cond_destroy(&e->cond);
	pthread_mutex_destroy(&e->lock);
	free(e);
	atomic_fetch_sub(&posix_core_events, 1);
}

int ddekit_host_event_wait(struct ddekit_host_event *e, uint64_t deadline_ns)
{
	struct timespec ts;
	int rc = 0;

	ts.tv_sec = (time_t)(deadline_ns / 1000000000u);
	ts.tv_nsec = (long)(deadline_ns % 1000000000u);

	pthread_mutex_lock(&e->lock);
	while (!e->set) {
		int err;

		if (deadline_ns == DDEKIT_HOST_FOREVER) {
			pthread_cond_wait(&e->cond, &e->lock);
			continue;
		}
		err = pthread_cond_timedwait(&e->cond, &e->lock, &ts);
		if (err == ETIMEDOUT && !e->set) {
			rc = -DDEKIT_ETIMEDOUT;
			break;
		}
	}
	if (rc == 0)
		e->set = false;
	pthread_mutex_unlock(&e->lock);
	return rc;
}

void ddekit_host_event_signal(struct ddekit_host_event *e)
{
	pthread_mutex_lock(&e->lock);
	e->set = true;
	pthread_mutex_unlock(&e->lock);
	/*
	 * Signalled after the unlock so that a waiter woken on this CPU does
	 * not at once block on e->lock again (bench_sync: half the event round
	 * trip). The event outlives the call: the host contract forbids
	 * destroying an object while a call on it runs, and lib/ddekit signals
	 * only under a guard the waiter must take before it can go away.
	 */
	pthread_cond_signal(&e->cond);
}
