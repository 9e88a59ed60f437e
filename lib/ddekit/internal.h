/*
 * lib/ddekit/internal.h — what lib/ddekit's modules share with each other.
 *
 * Naming (as libuv): public ABI functions are ddekit_*; functions shared
 * between modules of this library are ddekit__* (two underscores) and never
 * installed; everything else is static.
 *
 * Module life cycle: init.c calls each module's ddekit__<m>_init() in the
 * order below and the ddekit__<m>_fini() in reverse order. A fini releases
 * everything its module holds, so that init can run again afterwards.
 *
 *   1 thread     (thread.c, waitq.c)   threads, adoption, per-thread events
 *   2 pgtab      (pgtab.c)             region bookkeeping (uthash)
 *   3 memory     (memory.c, slab.c, dma.c)
 *   4 resources  (resources.c)         ports, memory, ISA DMA accounting
 *   5 pci        (pci.c)               device records from the host
 *   6 timer      (timer.c)             timer list + timer thread
 *   7 interrupt  (interrupt.c)         one handler thread per source
 *   8 initcall   (initcall.c)          "already ran" flag only
 */
#ifndef LIB_DDEKIT_INTERNAL_H
#define LIB_DDEKIT_INTERNAL_H

#define DDEKIT_NO_LEGACY_TIMER_NAMES

#include <ddekit/host.h>
#include <ddekit/lock.h>
#include <ddekit/thread.h>
#include <ddekit/types.h>

#include <stdbool.h>

#define DDEKIT__NAME_MAX 32

/* ------------------------------------------------------------------------ */
/* Threads (thread.c)                                                        */

enum ddekit__thread_kind {
	DDEKIT__THREAD_ADOPTED, /* host thread adopted (e.g. the init thread) */
	DDEKIT__THREAD_CLIENT,  /* ddekit_thread_create() */
	DDEKIT__THREAD_SYSTEM,  /* timer / interrupt threads of lib/ddekit */
};

struct ddekit_thread {
	int id;
	char name[DDEKIT__NAME_MAX];
	void *data;                      /* ddekit_thread_set_data() */
	struct ddekit_host_event *event; /* the thread's one wakeup event */
	enum ddekit__thread_kind kind;
	int irq; /* source whose handler runs, or -1 */
	void (*fn)(void *);
	void *arg;
	struct ddekit_thread *next; /* all threads of the environment */
	struct ddekit_thread *prev;
	/* Wakeups taken under a guard and not yet signalled (waitq.c); the
	 * record and its event are not destroyed while this is non-zero. */
	int pins;
};

/** The calling thread's record if lib/ddekit knows the thread in this
 * environment, else NULL (never adopts). Any context. */
struct ddekit_thread *ddekit__thread_current(void);

/** The calling thread's record, adopting the thread if needed; panics when
 * no memory is left for the record. */
struct ddekit_thread *ddekit__thread_self(void);

/**
 * ddekit__thread_start() - start a lib/ddekit system thread (timer,
 * interrupt). The record is created before the thread runs and returned in
 * *@out; it is freed when the thread ends (after @fn returns). Returns 0 or
 * a negative DDEKIT_E* code.
 */
int ddekit__thread_start(const char *name, enum ddekit_host_prio prio,
                         void (*fn)(void *), void *arg,
                         struct ddekit_thread **out);

int ddekit__thread_init(void);
void ddekit__thread_fini(void);
/** Number of DDEKIT__THREAD_CLIENT threads still running. */
int ddekit__thread_clients_running(void);
/** Wait until no DDEKIT__THREAD_CLIENT thread runs or @deadline_ns passes;
 * returns how many still run. */
int ddekit__thread_wait_clients(uint64_t deadline_ns);

/* ------------------------------------------------------------------------ */
/* Wait queues (waitq.c): the one blocking mechanism of lib/ddekit          */

struct ddekit__waiter {
	struct ddekit_thread *thread;
	struct ddekit__waiter *next;
	bool queued;
};

/** A FIFO of sleeping threads, protected by a host mutex the caller owns. */
struct ddekit__waitq {
	struct ddekit__waiter *head;
	struct ddekit__waiter *tail;
};

/**
 * ddekit__waitq_wait() - sleep on @q until woken or @deadline_ns.
 * @guard: host mutex protecting @q and the caller's condition; held on entry
 *         and on return, released while sleeping.
 *
 * Returns 0 when woken by ddekit__waitq_wake_*() and -DDEKIT_ETIMEDOUT when
 * the deadline passed first (the waiter is then no longer queued).
 */
int ddekit__waitq_wait(struct ddekit__waitq *q, struct ddekit_host_mutex *guard,
                       uint64_t deadline_ns);

/*
 * Wakeups are taken in two steps, so that a woken thread does not run
 * straight into the guard its waker still holds: under the guard a wake call
 * dequeues waiters and records their (pinned) threads in a struct
 * ddekit__wakeups on the waker's stack; after releasing the guard the waker
 * calls ddekit__wakeups_deliver(); it starts empty (= {0}). Between the two
 * it must take no lock that a thread record's destruction may hold (the
 * thread list lock), and it must not itself sleep on a wait queue.
 *
 * A NULL @wk signals at once, under the guard: for wakers that go on to
 * sleep under the same guard, or whose state may be freed once it is
 * released. Waiters beyond DDEKIT__WAKEUPS_MAX are signalled at once too.
 */
#define DDEKIT__WAKEUPS_MAX 8

struct ddekit__wakeups {
	int n;
	struct ddekit_thread *thread[DDEKIT__WAKEUPS_MAX];
};

/** Wake the first waiter (caller holds the guard). Returns 1 if one was
 * woken, 0 if the queue was empty. */
int ddekit__waitq_wake_one(struct ddekit__waitq *q, struct ddekit__wakeups *wk);

/** Wake every waiter (caller holds the guard); returns how many. */
int ddekit__waitq_wake_all(struct ddekit__waitq *q, struct ddekit__wakeups *wk);

/** Signal the threads collected in @wk and unpin them; guard released.
 * Leaves @wk empty. */
void ddekit__wakeups_deliver(struct ddekit__wakeups *wk);

/** Wait until no waker holds a pin on @t; before destroying its record. */
void ddekit__waitq_unpinned(struct ddekit_thread *t);

/* ------------------------------------------------------------------------ */
/* Other modules' life cycles                                                */

int ddekit__pgtab_init(void);
void ddekit__pgtab_fini(void);
int ddekit__memory_init(void);
void ddekit__memory_fini(void);
/* Parts of the memory module: ddekit__memory_init()/_fini() call these. */
int ddekit__slab_init(void);
void ddekit__slab_fini(void);
int ddekit__dma_init(void);
void ddekit__dma_fini(void);
int ddekit__resources_init(void);
void ddekit__resources_fini(void);
int ddekit__pci_init(void);
void ddekit__pci_fini(void);
int ddekit__timer_init(void);
void ddekit__timer_fini(void);
int ddekit__interrupt_init(void);
void ddekit__interrupt_fini(void);
void ddekit__initcall_reset(void);

/** true between a successful ddekit_init() and ddekit_deinit(). */
bool ddekit__initialised(void);

/* ------------------------------------------------------------------------ */
/* Memory and PCI helpers shared between modules                            */

/** Bus address of @virt in any registered region (pgtab.c); 0 if none. */
uint64_t ddekit__pgtab_bus_addr(const void *virt);

/**
 * ddekit__pgtab_add() - register a region with both its physical and bus
 * address (pgtab.c). Returns 0, -DDEKIT_EEXIST on overlap, -DDEKIT_ENOMEM.
 */
int ddekit__pgtab_add(void *virt, uint64_t phys, uint64_t bus, size_t size,
                      int type);

struct ddekit_pci_dev;

/** The host record of a device (pci.c). */
const struct ddekit_host_pci_fn *
ddekit__pci_host_fn(const struct ddekit_pci_dev *dev);

/**
 * ddekit__block_alloc() - pinned, contiguous, zero-filled pages registered in
 * pgtab as @type, under bus constraints (memory.c). Backs large, contiguous
 * and coherent DMA memory. *@bus_out (may be NULL) gets the bus address.
 * NULL on failure.
 */
void *ddekit__block_alloc(size_t size, uint64_t low, uint64_t high,
                          size_t align, uint64_t boundary, int type,
                          uint64_t *bus_out);
/** ddekit__block_free() - free a block by its start; -DDEKIT_ENOENT if @p
 * starts none. */
int ddekit__block_free(void *p);

/** Heap memory for lib/ddekit's own records (memory.c): zero-filled; NULL
 * when out of memory. */
void *ddekit__zalloc(size_t size);
void ddekit__free(void *p);

#endif /* LIB_DDEKIT_INTERNAL_H */
