/*
 * conf_util.c — helpers the test areas share: helper threads, waiting with a
 * bound, zeroed allocations.
 */
#include "runner.h"

#include <string.h>

#include <ddekit/memory.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

int conf_wait(struct conf_test_ctx *t, struct ddekit_sem *sem, unsigned n,
              const char *what)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (ddekit_sem_down_timed(sem, CONF_TIMEOUT_MS) != 0) {
			conf_fail(t, __FILE__, __LINE__,
			          "%s: only %u of %u within %u ms", what, i, n,
			          CONF_TIMEOUT_MS);
			return -1;
		}
	}
	return 0;
}

void *conf_zalloc(struct conf_test_ctx *t, unsigned size)
{
	void *p = ddekit_simple_malloc(size);

	if (!p) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_simple_malloc(%u) returned NULL", size);
		return NULL;
	}
	memset(p, 0, size);
	return p;
}

int conf_crew_init(struct conf_test_ctx *t, struct conf_crew *crew)
{
	memset(crew, 0, sizeof(*crew));
	crew->started = ddekit_sem_init(0);
	crew->release = ddekit_sem_init(0);
	crew->done = ddekit_sem_init(0);
	if (crew->started && crew->release && crew->done)
		return 0;
	conf_fail(t, __FILE__, __LINE__, "ddekit_sem_init(0) returned NULL");
	if (crew->started)
		ddekit_sem_deinit(crew->started);
	if (crew->release)
		ddekit_sem_deinit(crew->release);
	if (crew->done)
		ddekit_sem_deinit(crew->done);
	memset(crew, 0, sizeof(*crew));
	return -1;
}

int conf_crew_start(struct conf_test_ctx *t, struct conf_crew *crew,
                    void (*fn)(void *), void *arg, const char *name,
                    struct ddekit_thread **thread)
{
	ddekit_thread_t *th = ddekit_thread_create(fn, arg, name);

	if (thread)
		*thread = th;
	if (!th) {
		conf_fail(t, __FILE__, __LINE__,
		          "ddekit_thread_create(\"%s\") returned NULL after %u "
		          "threads",
		          name, crew->created);
		return -1;
	}
	crew->created++;
	return 0;
}

int conf_crew_wait_started(struct conf_test_ctx *t, struct conf_crew *crew,
                           unsigned n)
{
	return conf_wait(t, crew->started, n, "threads started");
}

int conf_crew_finish(struct conf_test_ctx *t, struct conf_crew *crew)
{
	unsigned i;

	if (!crew->done)
		return 0;
	for (i = 0; i < crew->created; i++)
		ddekit_sem_up(crew->release);
	if (conf_wait(t, crew->done, crew->created, "threads finished") < 0)
		return -1;
	ddekit_sem_deinit(crew->started);
	ddekit_sem_deinit(crew->release);
	ddekit_sem_deinit(crew->done);
	memset(crew, 0, sizeof(*crew));
	return 0;
}
