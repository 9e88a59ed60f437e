/*
 * ddekit/condvar.h — condition variables used with ddekit locks.
 */
#ifndef DDEKIT_CONDVAR_H
#define DDEKIT_CONDVAR_H

#include <ddekit/lock.h>
#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

struct ddekit_condvar;
typedef struct ddekit_condvar ddekit_condvar_t;

/** ddekit_condvar_init() - a condition variable; NULL on failure. */
ddekit_condvar_t *ddekit_condvar_init(void);

/** ddekit_condvar_deinit() - destroy; nobody may be waiting. */
void ddekit_condvar_deinit(ddekit_condvar_t *cvp);

/**
 * ddekit_condvar_wait() - atomically release @mp and wait for a signal, then
 * take @mp again. @mp must be held. Signals sent after the caller released
 * @mp are not lost. May return spuriously: wait in a loop.
 */
void ddekit_condvar_wait(ddekit_condvar_t *cvp, ddekit_lock_t *mp);

/** ddekit_condvar_wait_timed() - the same, giving up after @timo ms.
 * Returns 0 when signalled, non-zero (-1) on timeout; @mp is held either
 * way. */
int ddekit_condvar_wait_timed(ddekit_condvar_t *cvp, ddekit_lock_t *mp,
                              int timo);

/** ddekit_condvar_signal() - wake one waiter (if any). Any context. */
void ddekit_condvar_signal(ddekit_condvar_t *cvp);

/** ddekit_condvar_broadcast() - wake all waiters. Any context. */
void ddekit_condvar_broadcast(ddekit_condvar_t *cvp);

DDEKIT_END_DECLS

#endif /* DDEKIT_CONDVAR_H */
