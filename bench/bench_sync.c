/*
 * bench_sync.c — DDEKit synchronisation primitives against raw pthreads.
 *
 * Every benchmark times the DDEKit way and the native way of doing the same
 * thing in the same run, interleaved repetition by repetition (the order
 * rotates), so that load from other processes on this shared 2-core machine
 * falls on both sides alike. Only the ratio carries much meaning; the
 * absolute numbers say what this machine did at that moment.
 *
 * The host_* rows time the host interface (include/ddekit/host.h) on its
 * own, so the overhead of a lib/ddekit primitive can be split into what the
 * host layer costs and what lib/ddekit adds on top of it.
 *
 * Not a test: nothing here asserts a speed. It only refuses to report
 * numbers from a run that computed a wrong result (lost increments).
 */
#define _GNU_SOURCE
#define DDEKIT_NO_LEGACY_TIMER_NAMES

#include <ddekit/condvar.h>
#include <ddekit/ddekit.h>
#include <ddekit/host.h>
#include <ddekit/lock.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_VARIANTS 3
#define MAX_REPS     101
#define MAX_WORKERS  4
#define NS_PER_MS    1000000ull

struct options {
	int reps;
	int warmup;
	double scale;
	unsigned long iters; /* overrides every count when non-zero */
	int timer_samples;
	long timer_slack_ns; /* < 0: leave the kernel's default */
	const char *only;
	const char *variant; /* run only this variant (for profilers) */
};

static struct options opt = {
    .reps = 5,
    .warmup = 1,
    .scale = 1.0,
    .timer_samples = 500,
    .timer_slack_ns = -1,
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench_sync: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* The same clock ddekit_host_clock_ns() reads on posix_uio. */
static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Voluntary + involuntary context switches of the whole process so far. */
static long context_switches(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_nvcsw + ru.ru_nivcsw;
}

/*
 * Where the threads of a run may execute. Left to the scheduler, a woken
 * thread sometimes runs on its waker's CPU and sometimes on another, idle
 * one; on a virtual machine the second can cost several times more, and the
 * mix drifts from run to run. Wakeup benchmarks therefore measure both
 * cases, pinned.
 */
enum placement {
	ANY_CPU,   /* the scheduler decides */
	SAME_CPU,  /* every thread of the run on one CPU */
	CROSS_CPU, /* main on one CPU, the threads it wakes on another */
	NPLACEMENTS
};

static const char *const placement_names[NPLACEMENTS] = {
    "any_cpu",
    "same_cpu",
    "cross_cpu",
};

static enum placement placement; /* of the run in progress */
static cpu_set_t all_cpus;       /* the affinity we were started with */
static int cpu_main = -1, cpu_other = -1;

static void placement_setup(void)
{
	if (sched_getaffinity(0, sizeof(all_cpus), &all_cpus) != 0)
		die("sched_getaffinity failed");
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &all_cpus))
			continue;
		if (cpu_main < 0)
			cpu_main = cpu;
		else if (cpu_other < 0)
			cpu_other = cpu;
	}
}

/* Main calls this before a run, @helper threads as they start (untimed). */
static void place_self(bool helper)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	switch (placement) {
	case SAME_CPU:
		CPU_SET(cpu_main, &set);
		break;
	case CROSS_CPU:
		CPU_SET(helper ? cpu_other : cpu_main, &set);
		break;
	default:
		set = all_cpus;
		break;
	}
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		die("sched_setaffinity failed");
}

/* ------------------------------------------------------------------------ */
/* Worker threads: a DDEKit thread or a plain pthread running @fn(@arg)     */

struct worker {
	void (*fn)(void *);
	void *arg;
	bool ddekit;
	pthread_t tid;
	ddekit_sem_t *ended; /* DDEKit threads cannot be joined */
};

static void ddekit_worker_main(void *p)
{
	struct worker *w = p;

	w->fn(w->arg);
	ddekit_sem_up(w->ended);
}

static void *native_worker_main(void *p)
{
	struct worker *w = p;

	w->fn(w->arg);
	return NULL;
}

static void worker_start(struct worker *w, bool ddekit, void (*fn)(void *),
                         void *arg)
{
	w->fn = fn;
	w->arg = arg;
	w->ddekit = ddekit;
	if (ddekit) {
		w->ended = ddekit_sem_init(0);
		if (!w->ended ||
		    !ddekit_thread_create(ddekit_worker_main, w, "bench"))
			die("cannot start a DDEKit thread");
	} else if (pthread_create(&w->tid, NULL, native_worker_main, w) != 0) {
		die("cannot start a pthread");
	}
}

static void worker_wait(struct worker *w)
{
	if (w->ddekit) {
		ddekit_sem_down(w->ended);
		ddekit_sem_deinit(w->ended);
	} else {
		pthread_join(w->tid, NULL);
	}
}

/* ------------------------------------------------------------------------ */
/* A counting semaphore from a pthread mutex and condvar: the structure     */
/* lib/ddekit's semaphore has, without the layers in between.               */

struct csem {
	pthread_mutex_t mutex;
	pthread_cond_t cond;
	unsigned long count;
};

static void csem_init(struct csem *s)
{
	pthread_mutex_init(&s->mutex, NULL);
	pthread_cond_init(&s->cond, NULL);
	s->count = 0;
}

static void csem_destroy(struct csem *s)
{
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->mutex);
}

static void csem_up(struct csem *s)
{
	pthread_mutex_lock(&s->mutex);
	s->count++;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->mutex);
}

static void csem_down(struct csem *s)
{
	pthread_mutex_lock(&s->mutex);
	while (!s->count)
		pthread_cond_wait(&s->cond, &s->mutex);
	s->count--;
	pthread_mutex_unlock(&s->mutex);
}

/* ------------------------------------------------------------------------ */
/* Uncontended lock + unlock                                                */
/*                                                                          */
/* The loops are noinline so that callgrind can attribute instructions to   */
/* them (--toggle-collect=loop_*, or their inclusive cost).                 */

static __attribute__((noinline)) void loop_ddekit_lock(ddekit_lock_t *l,
                                                       unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		ddekit_lock_lock(l);
		ddekit_lock_unlock(l);
	}
}

static __attribute__((noinline)) void loop_pthread_mutex(pthread_mutex_t *m,
                                                         unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		pthread_mutex_lock(m);
		pthread_mutex_unlock(m);
	}
}

static __attribute__((noinline)) void
loop_host_mutex(struct ddekit_host_mutex *m, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		ddekit_host_mutex_lock(m);
		ddekit_host_mutex_unlock(m);
	}
}

static uint64_t uncontended_ddekit(unsigned long n)
{
	ddekit_lock_t l;
	uint64_t t0;

	ddekit_lock_init(&l);
	if (!l)
		die("no memory for a lock");
	t0 = now_ns();
	loop_ddekit_lock(&l, n);
	t0 = now_ns() - t0;
	ddekit_lock_deinit(&l);
	return t0;
}

static uint64_t uncontended_pthread(unsigned long n)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	uint64_t t0 = now_ns();

	loop_pthread_mutex(&m, n);
	t0 = now_ns() - t0;
	pthread_mutex_destroy(&m);
	return t0;
}

static uint64_t uncontended_host(unsigned long n)
{
	struct ddekit_host_mutex *m;
	uint64_t t0;

	if (ddekit_host_mutex_create(&m) < 0)
		die("no memory for a host mutex");
	t0 = now_ns();
	loop_host_mutex(m, n);
	t0 = now_ns() - t0;
	ddekit_host_mutex_destroy(m);
	return t0;
}

/* ------------------------------------------------------------------------ */
/* Contended lock: every thread increments one counter under the lock       */

struct contended {
	bool ddekit;
	ddekit_lock_t lock;
	pthread_mutex_t mutex;
	unsigned long n; /* increments per thread */
	unsigned long counter;
	int nthreads;
	atomic_int arrived;
	uint64_t begin[MAX_WORKERS];
	uint64_t end[MAX_WORKERS];
};

struct contender {
	struct contended *c;
	int idx;
};

static void contender_main(void *p)
{
	struct contender *me = p;
	struct contended *c = me->c;
	unsigned long i;

	/*
	 * A sleeping barrier would let the last arrival run alone for the
	 * hundreds of microseconds the others take to wake up here; yielding
	 * until all have arrived starts them on both CPUs at once.
	 */
	atomic_fetch_add(&c->arrived, 1);
	while (atomic_load(&c->arrived) < c->nthreads)
		sched_yield();
	c->begin[me->idx] = now_ns();
	if (c->ddekit) {
		for (i = 0; i < c->n; i++) {
			ddekit_lock_lock(&c->lock);
			c->counter++;
			ddekit_lock_unlock(&c->lock);
		}
	} else {
		for (i = 0; i < c->n; i++) {
			pthread_mutex_lock(&c->mutex);
			c->counter++;
			pthread_mutex_unlock(&c->mutex);
		}
	}
	c->end[me->idx] = now_ns();
}

/*
 * Mean number of threads inside their timed loop during the last contended
 * run: near 1 would mean the threads took turns instead of contending.
 */
static double threads_in_loop;

/* From the first thread's start to the last thread's end. */
static uint64_t contended(unsigned long n, int nthreads, bool ddekit)
{
	struct contended c = {.ddekit = ddekit, .n = n, .nthreads = nthreads};
	uint64_t busy = 0;
	struct contender who[MAX_WORKERS];
	struct worker w[MAX_WORKERS];
	uint64_t first = UINT64_MAX, last = 0;
	int i;

	if (ddekit) {
		ddekit_lock_init(&c.lock);
		if (!c.lock)
			die("no memory for a lock");
	} else {
		pthread_mutex_init(&c.mutex, NULL);
	}
	for (i = 0; i < nthreads; i++) {
		who[i] = (struct contender){.c = &c, .idx = i};
		worker_start(&w[i], ddekit, contender_main, &who[i]);
	}
	for (i = 0; i < nthreads; i++) {
		worker_wait(&w[i]);
		if (c.begin[i] < first)
			first = c.begin[i];
		if (c.end[i] > last)
			last = c.end[i];
		busy += c.end[i] - c.begin[i];
	}
	threads_in_loop = (double)busy / (double)(last - first);
	if (ddekit)
		ddekit_lock_deinit(&c.lock);
	else
		pthread_mutex_destroy(&c.mutex);
	if (c.counter != n * (unsigned long)nthreads)
		die("%s lost increments: %lu of %lu",
		    ddekit ? "ddekit_lock" : "pthread_mutex", c.counter,
		    n * (unsigned long)nthreads);
	return last - first;
}

static uint64_t contended2_ddekit(unsigned long n)
{
	return contended(n, 2, true);
}

static uint64_t contended2_pthread(unsigned long n)
{
	return contended(n, 2, false);
}

static uint64_t contended4_ddekit(unsigned long n)
{
	return contended(n, 4, true);
}

static uint64_t contended4_pthread(unsigned long n)
{
	return contended(n, 4, false);
}

/* ------------------------------------------------------------------------ */
/* Semaphore ping-pong: main ups "ping" and downs "pong", the partner the   */
/* other way round; one op is one round trip (two wakeups).                 */

enum sem_kind {
	SEM_DDEKIT,
	SEM_POSIX,
	SEM_COND,
	SEM_HOST_EVENT,
};

struct semaphore {
	enum sem_kind kind;
	ddekit_sem_t *dsem;
	sem_t psem;
	struct csem csem;
	struct ddekit_host_event *event;
};

static void semaphore_init(struct semaphore *s, enum sem_kind kind)
{
	s->kind = kind;
	switch (kind) {
	case SEM_DDEKIT:
		s->dsem = ddekit_sem_init(0);
		if (!s->dsem)
			die("no memory for a semaphore");
		break;
	case SEM_POSIX:
		sem_init(&s->psem, 0, 0);
		break;
	case SEM_COND:
		csem_init(&s->csem);
		break;
	case SEM_HOST_EVENT:
		if (ddekit_host_event_create(&s->event) < 0)
			die("no memory for a host event");
		break;
	}
}

static void semaphore_destroy(struct semaphore *s)
{
	switch (s->kind) {
	case SEM_DDEKIT:
		ddekit_sem_deinit(s->dsem);
		break;
	case SEM_POSIX:
		sem_destroy(&s->psem);
		break;
	case SEM_COND:
		csem_destroy(&s->csem);
		break;
	case SEM_HOST_EVENT:
		ddekit_host_event_destroy(s->event);
		break;
	}
}

/*
 * A host event is binary, not counting; in a strict ping-pong at most one
 * signal is outstanding per event, so it behaves as a semaphore here.
 */
static void semaphore_up(struct semaphore *s)
{
	switch (s->kind) {
	case SEM_DDEKIT:
		ddekit_sem_up(s->dsem);
		break;
	case SEM_POSIX:
		sem_post(&s->psem);
		break;
	case SEM_COND:
		csem_up(&s->csem);
		break;
	case SEM_HOST_EVENT:
		ddekit_host_event_signal(s->event);
		break;
	}
}

static void semaphore_down(struct semaphore *s)
{
	switch (s->kind) {
	case SEM_DDEKIT:
		ddekit_sem_down(s->dsem);
		break;
	case SEM_POSIX:
		while (sem_wait(&s->psem) != 0 && errno == EINTR)
			;
		break;
	case SEM_COND:
		csem_down(&s->csem);
		break;
	case SEM_HOST_EVENT:
		/* A spurious return would break the ping-pong: spin on 0. */
		while (ddekit_host_event_wait(s->event, DDEKIT_HOST_FOREVER))
			;
		break;
	}
}

struct sem_pingpong {
	struct semaphore ping;
	struct semaphore pong;
	unsigned long n;
};

static void sem_partner(void *p)
{
	struct sem_pingpong *pp = p;

	place_self(true);
	/* Tell main the partner runs, so thread start is not timed. */
	semaphore_up(&pp->pong);
	for (unsigned long i = 0; i < pp->n; i++) {
		semaphore_down(&pp->ping);
		semaphore_up(&pp->pong);
	}
}

static uint64_t sem_pingpong(unsigned long n, enum sem_kind kind)
{
	struct sem_pingpong pp = {.n = n};
	struct worker w;
	uint64_t t0;

	semaphore_init(&pp.ping, kind);
	semaphore_init(&pp.pong, kind);
	worker_start(&w, kind == SEM_DDEKIT, sem_partner, &pp);
	semaphore_down(&pp.pong);
	t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		semaphore_up(&pp.ping);
		semaphore_down(&pp.pong);
	}
	t0 = now_ns() - t0;
	worker_wait(&w);
	semaphore_destroy(&pp.ping);
	semaphore_destroy(&pp.pong);
	return t0;
}

static uint64_t sem_ddekit(unsigned long n)
{
	return sem_pingpong(n, SEM_DDEKIT);
}

static uint64_t sem_posix(unsigned long n)
{
	return sem_pingpong(n, SEM_POSIX);
}

static uint64_t sem_cond(unsigned long n)
{
	return sem_pingpong(n, SEM_COND);
}

static uint64_t sem_host_event(unsigned long n)
{
	return sem_pingpong(n, SEM_HOST_EVENT);
}

/* ------------------------------------------------------------------------ */
/* Condvar ping-pong: a turn variable under a lock, one condvar per side    */

struct cv_pingpong {
	bool ddekit;
	ddekit_lock_t lock;
	ddekit_condvar_t *dcv[2];
	pthread_mutex_t mutex;
	pthread_cond_t pcv[2];
	int turn;
	unsigned long n;
};

/* @me waits for its turn, hands the turn to the other side; @n times. */
static void cv_side(struct cv_pingpong *pp, int me, unsigned long n)
{
	unsigned long i;

	if (pp->ddekit) {
		for (i = 0; i < n; i++) {
			ddekit_lock_lock(&pp->lock);
			while (pp->turn != me)
				ddekit_condvar_wait(pp->dcv[me], &pp->lock);
			pp->turn = !me;
			ddekit_condvar_signal(pp->dcv[!me]);
			ddekit_lock_unlock(&pp->lock);
		}
	} else {
		for (i = 0; i < n; i++) {
			pthread_mutex_lock(&pp->mutex);
			while (pp->turn != me)
				pthread_cond_wait(&pp->pcv[me], &pp->mutex);
			pp->turn = !me;
			pthread_cond_signal(&pp->pcv[!me]);
			pthread_mutex_unlock(&pp->mutex);
		}
	}
}

static void cv_partner(void *p)
{
	struct cv_pingpong *pp = p;

	place_self(true);
	cv_side(pp, 1, pp->n + 2);
}

/*
 * Main's first turn needs no partner and its second waits for the partner's
 * first, so timing starts after two turns, with the partner surely running.
 */
static uint64_t cv_pingpong(unsigned long n, bool ddekit)
{
	struct cv_pingpong pp = {.ddekit = ddekit, .n = n};
	struct worker w;
	uint64_t t0;
	int i;

	if (ddekit) {
		ddekit_lock_init(&pp.lock);
		pp.dcv[0] = ddekit_condvar_init();
		pp.dcv[1] = ddekit_condvar_init();
		if (!pp.lock || !pp.dcv[0] || !pp.dcv[1])
			die("no memory for a lock or condvar");
	} else {
		pthread_mutex_init(&pp.mutex, NULL);
		pthread_cond_init(&pp.pcv[0], NULL);
		pthread_cond_init(&pp.pcv[1], NULL);
	}
	worker_start(&w, ddekit, cv_partner, &pp);
	cv_side(&pp, 0, 2);
	t0 = now_ns();
	cv_side(&pp, 0, n);
	t0 = now_ns() - t0;
	worker_wait(&w);
	if (ddekit) {
		for (i = 0; i < 2; i++)
			ddekit_condvar_deinit(pp.dcv[i]);
		ddekit_lock_deinit(&pp.lock);
	} else {
		for (i = 0; i < 2; i++)
			pthread_cond_destroy(&pp.pcv[i]);
		pthread_mutex_destroy(&pp.mutex);
	}
	return t0;
}

static uint64_t cv_ddekit(unsigned long n)
{
	return cv_pingpong(n, true);
}

static uint64_t cv_pthread(unsigned long n)
{
	return cv_pingpong(n, false);
}

/* ------------------------------------------------------------------------ */
/* Thread create + exit, until the creator observes the end                 */
/*                                                                          */
/* DDEKit threads cannot be joined; the end a creator can observe is the    */
/* thread function's last act (here a semaphore up). The detached pthread   */
/* variant stops the clock at the same point, the joined one later.         */

static void tc_ddekit_fn(void *sem)
{
	ddekit_sem_up(sem);
}

static void *tc_join_fn(void *unused)
{
	return unused;
}

static void *tc_detached_fn(void *sem)
{
	sem_post(sem);
	return NULL;
}

static uint64_t tc_ddekit(unsigned long n)
{
	ddekit_sem_t *ended = ddekit_sem_init(0);
	uint64_t t0;

	if (!ended)
		die("no memory for a semaphore");
	t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		if (!ddekit_thread_create(tc_ddekit_fn, ended, "bench_tc"))
			die("cannot start a DDEKit thread");
		ddekit_sem_down(ended);
	}
	t0 = now_ns() - t0;
	ddekit_sem_deinit(ended);
	return t0;
}

static uint64_t tc_join(unsigned long n)
{
	uint64_t t0 = now_ns();

	for (unsigned long i = 0; i < n; i++) {
		pthread_t tid;

		if (pthread_create(&tid, NULL, tc_join_fn, NULL) != 0)
			die("cannot start a pthread");
		pthread_join(tid, NULL);
	}
	return now_ns() - t0;
}

static uint64_t tc_detached(unsigned long n)
{
	pthread_attr_t attr;
	sem_t ended;
	uint64_t t0;

	sem_init(&ended, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		pthread_t tid;

		if (pthread_create(&tid, &attr, tc_detached_fn, &ended) != 0)
			die("cannot start a pthread");
		while (sem_wait(&ended) != 0 && errno == EINTR)
			;
	}
	t0 = now_ns() - t0;
	pthread_attr_destroy(&attr);
	sem_destroy(&ended);
	return t0;
}

/* ------------------------------------------------------------------------ */
/* The table of paired benchmarks                                           */

struct variant {
	const char *name;
	uint64_t (*run)(unsigned long n); /* elapsed ns for n iterations */
};

struct bench {
	const char *name;
	const char *op; /* what one op is */
	unsigned long default_n;
	unsigned long ops_per_iter;
	bool parallel;       /* reports threads_in_loop */
	unsigned placements; /* bit per enum placement */
	/* [0] is the DDEKit side, the rest are native alternatives */
	struct variant v[MAX_VARIANTS];
};

#define ANYWHERE          (1u << ANY_CPU)
#define WAKEUP_PLACEMENTS ((1u << SAME_CPU) | (1u << CROSS_CPU))
#define CREATE_PLACEMENTS ((1u << SAME_CPU) | (1u << ANY_CPU))

static const struct bench benches[] = {
    {"lock_uncontended",
     "lock+unlock, one thread",
     2000000,
     1,
     false,
     ANYWHERE,
     {{"ddekit_lock", uncontended_ddekit},
      {"pthread_mutex", uncontended_pthread}}},
    {"lock_contended_2t",
     "one increment under the lock, 2 threads",
     500000,
     2,
     true,
     ANYWHERE,
     {{"ddekit_lock", contended2_ddekit},
      {"pthread_mutex", contended2_pthread}}},
    {"lock_contended_4t",
     "one increment under the lock, 4 threads",
     250000,
     4,
     true,
     ANYWHERE,
     {{"ddekit_lock", contended4_ddekit},
      {"pthread_mutex", contended4_pthread}}},
    {"sem_pingpong",
     "round trip (2 wakeups)",
     5000,
     1,
     false,
     WAKEUP_PLACEMENTS,
     {{"ddekit_sem", sem_ddekit},
      {"posix_sem_t", sem_posix},
      {"pthread_mutex+cond", sem_cond}}},
    {"condvar_pingpong",
     "round trip (2 wakeups)",
     5000,
     1,
     false,
     WAKEUP_PLACEMENTS,
     {{"ddekit_condvar", cv_ddekit}, {"pthread_cond", cv_pthread}}},
    {"thread_create",
     "create, run, observed end",
     2000,
     1,
     false,
     CREATE_PLACEMENTS,
     {{"ddekit_thread", tc_ddekit},
      {"pthread_create+join", tc_join},
      {"pthread_detached+sem", tc_detached}}},
    /* Decomposition: the host interface alone. */
    {"host_mutex_uncontended",
     "host.h mutex lock+unlock",
     2000000,
     1,
     false,
     ANYWHERE,
     {{"ddekit_host_mutex", uncontended_host},
      {"pthread_mutex", uncontended_pthread}}},
    {"host_event_pingpong",
     "host.h event round trip",
     5000,
     1,
     false,
     WAKEUP_PLACEMENTS,
     {{"ddekit_host_event", sem_host_event}, {"pthread_mutex+cond", sem_cond}}},
};

#define NBENCHES (sizeof(benches) / sizeof(benches[0]))

struct stats {
	double median;
	double min;
	double max;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

static struct stats stats_of(double *v, int n)
{
	struct stats s;

	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	s.min = v[0];
	s.max = v[n - 1];
	s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	return s;
}

/* Machine-readable lines, printed together after the table. */
static char *report;
static size_t report_len;

static void report_line(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(line))
		die("report line too long");
	report = realloc(report, report_len + (size_t)len + 1);
	if (!report)
		die("out of memory");
	memcpy(report + report_len, line, (size_t)len + 1);
	report_len += (size_t)len;
}

static bool selected(const char *name)
{
	size_t len = strlen(name);
	const char *p = opt.only;

	if (!p)
		return true;
	while (*p) {
		const char *end = strchrnul(p, ',');

		if ((size_t)(end - p) == len && !strncmp(p, name, len))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

static unsigned long iterations(unsigned long default_n)
{
	double n;

	if (opt.iters)
		return opt.iters;
	n = (double)default_n * opt.scale;
	return n < 1 ? 1 : (unsigned long)n;
}

static bool variant_selected(const char *name)
{
	return !opt.variant || !strcmp(opt.variant, name);
}

static void run_placed(const struct bench *b, const char *name)
{
	static double samples[MAX_VARIANTS][MAX_REPS];
	double csw[MAX_VARIANTS] = {0}, in_loop[MAX_VARIANTS] = {0};
	struct stats st[MAX_VARIANTS];
	bool on[MAX_VARIANTS] = {false};
	unsigned long n = iterations(b->default_n);
	double ops = (double)n * (double)b->ops_per_iter;
	int nv = 0, v, rep, k;

	while (nv < MAX_VARIANTS && b->v[nv].name) {
		on[nv] = variant_selected(b->v[nv].name);
		nv++;
	}
	place_self(false);
	for (k = 0; k < opt.warmup; k++)
		for (v = 0; v < nv; v++)
			if (on[v])
				b->v[v].run(n / 10 ? n / 10 : 1);
	for (rep = 0; rep < opt.reps; rep++) {
		for (k = 0; k < nv; k++) {
			long c0;
			uint64_t ns;

			/* Rotate who goes first, so drift hits all alike. */
			v = (rep + k) % nv;
			if (!on[v])
				continue;
			threads_in_loop = 1;
			c0 = context_switches();
			ns = b->v[v].run(n);
			csw[v] += (double)(context_switches() - c0);
			in_loop[v] += threads_in_loop;
			samples[v][rep] = (double)ns / ops;
		}
	}

	for (v = 0; v < nv; v++) {
		if (!on[v])
			continue;
		st[v] = stats_of(samples[v], opt.reps);
		csw[v] /= ops * opt.reps;
		in_loop[v] /= opt.reps;
		printf("%-29s %-20s %10.1f %10.1f %10.1f %8.2f", name,
		       b->v[v].name, st[v].median, st[v].min, st[v].max,
		       csw[v]);
		if (v && on[0])
			printf(" %7.2f", st[0].median / st[v].median);
		putchar('\n');
	}
	printf("%-29s (one op: %s; %lu ops x %d reps)\n", "", b->op,
	       (unsigned long)ops, opt.reps);
	if (b->parallel) {
		printf("%-29s (threads inside the loop, mean:", "");
		for (v = 0; v < nv; v++)
			if (on[v])
				printf(" %s %.2f", b->v[v].name, in_loop[v]);
		printf(")\n");
	}
	fflush(stdout);

	for (v = 1; v < nv && on[0]; v++) {
		if (!on[v])
			continue;
		report_line("BENCH name=%s placement=%s ddekit=%s native=%s "
		            "unit=ns/op ops=%lu reps=%d ddekit_median=%.1f "
		            "ddekit_min=%.1f ddekit_max=%.1f "
		            "native_median=%.1f native_min=%.1f "
		            "native_max=%.1f ddekit_csw=%.3f native_csw=%.3f "
		            "ddekit_in_loop=%.2f native_in_loop=%.2f "
		            "ratio=%.2f\n",
		            name, placement_names[placement], b->v[0].name,
		            b->v[v].name, (unsigned long)ops, opt.reps,
		            st[0].median, st[0].min, st[0].max, st[v].median,
		            st[v].min, st[v].max, csw[0], csw[v], in_loop[0],
		            in_loop[v], st[0].median / st[v].median);
	}
}

static void run_bench(const struct bench *b)
{
	char name[64];

	for (int p = 0; p < NPLACEMENTS; p++) {
		if (!(b->placements & (1u << p)))
			continue;
		if (p == CROSS_CPU && cpu_other < 0) {
			if (selected(b->name))
				printf("%-29s (cross_cpu skipped: one CPU "
				       "only)\n",
				       b->name);
			continue;
		}
		placement = (enum placement)p;
		if (b->placements == ANYWHERE)
			snprintf(name, sizeof(name), "%s", b->name);
		else
			snprintf(name, sizeof(name), "%s@%s", b->name,
			         placement_names[p]);
		if (selected(b->name) || selected(name))
			run_placed(b, name);
	}
	placement = ANY_CPU;
	place_self(false);
}

/* ------------------------------------------------------------------------ */
/* Timer lateness: ddekit_add_timer() vs clock_nanosleep(TIMER_ABSTIME)     */

/*
 * Jiffy j starts at epoch + j ms, with the epoch private to lib/ddekit. Find
 * it by watching ddekit_jiffies() tick over between two clock reads; the
 * tightest of a few tries bounds the error (returned in *@err_ns).
 */
static uint64_t jiffy_origin(uint64_t *err_ns)
{
	uint64_t best = 0, best_width = UINT64_MAX;

	for (int tries = 0; tries < 8; tries++) {
		uint64_t before = now_ns(), prev_before, after;
		unsigned long long j0 = ddekit_jiffies(), j;

		do {
			prev_before = before;
			before = now_ns();
			j = ddekit_jiffies();
			after = now_ns();
		} while (j == j0);
		/* Jiffy j began after prev_before and no later than after. */
		if (after - prev_before < best_width) {
			best_width = after - prev_before;
			best = prev_before + best_width / 2 - j * NS_PER_MS;
		}
	}
	*err_ns = best_width / 2;
	return best;
}

struct timer_sample {
	uint64_t target;
	uint64_t fired;
	ddekit_sem_t *done;
};

static void timer_fn(void *p)
{
	struct timer_sample *s = p;

	s->fired = now_ns();
	ddekit_sem_up(s->done);
}

/* A pthread that sleeps until the requested absolute time. */
struct sleeper {
	sem_t request;
	sem_t done;
	uint64_t target;
	uint64_t fired;
	bool quit;
};

static void *sleeper_main(void *p)
{
	struct sleeper *s = p;

	for (;;) {
		struct timespec ts;

		while (sem_wait(&s->request) != 0 && errno == EINTR)
			;
		if (s->quit)
			break;
		ts.tv_sec = (time_t)(s->target / 1000000000u);
		ts.tv_nsec = (long)(s->target % 1000000000u);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
		                       NULL) == EINTR)
			;
		s->fired = now_ns();
		sem_post(&s->done);
	}
	return NULL;
}

/* A jiffy boundary 1-2 ms ahead: both sides wait for such a time. */
static unsigned long long next_target(uint64_t origin, uint64_t *target)
{
	unsigned long long j = ddekit_jiffies() + 2;

	*target = origin + j * NS_PER_MS;
	return j;
}

static double ddekit_timer_lateness(uint64_t origin, ddekit_sem_t *done)
{
	struct timer_sample s = {.done = done};
	unsigned long long j = next_target(origin, &s.target);

	if (ddekit_add_timer(timer_fn, &s, (unsigned long)j) < 0)
		die("ddekit_add_timer failed");
	ddekit_sem_down(done);
	return ((double)s.fired - (double)s.target) / 1000.0;
}

static double sleeper_lateness(uint64_t origin, struct sleeper *sl)
{
	next_target(origin, &sl->target);
	sem_post(&sl->request);
	while (sem_wait(&sl->done) != 0 && errno == EINTR)
		;
	return ((double)sl->fired - (double)sl->target) / 1000.0;
}

static double percentile(const double *sorted, int n, int pct)
{
	int i = (n * pct + 99) / 100 - 1;

	return sorted[i < 0 ? 0 : i];
}

static void run_timer(void)
{
	int n = opt.timer_samples, warm = opt.warmup ? 20 : 0;
	double *late[2];
	struct sleeper sl = {0};
	ddekit_sem_t *done = ddekit_sem_init(0);
	pthread_t tid;
	uint64_t origin, err;
	double early = 0;
	int i, v;

	late[0] = calloc((size_t)n, sizeof(double));
	late[1] = calloc((size_t)n, sizeof(double));
	if (!late[0] || !late[1] || !done)
		die("out of memory");
	sem_init(&sl.request, 0, 0);
	sem_init(&sl.done, 0, 0);
	if (pthread_create(&tid, NULL, sleeper_main, &sl) != 0)
		die("cannot start a pthread");
	origin = jiffy_origin(&err);

	for (i = -warm; i < n; i++) {
		double d, s;

		/* Alternate who goes first, as with the other benchmarks. */
		if (i & 1) {
			s = sleeper_lateness(origin, &sl);
			d = ddekit_timer_lateness(origin, done);
		} else {
			d = ddekit_timer_lateness(origin, done);
			s = sleeper_lateness(origin, &sl);
		}
		if (i < 0)
			continue;
		late[0][i] = d;
		late[1][i] = s;
	}
	sl.quit = true;
	sem_post(&sl.request);
	pthread_join(tid, NULL);

	for (v = 0; v < 2; v++) {
		qsort(late[v], (size_t)n, sizeof(double), cmp_double);
		if (late[v][0] < early)
			early = late[v][0];
	}
	for (v = 0; v < 2; v++) {
		printf("%-29s %-20s %10.1f %10.1f %10.1f %8s",
		       v ? "" : "timer_lateness",
		       v ? "clock_nanosleep" : "ddekit_add_timer",
		       percentile(late[v], n, 50), late[v][0], late[v][n - 1],
		       "-");
		printf(" %7s p99 %.1f\n", "", percentile(late[v], n, 99));
	}
	printf("%-29s (lateness in us after the requested time; %d samples "
	       "each, jiffy phase known to +-%.2f us)\n",
	       "", n, (double)err / 1000.0);
	if (early < -(double)err / 1000.0)
		printf("%-29s NOTE: a wakeup came %.1f us early\n", "", -early);
	report_line("BENCH name=timer_lateness placement=any_cpu "
	            "ddekit=ddekit_add_timer "
	            "native=clock_nanosleep unit=us samples=%d "
	            "ddekit_median=%.1f ddekit_p99=%.1f ddekit_min=%.1f "
	            "ddekit_max=%.1f native_median=%.1f native_p99=%.1f "
	            "native_min=%.1f native_max=%.1f phase_err=%.2f "
	            "diff_median=%.1f ratio_median=%.2f\n",
	            n, percentile(late[0], n, 50), percentile(late[0], n, 99),
	            late[0][0], late[0][n - 1], percentile(late[1], n, 50),
	            percentile(late[1], n, 99), late[1][0], late[1][n - 1],
	            (double)err / 1000.0,
	            percentile(late[0], n, 50) - percentile(late[1], n, 50),
	            percentile(late[0], n, 50) / percentile(late[1], n, 50));
	fflush(stdout);

	sem_destroy(&sl.request);
	sem_destroy(&sl.done);
	ddekit_sem_deinit(done);
	free(late[0]);
	free(late[1]);
}

/* ------------------------------------------------------------------------ */

static void print_machine(void)
{
	char line[256], model[128] = "unknown";
	double load[3] = {0};
	FILE *f = fopen("/proc/cpuinfo", "r");
	time_t t = time(NULL);

	while (f && fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!strncmp(line, "model name", 10) && colon) {
			snprintf(model, sizeof(model), "%s", colon + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	}
	if (f)
		fclose(f);
	getloadavg(load, 3);
	strftime(line, sizeof(line), "%Y-%m-%d %H:%M:%S %Z", localtime(&t));
	printf("bench_sync: %s; CPU %s; %ld online CPUs; load %.2f %.2f "
	       "%.2f\n",
	       line, model, sysconf(_SC_NPROCESSORS_ONLN), load[0], load[1],
	       load[2]);
	printf("reps %d, warm-up %d, scale %g%s, timer samples %d, timer "
	       "slack %ld ns\n\n",
	       opt.reps, opt.warmup, opt.scale,
	       opt.iters ? " (iterations overridden)" : "", opt.timer_samples,
	       (long)prctl(PR_GET_TIMERSLACK));
}

static void usage(FILE *to)
{
	fprintf(to,
	        "usage: bench_sync [options]\n"
	        "  -r, --reps N           measured repetitions per variant "
	        "(default %d, max %d)\n"
	        "  -w, --warmup N         warm-up runs (at 1/10 size) per "
	        "variant (default %d)\n"
	        "  -s, --scale X          multiply every default count by X\n"
	        "  -n, --iters N          N iterations for every selected "
	        "benchmark\n"
	        "  -t, --timer-samples N  timer samples per side (default %d)\n"
	        "  -S, --timer-slack NS   set the timer slack of every thread "
	        "(default: the kernel's)\n"
	        "  -o, --only A,B         run only these: names from --list,\n"
	        "                         optionally with @placement\n"
	        "  -V, --variant NAME     run only this variant (for "
	        "profilers; no ratios)\n"
	        "  -l, --list             list benchmarks and default counts\n",
	        opt.reps, MAX_REPS, opt.warmup, opt.timer_samples);
}

static void list(void)
{
	for (size_t i = 0; i < NBENCHES; i++) {
		const struct bench *b = &benches[i];

		printf("%-24s %9lu iterations  %s;", b->name, b->default_n,
		       b->op);
		for (int p = 0; p < NPLACEMENTS; p++)
			if (b->placements & (1u << p))
				printf(" %s", placement_names[p]);
		putchar('\n');
	}
	printf("%-24s %9d samples     lateness of one timer; any_cpu\n",
	       "timer_lateness", opt.timer_samples);
}

static long number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || v < lo || v > hi)
		die("bad number '%s' (want %ld..%ld)", s, lo, hi);
	return v;
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"reps", required_argument, NULL, 'r'},
	    {"warmup", required_argument, NULL, 'w'},
	    {"scale", required_argument, NULL, 's'},
	    {"iters", required_argument, NULL, 'n'},
	    {"timer-samples", required_argument, NULL, 't'},
	    {"timer-slack", required_argument, NULL, 'S'},
	    {"only", required_argument, NULL, 'o'},
	    {"variant", required_argument, NULL, 'V'},
	    {"list", no_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "r:w:s:n:t:S:o:V:lh", longopts,
	                        NULL)) != -1) {
		switch (c) {
		case 'r':
			opt.reps = (int)number(optarg, 1, MAX_REPS);
			break;
		case 'w':
			opt.warmup = (int)number(optarg, 0, 100);
			break;
		case 's':
			opt.scale = strtod(optarg, NULL);
			if (!(opt.scale > 0))
				die("bad scale '%s'", optarg);
			break;
		case 'n':
			opt.iters = (unsigned long)number(optarg, 1, LONG_MAX);
			break;
		case 't':
			opt.timer_samples = (int)number(optarg, 1, 1000000);
			break;
		case 'S':
			opt.timer_slack_ns = number(optarg, 1, LONG_MAX);
			break;
		case 'o':
			opt.only = optarg;
			break;
		case 'V':
			opt.variant = optarg;
			break;
		case 'l':
			list();
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc) {
		usage(stderr);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	uint64_t t0 = now_ns();
	double load[3] = {0};
	int rc;

	parse_options(argc, argv);
	placement_setup();
	/* Before ddekit_init(): its timer thread inherits the slack. */
	if (opt.timer_slack_ns > 0 &&
	    prctl(PR_SET_TIMERSLACK, (unsigned long)opt.timer_slack_ns) != 0)
		die("cannot set the timer slack");
	rc = ddekit_init_checked();
	if (rc < 0)
		die("ddekit_init failed (%d)", rc);
	print_machine();

	printf("%-29s %-20s %10s %10s %10s %8s %7s\n", "benchmark", "variant",
	       "median", "min", "max", "csw/op", "ratio");
	printf("%-29s %-20s %10s %10s %10s %8s %7s\n", "", "", "ns/op", "ns/op",
	       "ns/op", "", "dde/nat");
	for (size_t i = 0; i < NBENCHES; i++)
		run_bench(&benches[i]);
	if (selected("timer_lateness"))
		run_timer();

	getloadavg(load, 3);
	printf("\n%s", report ? report : "");
	printf("total %.1f s; load at the end %.2f %.2f %.2f\n",
	       (double)(now_ns() - t0) / 1e9, load[0], load[1], load[2]);
	free(report);

	rc = ddekit_deinit();
	if (rc < 0)
		die("ddekit_deinit failed (%d)", rc);
	return 0;
}
