/*
 * tests/conformance/runner.h — the suite's own tiny test runner.
 *
 * No CMocka and no C library stdio: the suite must also run freestanding on
 * bare metal, so the runner reports through ddekit_printf() and a failed
 * check leaves the test through its cleanup label instead of a longjmp.
 *
 * A test is a function taking a struct conf_test_ctx. CONF_CHECK() records
 * the first failure (with a message saying what was seen) and jumps to the
 * label "out" that every test function has, where it releases what it took.
 * Checks run only in the test's own thread; helper threads hand their
 * observations back through shared state.
 */
#ifndef TESTS_CONFORMANCE_RUNNER_H
#define TESTS_CONFORMANCE_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "suite.h"

#include <ddekit/types.h>

/*
 * Upper bound for anything the suite waits for (a thread to run, a timer, an
 * interrupt, a DMA transfer). Generous: it only turns a hang into a failure
 * and says nothing about performance.
 */
#define CONF_TIMEOUT_MS 3000

/*
 * How long a test watches for something that must NOT happen (a handler of
 * a disabled interrupt, a deleted timer). Long enough for the mock and for
 * an emulated guest to have delivered it if it were going to.
 */
#define CONF_QUIET_MS 50

struct conf_test_ctx {
	const struct ddekit_conf_config *cfg;
	int failed;
	char msg[256];
	const char *file;
	int line;
	char notes[512];
	size_t notes_len;
};

typedef void conf_test_fn(struct conf_test_ctx *t);

struct conf_test {
	const char *name;
	conf_test_fn *fn;
};

struct conf_area {
	const char *name;
	const struct conf_test *tests;
	unsigned count;
};

#define CONF_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Defines the area @var from a table of struct conf_test. */
#define CONF_AREA(var, area_name, table)                                       \
	const struct conf_area var = {(area_name), (table),                    \
	                              CONF_ARRAY_SIZE(table)}

/** conf_fail() - record a failure of the current test (the first one wins;
 * later ones are dropped so the report names the root cause). */
void conf_fail(struct conf_test_ctx *t, const char *file, int line,
               const char *fmt, ...) DDEKIT_PRINTF(4, 5);

/* Fails the test with the formatted message and leaves through "out". */
#define CONF_CHECK(t, cond, ...)                                               \
	do {                                                                   \
		if (!(cond)) {                                                 \
			conf_fail((t), __FILE__, __LINE__, __VA_ARGS__);       \
			goto out;                                              \
		}                                                              \
	} while (0)

/* For helpers that fail the test themselves and return a negative value. */
#define CONF_TRY(expr)                                                         \
	do {                                                                   \
		if ((expr) < 0)                                                \
			goto out;                                              \
	} while (0)

/** conf_note() - add an information line (measurements) printed below the
 * test's result line. */
void conf_note(struct conf_test_ctx *t, const char *fmt, ...)
    DDEKIT_PRINTF(2, 3);

/** conf_iters() - @full iterations, or @quick in quick mode. */
unsigned conf_iters(const struct conf_test_ctx *t, unsigned full,
                    unsigned quick);

/** conf_now_ns() - monotonic time for measurements. */
uint64_t conf_now_ns(void);

/*
 * Lateness statistics: how much later than asked something happened
 * (a timer, a sleep, a timed wait). Reported in microseconds.
 */
struct conf_lateness {
	int64_t min_ns;
	int64_t max_ns;
	int64_t sum_ns;
	unsigned n;
};

void conf_lateness_init(struct conf_lateness *s);
void conf_lateness_add(struct conf_lateness *s, int64_t late_ns);
/** Adds the note "<what> lateness: min A us, avg B us, max C us (N
 * samples)". */
void conf_lateness_note(struct conf_test_ctx *t, const char *what,
                        const struct conf_lateness *s);

/** conf_run() - run @count areas, print the report; returns failures. */
int conf_run(const struct ddekit_conf_config *cfg,
             const struct conf_area *const *areas, unsigned count);

/*
 * Helper threads (conf_util.c).
 *
 * A crew is the bookkeeping for the threads one test starts: each worker
 * ups @started once it runs, may hold on @release, and ups @done as its very
 * last act. conf_crew_finish() releases the workers and waits for every
 * @done; only then may the test free what the workers use. When a worker
 * does not finish, the crew's semaphores are left allocated on purpose (a
 * late worker must not touch freed memory) and the test fails.
 */
struct ddekit_sem;
struct ddekit_thread;

struct conf_crew {
	struct ddekit_sem *started;
	struct ddekit_sem *release;
	struct ddekit_sem *done;
	unsigned created;
};

/** Creates the semaphores; returns 0, or -1 after failing the test. */
int conf_crew_init(struct conf_test_ctx *t, struct conf_crew *crew);

/** Starts @fn(@arg) as a worker named @name, its record in *@thread if
 * @thread is not NULL; returns 0, or -1 after failing the test. */
int conf_crew_start(struct conf_test_ctx *t, struct conf_crew *crew,
                    void (*fn)(void *), void *arg, const char *name,
                    struct ddekit_thread **thread);

/** Waits until @n workers have upped @started; 0, or -1 (test failed). */
int conf_crew_wait_started(struct conf_test_ctx *t, struct conf_crew *crew,
                           unsigned n);

/** Releases and joins all workers, then destroys the semaphores. Returns 0,
 * or -1 (test failed; the caller must then leak what workers use). */
int conf_crew_finish(struct conf_test_ctx *t, struct conf_crew *crew);

/** conf_wait() - down @sem @n times, each within CONF_TIMEOUT_MS. Returns 0,
 * or -1 after failing the test with "<what>: ...". */
int conf_wait(struct conf_test_ctx *t, struct ddekit_sem *sem, unsigned n,
              const char *what);

/** conf_zalloc() - zeroed ddekit_simple_malloc() memory, or NULL after
 * failing the test; free with ddekit_simple_free(). */
void *conf_zalloc(struct conf_test_ctx *t, unsigned size);

/* The areas (one file each). */
extern const struct conf_area conf_area_abi;
extern const struct conf_area conf_area_thread;
extern const struct conf_area conf_area_sleep;
extern const struct conf_area conf_area_lock;
extern const struct conf_area conf_area_sem;
extern const struct conf_area conf_area_condvar;
extern const struct conf_area conf_area_timer;
extern const struct conf_area conf_area_memory;
extern const struct conf_area conf_area_pci;
extern const struct conf_area conf_area_mmio;
extern const struct conf_area conf_area_irq;
extern const struct conf_area conf_area_dma;
extern const struct conf_area conf_area_io;
extern const struct conf_area conf_area_msi;

#endif /* TESTS_CONFORMANCE_RUNNER_H */
