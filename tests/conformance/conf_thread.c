/*
 * conf_thread.c — threads: creation, identity, per-thread data, names, exit,
 * sleep/wakeup.
 *
 * State shared with workers lives in heap memory owned by the test and is
 * freed only after conf_crew_finish() saw every worker finish.
 */
#include "runner.h"

#include <string.h>

#include <ddekit/lock.h>
#include <ddekit/memory.h>
#include <ddekit/printf.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#define MANY_THREADS       64
#define MANY_THREADS_QUICK 16
#define ID_THREADS         8

/* ---- creation ------------------------------------------------------------ */

struct create_probe {
	struct conf_crew crew;
	void *seen_arg;
	ddekit_thread_t *self;
};

static void create_worker(void *arg)
{
	struct create_probe *p = arg;

	p->seen_arg = arg;
	p->self = ddekit_thread_myself();
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	ddekit_sem_up(p->crew.done);
}

static void create_runs_function_with_argument(struct conf_test_ctx *t)
{
	struct create_probe *p = conf_zalloc(t, sizeof(*p));

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, create_worker, p, "conf-create",
	                         NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	CONF_CHECK(t, p->seen_arg == p, "function got argument %p, want %p",
	           p->seen_arg, (void *)p);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

static void create_returns_the_new_threads_record(struct conf_test_ctx *t)
{
	struct create_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_thread_t *th = NULL;

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, create_worker, p, "conf-record", &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	CONF_CHECK(t, p->self == th,
	           "ddekit_thread_myself() in the new thread is %p, "
	           "ddekit_thread_create() returned %p",
	           (void *)p->self, (void *)th);
	CONF_CHECK(t, th != ddekit_thread_myself(),
	           "the new thread has the creator's record %p", (void *)th);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

static void myself_is_stable(struct conf_test_ctx *t)
{
	ddekit_thread_t *a = ddekit_thread_myself();
	ddekit_thread_t *b = ddekit_thread_myself();

	CONF_CHECK(t, a != NULL, "ddekit_thread_myself() returned NULL");
	CONF_CHECK(t, a == b, "two calls returned %p and %p", (void *)a,
	           (void *)b);
out:
	return;
}

/* ---- per-thread data --------------------------------------------------------
 */

struct data_probe {
	struct conf_crew crew;
	int marker;
	void *initial; /* the worker's data before it set any */
	void *own;     /* the worker's data after setting its own */
	void *later;   /* the worker's data after the creator set its own */
};

static void data_worker(void *arg)
{
	struct data_probe *p = arg;

	p->initial = ddekit_thread_get_my_data();
	ddekit_thread_set_my_data(&p->marker);
	p->own = ddekit_thread_get_my_data();
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	p->later = ddekit_thread_get_my_data();
	ddekit_sem_up(p->crew.done);
}

static void data_starts_null_and_is_per_thread(struct conf_test_ctx *t)
{
	struct data_probe *p = conf_zalloc(t, sizeof(*p));
	void *saved = ddekit_thread_get_my_data();
	ddekit_thread_t *th = NULL;
	int mine;

	if (!p)
		return;
	ddekit_thread_set_my_data(&mine);
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, data_worker, p, "conf-data", &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	CONF_CHECK(t, p->initial == NULL,
	           "a new thread's data is %p, want NULL", p->initial);
	CONF_CHECK(t, p->own == &p->marker,
	           "the thread read back %p after setting %p", p->own,
	           (void *)&p->marker);
	CONF_CHECK(t, ddekit_thread_get_data(th) == &p->marker,
	           "ddekit_thread_get_data() of the thread is %p, want %p",
	           ddekit_thread_get_data(th), (void *)&p->marker);
	CONF_CHECK(t, ddekit_thread_get_my_data() == &mine,
	           "the creator's data changed to %p when another thread set "
	           "its own",
	           ddekit_thread_get_my_data());
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->later == &p->marker,
	           "the thread's data changed to %p when the creator's was "
	           "set",
	           p->later);
out:
	ddekit_thread_set_my_data(saved);
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

static void set_data_of_another_thread_is_seen_by_it(struct conf_test_ctx *t)
{
	struct data_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_thread_t *th = NULL;
	int other;

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, data_worker, p, "conf-setdata", &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	ddekit_thread_set_data(th, &other);
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(
	    t, p->later == &other,
	    "the thread reads %p, want %p set by ddekit_thread_set_data()",
	    p->later, (void *)&other);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

/* ---- names and ids
 * ----------------------------------------------------------- */

static void name_is_copied_at_create(struct conf_test_ctx *t)
{
	struct create_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_thread_t *th = NULL;
	char name[16] = "conf-name";
	const char *got;

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, create_worker, p, name, &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	memcpy(name, "overwritten", 12);
	got = ddekit_thread_get_name(th);
	CONF_CHECK(t, got && strcmp(got, "conf-name") == 0,
	           "name is \"%s\" after the caller's buffer changed, want "
	           "\"conf-name\"",
	           got ? got : "(null)");
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

static void long_name_is_cut_to_31_characters(struct conf_test_ctx *t)
{
	static const char long_name[] =
	    "conf-0123456789abcdefghijklmnopqrstuvwxyz";
	struct create_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_thread_t *th = NULL;
	const char *got;

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, create_worker, p, long_name, &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	got = ddekit_thread_get_name(th);
	CONF_CHECK(t, got != NULL, "ddekit_thread_get_name() returned NULL");
	CONF_CHECK(t, strlen(got) == 31 && strncmp(got, long_name, 31) == 0,
	           "name is \"%s\" (%u characters), want the first 31 of "
	           "\"%s\"",
	           got, (unsigned)strlen(got), long_name);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

struct rename_probe {
	struct conf_crew crew;
	ddekit_thread_t *before;
	ddekit_thread_t *returned;
	char name[32];
};

static void rename_worker(void *arg)
{
	struct rename_probe *p = arg;
	const char *name;

	p->before = ddekit_thread_myself();
	p->returned = ddekit_thread_setup_myself("conf-renamed");
	name = ddekit_thread_get_name(ddekit_thread_myself());
	ddekit_snprintf(p->name, sizeof(p->name), "%s", name ? name : "");
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	ddekit_sem_up(p->crew.done);
}

static void setup_myself_renames_a_ddekit_thread(struct conf_test_ctx *t)
{
	struct rename_probe *p = conf_zalloc(t, sizeof(*p));

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, rename_worker, p, "conf-rename",
	                         NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	CONF_CHECK(t, p->returned == p->before,
	           "returned %p, the thread's record is %p",
	           (void *)p->returned, (void *)p->before);
	CONF_CHECK(t, strcmp(p->name, "conf-renamed") == 0,
	           "name is \"%s\", want \"conf-renamed\"", p->name);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

struct id_probe;

struct id_slot {
	struct id_probe *probe;
	int id;
};

struct id_probe {
	struct conf_crew crew;
	struct id_slot slot[ID_THREADS];
};

static void id_worker(void *arg)
{
	struct id_slot *s = arg;
	struct id_probe *p = s->probe;

	s->id = ddekit_thread_get_id(ddekit_thread_myself());
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	ddekit_sem_up(p->crew.done);
}

static void ids_are_positive_and_unique(struct conf_test_ctx *t)
{
	struct id_probe *p = conf_zalloc(t, sizeof(*p));
	int self = ddekit_thread_get_id(ddekit_thread_myself());
	unsigned i, j;

	if (!p)
		return;
	CONF_CHECK(t, self > 0, "the calling thread's id is %d", self);
	CONF_TRY(conf_crew_init(t, &p->crew));
	for (i = 0; i < ID_THREADS; i++) {
		p->slot[i].probe = p;
		CONF_TRY(conf_crew_start(t, &p->crew, id_worker, &p->slot[i],
		                         "conf-id", NULL));
	}
	CONF_TRY(conf_crew_wait_started(t, &p->crew, ID_THREADS));
	for (i = 0; i < ID_THREADS; i++) {
		CONF_CHECK(t, p->slot[i].id > 0, "thread %u has id %d", i,
		           p->slot[i].id);
		CONF_CHECK(t, p->slot[i].id != self,
		           "thread %u has the caller's id %d", i, self);
		for (j = 0; j < i; j++)
			CONF_CHECK(t, p->slot[i].id != p->slot[j].id,
			           "threads %u and %u both have id %d", j, i,
			           p->slot[i].id);
	}
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

/* ---- exit
 * --------------------------------------------------------------------- */

/*
 * Called through a volatile pointer so the compiler cannot know it does not
 * return and keeps the code after the call, which shows whether it ran.
 */
static void (*volatile exit_call)(void) = ddekit_thread_exit;
static int ran_past_exit;

static void exit_worker(void *arg)
{
	struct conf_crew *crew = arg;

	ddekit_sem_up(crew->started);
	ddekit_sem_down(crew->release);
	ddekit_sem_up(crew->done);
	exit_call();
	__atomic_store_n(&ran_past_exit, 1, __ATOMIC_SEQ_CST);
}

static void exit_ends_the_thread_at_once(struct conf_test_ctx *t)
{
	struct conf_crew *crew = conf_zalloc(t, sizeof(*crew));

	if (!crew)
		return;
	__atomic_store_n(&ran_past_exit, 0, __ATOMIC_SEQ_CST);
	CONF_TRY(conf_crew_init(t, crew));
	CONF_TRY(
	    conf_crew_start(t, crew, exit_worker, crew, "conf-exit", NULL));
	if (conf_crew_finish(t, crew) < 0) {
		crew = NULL;
		goto out;
	}
	ddekit_thread_msleep(CONF_QUIET_MS);
	CONF_CHECK(t, !__atomic_load_n(&ran_past_exit, __ATOMIC_SEQ_CST),
	           "code after ddekit_thread_exit() ran");
out:
	if (crew && conf_crew_finish(t, crew) == 0)
		ddekit_simple_free(crew);
}

/* ---- many threads
 * -------------------------------------------------------------- */

struct many_probe;

struct many_slot {
	struct many_probe *probe;
	int ran;
};

struct many_probe {
	struct conf_crew crew;
	struct many_slot slot[MANY_THREADS];
};

static void many_worker(void *arg)
{
	struct many_slot *s = arg;
	struct many_probe *p = s->probe;

	s->ran = 1;
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	ddekit_sem_up(p->crew.done);
}

static void many_threads_live_at_once(struct conf_test_ctx *t)
{
	struct many_probe *p = conf_zalloc(t, sizeof(*p));
	unsigned n = conf_iters(t, MANY_THREADS, MANY_THREADS_QUICK);
	unsigned i;

	if (!p)
		return;
	CONF_TRY(conf_crew_init(t, &p->crew));
	for (i = 0; i < n; i++) {
		p->slot[i].probe = p;
		CONF_TRY(conf_crew_start(t, &p->crew, many_worker, &p->slot[i],
		                         "conf-many", NULL));
	}
	/* Every worker holds until released: all n are alive together. */
	CONF_TRY(conf_crew_wait_started(t, &p->crew, n));
	for (i = 0; i < n; i++)
		CONF_CHECK(t, p->slot[i].ran,
		           "thread %u did not run its own "
		           "argument",
		           i);
	conf_note(t, "%u threads alive at once", n);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

/* ---- sleep and wakeup
 * ------------------------------------------------------------ */

struct sleep_probe {
	struct conf_crew crew;
	ddekit_lock_t lock;
	int flag;
	int woke;
};

static void sleeper(void *arg)
{
	struct sleep_probe *p = arg;

	ddekit_lock_lock(&p->lock);
	ddekit_sem_up(p->crew.started);
	while (!p->flag)
		ddekit_thread_sleep(&p->lock);
	p->woke = 1;
	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->crew.done);
}

static void wakeup_wakes_a_sleeping_thread(struct conf_test_ctx *t)
{
	struct sleep_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_thread_t *th = NULL;

	if (!p)
		return;
	ddekit_lock_init(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init() gave no lock");
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, sleeper, p, "conf-sleeper", &th));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	ddekit_lock_lock(&p->lock);
	p->flag = 1;
	ddekit_thread_wakeup(th);
	ddekit_lock_unlock(&p->lock);
	/* conf_crew_finish() fails the test if the sleeper never wakes. */
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->woke, "the sleeper did not get past its sleep");
out:
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock)
			ddekit_lock_deinit(&p->lock);
		ddekit_simple_free(p);
	}
}

/* Wakes its target if the test did not cancel it in time: keeps a broken
 * ddekit_thread_sleep() from hanging the suite. */
struct rescue_probe {
	struct conf_crew crew;
	ddekit_thread_t *target;
	int rescued;
};

static void rescuer(void *arg)
{
	struct rescue_probe *p = arg;

	if (ddekit_sem_down_timed(p->crew.release, CONF_TIMEOUT_MS) != 0) {
		p->rescued = 1;
		ddekit_thread_wakeup(p->target);
		ddekit_sem_down(p->crew.release);
	}
	ddekit_sem_up(p->crew.done);
}

static void wakeup_before_sleep_is_not_lost(struct conf_test_ctx *t)
{
	struct rescue_probe *p = conf_zalloc(t, sizeof(*p));
	ddekit_lock_t lock = NULL;

	if (!p)
		return;
	ddekit_lock_init(&lock);
	CONF_CHECK(t, lock, "ddekit_lock_init() gave no lock");
	p->target = ddekit_thread_myself();
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, rescuer, p, "conf-rescuer", NULL));
	ddekit_lock_lock(&lock);
	ddekit_thread_wakeup(ddekit_thread_myself());
	ddekit_thread_sleep(&lock);
	ddekit_lock_unlock(&lock);
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, !p->rescued,
	           "the sleep lasted %u ms despite the earlier wakeup",
	           CONF_TIMEOUT_MS);
out:
	if (lock)
		ddekit_lock_deinit(&lock);
	if (p && conf_crew_finish(t, &p->crew) == 0)
		ddekit_simple_free(p);
}

static const struct conf_test tests[] = {
    {"create_runs_function_with_argument", create_runs_function_with_argument},
    {"create_returns_the_new_threads_record",
     create_returns_the_new_threads_record},
    {"myself_is_stable", myself_is_stable},
    {"data_starts_null_and_is_per_thread", data_starts_null_and_is_per_thread},
    {"set_data_of_another_thread_is_seen_by_it",
     set_data_of_another_thread_is_seen_by_it},
    {"name_is_copied_at_create", name_is_copied_at_create},
    {"long_name_is_cut_to_31_characters", long_name_is_cut_to_31_characters},
    {"setup_myself_renames_a_ddekit_thread",
     setup_myself_renames_a_ddekit_thread},
    {"ids_are_positive_and_unique", ids_are_positive_and_unique},
    {"exit_ends_the_thread_at_once", exit_ends_the_thread_at_once},
    {"many_threads_live_at_once", many_threads_live_at_once},
    {"wakeup_wakes_a_sleeping_thread", wakeup_wakes_a_sleeping_thread},
    {"wakeup_before_sleep_is_not_lost", wakeup_before_sleep_is_not_lost},
};

CONF_AREA(conf_area_thread, "thread", tests);
