/*
 * thread.c — DDEKit thread records on host threads.
 *
 * Every thread lib/ddekit knows has a record in one list, sorted by id, so
 * the smallest free id is found in the same walk that inserts. Records of
 * threads lib/ddekit started are freed by the thread itself as it ends;
 * records of adopted threads (started by the host, e.g. the one calling
 * ddekit_init()) live until ddekit__thread_fini(), because nothing tells us
 * when such a thread ends.
 *
 * Lock order: a waitq guard may be held while the list lock is taken (the
 * first wait of a thread adopts it), never the other way round. Code that
 * waits with the list lock as guard must therefore be adopted beforehand.
 */
#include "internal.h"

#include <ddekit/panic.h>
#include <ddekit/printf.h>
#include <ddekit/thread.h>

#include <string.h>

/* The record plus what only this file uses, for ddekit_thread_sleep(). */
struct thread_rec {
	struct ddekit_thread t;
	struct ddekit__waitq sleepq; /* only ever the thread itself */
	bool wake_pending; /* ddekit_thread_wakeup() not yet consumed */
};

/*
 * The host's per-thread pointer holds a token, not the record. An adopted
 * thread keeps its per-thread pointer after ddekit_deinit() has freed its
 * record (a host cannot clear another thread's pointer), so a raw pointer
 * would dangle into the next environment. A token is (environment
 * generation, thread id), resolved through by_id[]; a token of an earlier
 * environment resolves to nothing and the thread is simply adopted anew.
 */
#define MAX_THREADS   4096
#define TOKEN_ID_BITS 16
static struct ddekit_thread *by_id[MAX_THREADS];
static uintptr_t generation; /* bumped by every ddekit__thread_init() */

static struct ddekit_host_mutex *list_lock;
static struct ddekit_thread *threads;
/* ddekit__thread_fini() waiting for system threads to leave. */
static struct ddekit__waitq ended_q;
/* Guards sleepq/wake_pending of every record and the sleep functions. */
static struct ddekit_host_mutex *sleep_guard;

static uintptr_t current_generation(void)
{
	return __atomic_load_n(&generation, __ATOMIC_RELAXED) &
	       (UINTPTR_MAX >> TOKEN_ID_BITS);
}

static void *token_of(const struct ddekit_thread *t)
{
	return (void *)((current_generation() << TOKEN_ID_BITS) |
	                (uintptr_t)t->id);
}

struct ddekit_thread *ddekit__thread_current(void)
{
	uintptr_t token = (uintptr_t)ddekit_host_thread_get_data();
	uintptr_t id = token & ((1u << TOKEN_ID_BITS) - 1);

	if (!token || token >> TOKEN_ID_BITS != current_generation() ||
	    id >= MAX_THREADS)
		return NULL;
	return __atomic_load_n(&by_id[id], __ATOMIC_ACQUIRE);
}

static struct thread_rec *rec_of(struct ddekit_thread *t)
{
	return (struct thread_rec *)((char *)t -
	                             offsetof(struct thread_rec, t));
}

static void copy_name(struct ddekit_thread *t, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n > sizeof(t->name) - 1)
		n = sizeof(t->name) - 1;
	if (n)
		memcpy(t->name, name, n);
	t->name[n] = '\0';
}

/* Give @t the smallest id no living thread has; list lock held. */
static void list_insert(struct ddekit_thread *t)
{
	struct ddekit_thread *prev = NULL;
	struct ddekit_thread *cur;
	int id = 1;

	for (cur = threads; cur && cur->id == id; cur = cur->next) {
		prev = cur;
		id++;
	}
	t->id = id;
	t->prev = prev;
	t->next = cur;
	if (cur)
		cur->prev = t;
	if (prev)
		prev->next = t;
	else
		threads = t;
}

static void list_remove(struct ddekit_thread *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		threads = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->next = t->prev = NULL;
}

/*
 * A new record, already in the list. An empty @name means "thread-<id>".
 * Returns NULL when out of memory or before ddekit_init().
 */
static struct ddekit_thread *rec_create(const char *name,
                                        enum ddekit__thread_kind kind)
{
	struct thread_rec *r;
	struct ddekit_thread *t = NULL;

	if (!list_lock)
		goto out;
	r = ddekit__zalloc(sizeof(*r));
	if (!r)
		goto out;
	if (ddekit_host_event_create(&r->t.event) < 0) {
		ddekit__free(r);
		goto out;
	}
	t = &r->t;
	t->kind = kind;
	t->irq = -1;
	copy_name(t, name);

	ddekit_host_mutex_lock(list_lock);
	list_insert(t);
	if (t->id >= MAX_THREADS) {
		list_remove(t);
		ddekit_host_mutex_unlock(list_lock);
		ddekit_printf("ddekit: more than %d threads\n",
		              MAX_THREADS - 1);
		ddekit_host_event_destroy(t->event);
		ddekit__free(r);
		t = NULL;
		goto out;
	}
	__atomic_store_n(&by_id[t->id], t, __ATOMIC_RELEASE);
	if (!t->name[0])
		ddekit_snprintf(t->name, sizeof(t->name), "thread-%d", t->id);
	ddekit_host_mutex_unlock(list_lock);
out:
	return t;
}

/*
 * Unlink, release and wake a waiting fini; list lock held. A waker that
 * still has to signal @t (see waitq.c) holds no lock while it does, so
 * waiting for it here under the list lock cannot deadlock.
 */
static void rec_destroy_locked(struct ddekit_thread *t)
{
	__atomic_store_n(&by_id[t->id], NULL, __ATOMIC_RELEASE);
	list_remove(t);
	ddekit__waitq_unpinned(t);
	ddekit_host_event_destroy(t->event);
	ddekit__free(rec_of(t));
	/* Signalled under the lock: once a fini or deinit sees the record
	 * gone, an ending thread must touch nothing of lib/ddekit. */
	ddekit__waitq_wake_all(&ended_q, NULL);
}

/*
 * The end of a thread lib/ddekit started. Releasing the list lock is the last
 * thing the thread does in lib/ddekit, so once a fini or deinit has seen the
 * record gone (under that lock), the thread no longer touches any state.
 */
static void thread_end(struct ddekit_thread *t)
{
	ddekit_host_mutex_lock(list_lock);
	rec_destroy_locked(t);
	ddekit_host_mutex_unlock(list_lock);
}

static void trampoline(void *p)
{
	struct ddekit_thread *t = p;

	ddekit_host_thread_set_data(token_of(t));
	t->fn(t->arg);
	thread_end(t);
}

static struct ddekit_thread *adopt(const char *name)
{
	struct ddekit_thread *t = rec_create(name, DDEKIT__THREAD_ADOPTED);

	if (t)
		ddekit_host_thread_set_data(token_of(t));
	return t;
}

struct ddekit_thread *ddekit__thread_self(void)
{
	struct ddekit_thread *t = ddekit__thread_current();

	if (t)
		return t;
	if (!list_lock)
		ddekit_panic("ddekit: adoption before ddekit_init()");
	t = adopt(NULL);
	if (!t)
		ddekit_panic("ddekit: no memory to adopt a thread");
	return t;
}

static int start(struct ddekit_thread *t, enum ddekit_host_prio prio,
                 void (*fn)(void *), void *arg)
{
	int rc;

	t->fn = fn;
	t->arg = arg;
	rc = ddekit_host_thread_start(t->name, prio, trampoline, t);
	if (rc < 0) {
		ddekit_host_mutex_lock(list_lock);
		rec_destroy_locked(t);
		ddekit_host_mutex_unlock(list_lock);
	}
	return rc;
}

int ddekit__thread_start(const char *name, enum ddekit_host_prio prio,
                         void (*fn)(void *), void *arg,
                         struct ddekit_thread **out)
{
	struct ddekit_thread *t = rec_create(name, DDEKIT__THREAD_SYSTEM);
	int rc;

	if (!t)
		return -DDEKIT_ENOMEM;
	/* Before the start: the new thread may already look at *@out. */
	*out = t;
	rc = start(t, prio, fn, arg);
	if (rc < 0)
		*out = NULL;
	return rc;
}

ddekit_thread_t *ddekit_thread_create(void (*fun)(void *), void *arg,
                                      const char *name)
{
	struct ddekit_thread *t = rec_create(name, DDEKIT__THREAD_CLIENT);

	if (!t)
		return NULL;
	if (start(t, DDEKIT_HOST_PRIO_NORMAL, fun, arg) < 0)
		return NULL;
	return t;
}

ddekit_thread_t *ddekit_thread_myself(void)
{
	return ddekit__thread_self();
}

ddekit_thread_t *ddekit_thread_setup_myself(const char *name)
{
	struct ddekit_thread *t = ddekit__thread_current();

	if (!t) {
		if (!list_lock)
			ddekit_panic("ddekit: adoption before ddekit_init()");
		/* NULL when out of memory: ddekit_init() reports that. */
		return adopt(name);
	}
	copy_name(t, name);
	return t;
}

void ddekit_init_threads(void)
{
	/* ddekit_init() did the work; see thread.h. */
	if (!list_lock)
		ddekit_debug("ddekit_init_threads() before ddekit_init()");
}

void ddekit_thread_set_data(ddekit_thread_t *thread, void *data)
{
	thread->data = data;
}

void ddekit_thread_set_my_data(void *data)
{
	ddekit__thread_self()->data = data;
}

void *ddekit_thread_get_data(ddekit_thread_t *thread)
{
	return thread->data;
}

void *ddekit_thread_get_my_data(void)
{
	return ddekit__thread_self()->data;
}

const char *ddekit_thread_get_name(ddekit_thread_t *thread)
{
	return thread->name;
}

int ddekit_thread_get_id(ddekit_thread_t *thread)
{
	return thread->id;
}

void ddekit_thread_schedule(void)
{
	ddekit_host_thread_yield();
}

void ddekit_yield(void)
{
	ddekit_host_thread_yield();
}

void ddekit_thread_exit(void)
{
	struct ddekit_thread *t = ddekit__thread_self();

	if (t->kind != DDEKIT__THREAD_CLIENT)
		ddekit_panic("ddekit_thread_exit() in thread \"%s\", which "
		             "ddekit_thread_create() did not start",
		             t->name);
	thread_end(t);
	ddekit_host_thread_exit();
}

/* ------------------------------------------------------------------------ */
/* Sleeping                                                                  */

/* Sleep until the monotonic clock reaches @deadline; nobody wakes us. */
static void sleep_until(uint64_t deadline)
{
	struct ddekit__waitq q = {0};

	ddekit__thread_self();
	ddekit_host_mutex_lock(sleep_guard);
	while (ddekit_host_clock_ns() < deadline)
		ddekit__waitq_wait(&q, sleep_guard, deadline);
	ddekit_host_mutex_unlock(sleep_guard);
}

/* Now + @n units of @unit_ns, saturating at "forever". */
static uint64_t deadline_after(unsigned long n, uint64_t unit_ns)
{
	uint64_t now = ddekit_host_clock_ns();

	if (n > (DDEKIT_HOST_FOREVER - now) / unit_ns)
		return DDEKIT_HOST_FOREVER;
	return now + (uint64_t)n * unit_ns;
}

void ddekit_thread_nsleep(unsigned long nsecs)
{
	if (nsecs)
		sleep_until(deadline_after(nsecs, 1));
}

void ddekit_thread_usleep(unsigned long usecs)
{
	if (usecs)
		sleep_until(deadline_after(usecs, 1000));
}

void ddekit_thread_msleep(unsigned long msecs)
{
	if (msecs)
		sleep_until(deadline_after(msecs, 1000000));
}

void ddekit_thread_sleep(ddekit_lock_t *lock)
{
	struct thread_rec *r = rec_of(ddekit__thread_self());

	/* Queued (or the wakeup seen) before @lock is free for a waker. */
	ddekit_host_mutex_lock(sleep_guard);
	ddekit_lock_unlock(lock);
	if (!r->wake_pending)
		ddekit__waitq_wait(&r->sleepq, sleep_guard,
		                   DDEKIT_HOST_FOREVER);
	r->wake_pending = false;
	ddekit_host_mutex_unlock(sleep_guard);
	ddekit_lock_lock(lock);
}

void ddekit_thread_wakeup(ddekit_thread_t *thread)
{
	struct thread_rec *r = rec_of(thread);
	struct ddekit__wakeups wk = {0};

	ddekit_host_mutex_lock(sleep_guard);
	r->wake_pending = true;
	ddekit__waitq_wake_one(&r->sleepq, &wk);
	ddekit_host_mutex_unlock(sleep_guard);
	ddekit__wakeups_deliver(&wk);
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

static int clients_running_locked(void)
{
	struct ddekit_thread *t;
	int n = 0;

	for (t = threads; t; t = t->next)
		if (t->kind == DDEKIT__THREAD_CLIENT)
			n++;
	return n;
}

int ddekit__thread_clients_running(void)
{
	int n;

	ddekit_host_mutex_lock(list_lock);
	n = clients_running_locked();
	ddekit_host_mutex_unlock(list_lock);
	return n;
}

int ddekit__thread_wait_clients(uint64_t deadline_ns)
{
	int n;

	/* Adopt first: adoption takes the list lock, which we wait under. */
	ddekit__thread_self();
	ddekit_host_mutex_lock(list_lock);
	while ((n = clients_running_locked()) > 0)
		if (ddekit__waitq_wait(&ended_q, list_lock, deadline_ns) < 0) {
			n = clients_running_locked();
			break;
		}
	ddekit_host_mutex_unlock(list_lock);
	return n;
}

int ddekit__thread_init(void)
{
	int rc;

	__atomic_fetch_add(&generation, 1, __ATOMIC_RELAXED);
	rc = ddekit_host_mutex_create(&list_lock);
	if (rc < 0)
		goto out;
	rc = ddekit_host_mutex_create(&sleep_guard);
	if (rc < 0) {
		ddekit_host_mutex_destroy(list_lock);
		list_lock = NULL;
	}
out:
	return rc;
}

static bool system_threads_left(void)
{
	struct ddekit_thread *t;

	for (t = threads; t; t = t->next)
		if (t->kind == DDEKIT__THREAD_SYSTEM)
			return true;
	return false;
}

void ddekit__thread_fini(void)
{
	/* Adopted now, so that the wait below does not adopt under the lock. */
	bool self_adopted =
	    ddekit__thread_self()->kind == DDEKIT__THREAD_ADOPTED;
	struct ddekit_thread *t, *next;
	int clients = 0;

	/* Modules stopped their threads; wait until those left lib/ddekit. */
	ddekit_host_mutex_lock(list_lock);
	while (system_threads_left())
		ddekit__waitq_wait(&ended_q, list_lock, DDEKIT_HOST_FOREVER);

	for (t = threads; t; t = next) {
		next = t->next;
		if (t->kind == DDEKIT__THREAD_ADOPTED)
			rec_destroy_locked(t);
		else
			clients++;
	}
	ddekit_host_mutex_unlock(list_lock);
	/* Our own record is gone, so forget the pointer to it. */
	if (self_adopted)
		ddekit_host_thread_set_data(NULL);

	if (clients) {
		/* deinit refuses while clients run; they cannot be freed. */
		ddekit_debug("ddekit: %d client threads outlive deinit",
		             clients);
		return;
	}
	ddekit_host_mutex_destroy(sleep_guard);
	ddekit_host_mutex_destroy(list_lock);
	sleep_guard = NULL;
	list_lock = NULL;
	threads = NULL;
}
