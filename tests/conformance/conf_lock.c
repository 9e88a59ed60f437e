/*
 * conf_lock.c — sleeping locks: exclusion, try_lock, owner, hand-over, and
 * release by another thread (locks used as one-shot signals).
 */
#include "runner.h"

#include <ddekit/lock.h>
#include <ddekit/memory.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#define CONTENDERS        4
#define CONTENTION_ROUNDS 2000
#define CONTENTION_QUICK  300
#define YIELD_EVERY       8

/* ---- exclusion ----------------------------------------------------------- */

struct contention_probe {
	struct conf_crew crew;
	ddekit_lock_t lock;
	unsigned rounds;
	unsigned long counter; /* updated non-atomically under the lock */
	int inside;            /* threads inside the critical section */
	int max_inside;
};

static void contender(void *arg)
{
	struct contention_probe *p = arg;
	unsigned long v;
	unsigned i;

	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	for (i = 0; i < p->rounds; i++) {
		ddekit_lock_lock(&p->lock);
		if (++p->inside > p->max_inside)
			p->max_inside = p->inside;
		v = p->counter;
		/* Give others the chance to run inside the section if the
		 * lock let them. */
		if (i % YIELD_EVERY == 0)
			ddekit_yield();
		p->counter = v + 1;
		p->inside--;
		ddekit_lock_unlock(&p->lock);
	}
	ddekit_sem_up(p->crew.done);
}

static void excludes_under_contention_of_4_threads(struct conf_test_ctx *t)
{
	struct contention_probe *p = conf_zalloc(t, sizeof(*p));
	unsigned long want;
	unsigned i;

	if (!p)
		return;
	p->rounds = conf_iters(t, CONTENTION_ROUNDS, CONTENTION_QUICK);
	want = (unsigned long)p->rounds * CONTENDERS;
	ddekit_lock_init(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init() gave no lock");
	CONF_TRY(conf_crew_init(t, &p->crew));
	for (i = 0; i < CONTENDERS; i++)
		CONF_TRY(conf_crew_start(t, &p->crew, contender, p,
		                         "conf-contender", NULL));
	/* All contenders wait at the gate, so they start together. */
	CONF_TRY(conf_crew_wait_started(t, &p->crew, CONTENDERS));
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->max_inside == 1,
	           "%d threads were inside the critical section at once",
	           p->max_inside);
	CONF_CHECK(t, p->counter == want,
	           "counter is %lu after %u threads x %u rounds, want %lu",
	           p->counter, CONTENDERS, p->rounds, want);
	conf_note(t, "%u threads x %u lock/unlock rounds", CONTENDERS,
	          p->rounds);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock)
			ddekit_lock_deinit(&p->lock);
		ddekit_simple_free(p);
	}
}

/* ---- try_lock and owner
 * ------------------------------------------------------ */

static void try_lock_takes_a_free_lock(struct conf_test_ctx *t)
{
	ddekit_lock_t lock = NULL;
	int held = 0, r;

	ddekit_lock_init(&lock);
	CONF_CHECK(t, lock, "ddekit_lock_init() gave no lock");
	r = ddekit_lock_try_lock(&lock);
	held = r == 0;
	CONF_CHECK(t, r == 0,
	           "ddekit_lock_try_lock() on a free lock returned "
	           "%d, want 0",
	           r);
out:
	if (held)
		ddekit_lock_unlock(&lock);
	if (lock)
		ddekit_lock_deinit(&lock);
}

/* A second thread's view of a lock the test holds. */
struct holder_probe {
	struct conf_crew crew;
	ddekit_lock_t lock;
	int try_while_held;
	int owner_seen;
	int try_after_release;
};

static void holder_observer(void *arg)
{
	struct holder_probe *p = arg;

	p->try_while_held = ddekit_lock_try_lock(&p->lock);
	p->owner_seen = ddekit_lock_owner(&p->lock);
	ddekit_sem_up(p->crew.started);
	ddekit_sem_down(p->crew.release);
	p->try_after_release = ddekit_lock_try_lock(&p->lock);
	if (p->try_after_release == 0)
		ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->crew.done);
}

static void
try_lock_fails_while_another_thread_holds_it(struct conf_test_ctx *t)
{
	struct holder_probe *p = conf_zalloc(t, sizeof(*p));
	int held = 0;

	if (!p)
		return;
	ddekit_lock_init(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init() gave no lock");
	ddekit_lock_lock(&p->lock);
	held = 1;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, holder_observer, p,
	                         "conf-trylock", NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	ddekit_lock_unlock(&p->lock);
	held = 0;
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->try_while_held == -1,
	           "ddekit_lock_try_lock() of a held lock returned %d, want -1",
	           p->try_while_held);
	CONF_CHECK(t, p->try_after_release == 0,
	           "ddekit_lock_try_lock() after the release returned %d, "
	           "want 0",
	           p->try_after_release);
out:
	if (p && held)
		ddekit_lock_unlock(&p->lock);
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock)
			ddekit_lock_deinit(&p->lock);
		ddekit_simple_free(p);
	}
}

static void owner_is_the_holders_id_and_0_when_free(struct conf_test_ctx *t)
{
	struct holder_probe *p = conf_zalloc(t, sizeof(*p));
	int me = ddekit_thread_get_id(ddekit_thread_myself());
	int held = 0, owner;

	if (!p)
		return;
	ddekit_lock_init(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init() gave no lock");
	owner = ddekit_lock_owner(&p->lock);
	CONF_CHECK(t, owner == 0, "owner of a new lock is %d, want 0", owner);
	ddekit_lock_lock(&p->lock);
	held = 1;
	owner = ddekit_lock_owner(&p->lock);
	CONF_CHECK(t, owner == me, "owner is %d, the holder's id is %d", owner,
	           me);
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(conf_crew_start(t, &p->crew, holder_observer, p, "conf-owner",
	                         NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	CONF_CHECK(t, p->owner_seen == me,
	           "another thread sees owner %d, the holder's id is %d",
	           p->owner_seen, me);
	ddekit_lock_unlock(&p->lock);
	held = 0;
	owner = ddekit_lock_owner(&p->lock);
	CONF_CHECK(t, owner == 0, "owner after unlock is %d, want 0", owner);
out:
	if (p && held)
		ddekit_lock_unlock(&p->lock);
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock)
			ddekit_lock_deinit(&p->lock);
		ddekit_simple_free(p);
	}
}

static void init_locked_is_held_by_the_caller(struct conf_test_ctx *t)
{
	int me = ddekit_thread_get_id(ddekit_thread_myself());
	ddekit_lock_t lock = NULL;
	int owner;

	ddekit_lock_init_locked(&lock);
	CONF_CHECK(t, lock, "ddekit_lock_init_locked() gave no lock");
	owner = ddekit_lock_owner(&lock);
	CONF_CHECK(t, owner == me, "owner is %d, the caller's id is %d", owner,
	           me);
out:
	if (lock) {
		ddekit_lock_unlock(&lock);
		ddekit_lock_deinit(&lock);
	}
}

/* ---- hand-over
 * ---------------------------------------------------------------- */

struct waiter_probe {
	struct conf_crew crew;
	ddekit_lock_t lock;
	int got;
};

static void lock_waiter(void *arg)
{
	struct waiter_probe *p = arg;

	ddekit_sem_up(p->crew.started);
	ddekit_lock_lock(&p->lock);
	__atomic_store_n(&p->got, 1, __ATOMIC_SEQ_CST);
	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->crew.done);
}

static void unlock_wakes_a_waiting_thread(struct conf_test_ctx *t)
{
	struct waiter_probe *p = conf_zalloc(t, sizeof(*p));
	int held = 0;

	if (!p)
		return;
	ddekit_lock_init(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init() gave no lock");
	ddekit_lock_lock(&p->lock);
	held = 1;
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, lock_waiter, p, "conf-waiter", NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	ddekit_thread_msleep(CONF_QUIET_MS);
	CONF_CHECK(t, !__atomic_load_n(&p->got, __ATOMIC_SEQ_CST),
	           "another thread took the lock while it was held");
	ddekit_lock_unlock(&p->lock);
	held = 0;
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->got, "the waiting thread never got the lock");
out:
	if (p && held)
		ddekit_lock_unlock(&p->lock);
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock)
			ddekit_lock_deinit(&p->lock);
		ddekit_simple_free(p);
	}
}

static void releaser(void *arg)
{
	struct waiter_probe *p = arg;

	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->crew.done);
}

static void may_be_released_by_another_thread(struct conf_test_ctx *t)
{
	struct waiter_probe *p = conf_zalloc(t, sizeof(*p));
	uint64_t deadline;
	int got = 0;

	if (!p)
		return;
	ddekit_lock_init_locked(&p->lock);
	CONF_CHECK(t, p->lock, "ddekit_lock_init_locked() gave no lock");
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, releaser, p, "conf-releaser", NULL));
	/* Polled with try_lock so a broken hand-over fails instead of
	 * hanging the suite. */
	deadline = conf_now_ns() + CONF_TIMEOUT_MS * 1000000ull;
	for (;;) {
		got = ddekit_lock_try_lock(&p->lock) == 0;
		if (got || conf_now_ns() >= deadline)
			break;
		ddekit_thread_msleep(1);
	}
	CONF_CHECK(t, got,
	           "the lock was still held %u ms after another thread "
	           "released it",
	           CONF_TIMEOUT_MS);
out:
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->lock) {
			/* Held by us whether or not the hand-over worked;
			 * release it so it may be destroyed. */
			if (!got)
				ddekit_lock_try_lock(&p->lock);
			ddekit_lock_unlock(&p->lock);
			ddekit_lock_deinit(&p->lock);
		}
		ddekit_simple_free(p);
	}
}

static const struct conf_test tests[] = {
    {"excludes_under_contention_of_4_threads",
     excludes_under_contention_of_4_threads},
    {"try_lock_takes_a_free_lock", try_lock_takes_a_free_lock},
    {"try_lock_fails_while_another_thread_holds_it",
     try_lock_fails_while_another_thread_holds_it},
    {"owner_is_the_holders_id_and_0_when_free",
     owner_is_the_holders_id_and_0_when_free},
    {"init_locked_is_held_by_the_caller", init_locked_is_held_by_the_caller},
    {"unlock_wakes_a_waiting_thread", unlock_wakes_a_waiting_thread},
    {"may_be_released_by_another_thread", may_be_released_by_another_thread},
};

CONF_AREA(conf_area_lock, "lock", tests);
