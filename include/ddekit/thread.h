/*
 * ddekit/thread.h — threads.
 *
 * DDEKit threads are host threads with a DDEKit record: a name, a small id,
 * one client data pointer and a wakeup event. Threads the host started on its
 * own (the thread calling ddekit_init(), or any other) are adopted the first
 * time they call ddekit_thread_myself() or block in DDEKit.
 */
#ifndef DDEKIT_THREAD_H
#define DDEKIT_THREAD_H

#include <ddekit/lock.h>
#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

typedef struct ddekit_thread ddekit_thread_t;

/**
 * ddekit_thread_create() - start a thread running @fun(@arg).
 * @name: copied (up to 31 characters).
 *
 * The thread ends when @fun returns or it calls ddekit_thread_exit(); its
 * record is freed then, so the returned pointer must not be used after the
 * thread may have ended. Returns NULL on failure. May sleep.
 */
ddekit_thread_t *ddekit_thread_create(void (*fun)(void *), void *arg,
                                      const char *name);

/** ddekit_thread_myself() - the calling thread's record (adopting the thread
 * on first use). Any context. */
ddekit_thread_t *ddekit_thread_myself(void);

/** ddekit_thread_setup_myself() - adopt the calling thread under @name; if it
 * is already a DDEKit thread, renames it. Returns its record. */
ddekit_thread_t *ddekit_thread_setup_myself(const char *name);

/** ddekit_init_threads() - set up the thread module; done by ddekit_init(),
 * later calls do nothing. */
void ddekit_init_threads(void);

/** Per-thread client data: one pointer, NULL initially. Any context. */
void ddekit_thread_set_data(ddekit_thread_t *thread, void *data);
void ddekit_thread_set_my_data(void *data);
void *ddekit_thread_get_data(ddekit_thread_t *thread);
void *ddekit_thread_get_my_data(void);

/** Sleep at least the given time (never shorter; rounded up to the host's
 * clock). Process context only. */
void ddekit_thread_msleep(unsigned long msecs);
void ddekit_thread_usleep(unsigned long usecs);
void ddekit_thread_nsleep(unsigned long nsecs);

/**
 * ddekit_thread_sleep() - release @lock, sleep until ddekit_thread_wakeup()
 * for this thread, take @lock again.
 *
 * A wakeup sent after @lock was released and before the thread sleeps is not
 * lost. Like a condition variable it may return without a wakeup, so callers
 * check their condition in a loop. @lock must be held by the caller.
 */
void ddekit_thread_sleep(ddekit_lock_t *lock);

/** ddekit_thread_wakeup() - wake @thread from ddekit_thread_sleep() (or make
 * its next sleep return at once). Any context. */
void ddekit_thread_wakeup(ddekit_thread_t *thread);

/** ddekit_thread_exit() - end the calling thread, which must have been created
 * by ddekit_thread_create(). */
DDEKIT_NORETURN void ddekit_thread_exit(void);

/** ddekit_thread_get_name() - the thread's name (valid while it lives). */
const char *ddekit_thread_get_name(ddekit_thread_t *thread);

/** ddekit_thread_get_id() - a small positive number unique among living
 * threads of this environment. */
int ddekit_thread_get_id(ddekit_thread_t *thread);

/** ddekit_thread_schedule() / ddekit_yield() - give up the CPU to another
 * runnable thread. */
void ddekit_thread_schedule(void);
void ddekit_yield(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_THREAD_H */
