/*
 * thread.c — threads (pthreads, which are L4 threads on L4Re), the mutex
 * and the event.
 *
 * Events are a flag under a pthread mutex and condition variable. L4Re's
 * pthread_cond_timedwait() takes CLOCK_REALTIME, which L4Re's libc derives
 * from the KIP clock, so a deadline on ddekit_host_clock_ns() becomes "now
 * on CLOCK_REALTIME plus what is left", rechecked after every wakeup so a
 * wait never ends early.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "l4re.h"
#include "l4re_backend.h"

struct start_rec {
	void (*fn)(void *);
	void *arg;
};

static _Thread_local void *thread_data;
static atomic_long threads_live, sync_live;

long l4re_thread_live(void)
{
	return atomic_load(&threads_live);
}

long l4re_sync_live(void)
{
	return atomic_load(&sync_live);
}

static void *trampoline(void *p)
{
	struct start_rec rec = *(struct start_rec *)p;

	free(p);
	rec.fn(rec.arg);
	atomic_fetch_sub(&threads_live, 1);
	return NULL;
}

int ddekit_host_thread_start(const char *name, enum ddekit_host_prio prio,
                             void (*fn)(void *), void *arg)
{
	struct start_rec *rec;
	pthread_attr_t attr;
	pthread_t t;
	int err;

	/* L4Re's pthreads run at one priority unless told otherwise; the
	 * three host levels map onto it (lib/ddekit does not depend on
	 * preemption by priority). */
	(void)name;
	(void)prio;
	rec = malloc(sizeof(*rec));
	if (!rec)
		return -DDEKIT_ENOMEM;
	rec->fn = fn;
	rec->arg = arg;
	if (pthread_attr_init(&attr) != 0) {
		free(rec);
		return -DDEKIT_ENOMEM;
	}
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&threads_live, 1);
	err = pthread_create(&t, &attr, trampoline, rec);
	pthread_attr_destroy(&attr);
	if (err) {
		atomic_fetch_sub(&threads_live, 1);
		free(rec);
		return err == ENOMEM ? -DDEKIT_ENOMEM : -DDEKIT_EAGAIN;
	}
	return 0;
}

void ddekit_host_thread_exit(void)
{
	atomic_fetch_sub(&threads_live, 1);
	pthread_exit(NULL);
}

void ddekit_host_thread_yield(void)
{
	l4_thread_yield();
}

void ddekit_host_thread_set_data(void *data)
{
	thread_data = data;
}

void *ddekit_host_thread_get_data(void)
{
	return thread_data;
}

/* ---- mutex ----------------------------------------------------------------
 */

struct ddekit_host_mutex {
	pthread_mutex_t m;
};

int ddekit_host_mutex_create(struct ddekit_host_mutex **out)
{
	struct ddekit_host_mutex *m = malloc(sizeof(*m));

	if (!m)
		return -DDEKIT_ENOMEM;
	if (pthread_mutex_init(&m->m, NULL) != 0) {
		free(m);
		return -DDEKIT_ENOMEM;
	}
	atomic_fetch_add(&sync_live, 1);
	*out = m;
	return 0;
}

void ddekit_host_mutex_destroy(struct ddekit_host_mutex *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->m);
	free(m);
	atomic_fetch_sub(&sync_live, 1);
}

void ddekit_host_mutex_lock(struct ddekit_host_mutex *m)
{
	pthread_mutex_lock(&m->m);
}

void ddekit_host_mutex_unlock(struct ddekit_host_mutex *m)
{
	pthread_mutex_unlock(&m->m);
}

/* ---- event ----------------------------------------------------------------
 */

struct ddekit_host_event {
	pthread_mutex_t m;
	pthread_cond_t c;
	int set;
};

int ddekit_host_event_create(struct ddekit_host_event **out)
{
	struct ddekit_host_event *e = malloc(sizeof(*e));

	if (!e)
		return -DDEKIT_ENOMEM;
	if (pthread_mutex_init(&e->m, NULL) != 0)
		goto out_free;
	if (pthread_cond_init(&e->c, NULL) != 0) {
		pthread_mutex_destroy(&e->m);
		goto out_free;
	}
	e->set = 0;
	atomic_fetch_add(&sync_live, 1);
	*out = e;
	return 0;

out_free:
	free(e);
	return -DDEKIT_ENOMEM;
}

void ddekit_host_event_destroy(struct ddekit_host_event *e)
{
	if (!e)
		return;
	pthread_cond_destroy(&e->c);
	pthread_mutex_destroy(&e->m);
	free(e);
	atomic_fetch_sub(&sync_live, 1);
}

/* CLOCK_REALTIME @left_ns from now. */
static struct timespec realtime_in(uint64_t left_ns)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	/* Far deadlines are capped; the loop waits again. */
	if (left_ns > 3600ull * 1000000000ull)
		left_ns = 3600ull * 1000000000ull;
	ts.tv_sec += (time_t)(left_ns / 1000000000ull);
	ts.tv_nsec += (long)(left_ns % 1000000000ull);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

int ddekit_host_event_wait(struct ddekit_host_event *e, uint64_t deadline_ns)
{
	int rc = 0;

	pthread_mutex_lock(&e->m);
	while (!e->set) {
		struct timespec ts;
		uint64_t now;

		if (deadline_ns == DDEKIT_HOST_FOREVER) {
			pthread_cond_wait(&e->c, &e->m);
			continue;
		}
		now = ddekit_host_clock_ns();
		if (now >= deadline_ns) {
			rc = -DDEKIT_ETIMEDOUT;
			goto out;
		}
		ts = realtime_in(deadline_ns - now);
		pthread_cond_timedwait(&e->c, &e->m, &ts);
	}
	e->set = 0;
out:
	pthread_mutex_unlock(&e->m);
	return rc;
}

void ddekit_host_event_signal(struct ddekit_host_event *e)
{
	pthread_mutex_lock(&e->m);
	e->set = 1;
	pthread_cond_signal(&e->c);
	pthread_mutex_unlock(&e->m);
}

/* ---- counts (l4re.h) ------------------------------------------------------
 */

void ddekit_l4re_counts(struct ddekit_l4re_counts *out)
{
	out->threads = l4re_thread_live();
	out->sync_objects = l4re_sync_live();
	out->mem = l4re_mem_live();
	out->irqs = l4re_irq_live();
}

long ddekit_l4re_wait_threads(unsigned timeout_ms)
{
	uint64_t end = ddekit_host_clock_ns() + (uint64_t)timeout_ms * 1000000u;
	long n;

	while ((n = l4re_thread_live()) > 0 && ddekit_host_clock_ns() < end)
		ddekit_host_thread_yield();
	return n;
}
