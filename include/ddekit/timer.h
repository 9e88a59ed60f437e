/*
 * ddekit/timer.h — jiffies and one-shot timers.
 *
 * Time is the host's monotonic clock, counted in jiffies of 1/HZ seconds
 * since ddekit_init(). Timer functions run in the timer thread (process
 * context of a thread of its own, never concurrently with each other), in
 * order of expiry, never before their expiry time.
 */
#ifndef DDEKIT_TIMER_H
#define DDEKIT_TIMER_H

#include <ddekit/thread.h>
#include <ddekit/types.h>

#define DDEKIT_HZ 1000

/*
 * Classic names. Define DDEKIT_NO_LEGACY_TIMER_NAMES before including this
 * header where `jiffies` or `HZ` mean something else (e.g. inside an
 * emulation that defines its own).
 */
#ifndef DDEKIT_NO_LEGACY_TIMER_NAMES
#define jiffies (ddekit_jiffies())
#define HZ      DDEKIT_HZ
#endif

DDEKIT_BEGIN_DECLS

/** ddekit_jiffies() - the current time in jiffies. Any context. */
unsigned long long ddekit_jiffies(void);

/** ddekit_clock_ns() - monotonic nanoseconds since an arbitrary epoch
 * (extension, for measuring). Any context. */
ddekit_uint64_t ddekit_clock_ns(void);

/** ddekit_init_timers() - start the timer thread; done by ddekit_init(),
 * later calls do nothing. */
void ddekit_init_timers(void);

/**
 * ddekit_add_timer() - call @fn(@args) once jiffies >= @timeout.
 * @timeout: absolute time in jiffies (e.g. jiffies + HZ / 10). A time in
 *           the past fires at once.
 *
 * Returns the timer's id (>= 0), -1 on out of memory. Any context.
 */
int ddekit_add_timer(void (*fn)(void *), void *args, unsigned long timeout);

/**
 * ddekit_del_timer() - cancel a pending timer.
 *
 * Returns 0 if it was pending and will not fire, -1 if it was not pending
 * (already fired, running now, or unknown). Does not wait for a running
 * function. Any context.
 */
int ddekit_del_timer(int timer);

/**
 * ddekit_del_timer_sync() - cancel a timer and wait until its function is not
 * running (extension). Same return as ddekit_del_timer(). Process context;
 * may sleep; when called from the timer function itself it does not wait.
 */
int ddekit_del_timer_sync(int timer);

/** ddekit_timer_pending() - 1 if the timer is pending, 0 otherwise. */
int ddekit_timer_pending(int timer);

/** ddekit_get_timer_thread() - the thread timer functions run in. */
ddekit_thread_t *ddekit_get_timer_thread(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_TIMER_H */
