/*
 * trace.c — the ring of register and DMA accesses the models saw.
 *
 * mock_trace_count() is the number of entries kept (at most MOCK_TRACE_LEN),
 * so that indices 0 .. count-1 are always valid for mock_trace_get(); once
 * the ring is full the oldest entries drop out and the indices shift.
 * Port accesses no device decodes are recorded with device NULL. Device names
 * stay valid until the machine is unloaded.
 */
#include "mock_internal.h"

#include <pthread.h>

#define MOCK_TRACE_LEN 65536u

static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mock_access ring[MOCK_TRACE_LEN];
static size_t head;  /* index of the next entry to write */
static size_t count; /* entries kept */

void mock__trace(enum mock_access_kind kind, const char *device, uint64_t addr,
                 unsigned bar, unsigned width, uint64_t value)
{
	pthread_mutex_lock(&trace_lock);
	ring[head] = (struct mock_access){
	    .kind = kind,
	    .device = device,
	    .addr = addr,
	    .bar = bar,
	    .width = width,
	    .value = value,
	};
	head = (head + 1) % MOCK_TRACE_LEN;
	if (count < MOCK_TRACE_LEN)
		count++;
	pthread_mutex_unlock(&trace_lock);
}

void mock__trace_reset(void)
{
	mock_trace_clear();
}

size_t mock_trace_count(void)
{
	size_t n;

	pthread_mutex_lock(&trace_lock);
	n = count;
	pthread_mutex_unlock(&trace_lock);
	return n;
}

/* Caller holds trace_lock. */
static struct mock_access *entry(size_t i)
{
	if (i >= count)
		return NULL;
	return &ring[(head + MOCK_TRACE_LEN - count + i) % MOCK_TRACE_LEN];
}

const struct mock_access *mock_trace_get(size_t i)
{
	const struct mock_access *a;

	pthread_mutex_lock(&trace_lock);
	a = entry(i);
	pthread_mutex_unlock(&trace_lock);
	return a;
}

void mock_trace_clear(void)
{
	pthread_mutex_lock(&trace_lock);
	head = 0;
	count = 0;
	pthread_mutex_unlock(&trace_lock);
}

size_t mock_trace_find(enum mock_access_kind kind, uint64_t addr, size_t from)
{
	size_t found = (size_t)-1;

	pthread_mutex_lock(&trace_lock);
	for (size_t i = from; i < count; i++) {
		const struct mock_access *a = entry(i);

		if (a->kind == kind && a->addr == addr) {
			found = i;
			break;
		}
	}
	pthread_mutex_unlock(&trace_lock);
	return found;
}
