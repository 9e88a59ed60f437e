/*
 * ddekit/lock.h — sleeping mutual-exclusion locks.
 *
 * Waiters sleep (no spinning). As in the classic DDEKit a lock may be released
 * by a thread other than the one that took it: DDE code uses locks created
 * with ddekit_lock_init_locked() as one-shot signals. Locks are not
 * recursive: taking a lock one already holds deadlocks (debug builds panic).
 */
#ifndef DDEKIT_LOCK_H
#define DDEKIT_LOCK_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

struct ddekit_lock;
typedef struct ddekit_lock *ddekit_lock_t;

/** ddekit_lock_init() / _init_unlocked() - create an unlocked lock in *@mtx.
 * On out of memory *@mtx is NULL and a message is printed. May sleep. */
void ddekit_lock_init(ddekit_lock_t *mtx);
void ddekit_lock_init_unlocked(ddekit_lock_t *mtx);

/** ddekit_lock_init_locked() - create a lock held by the calling thread. */
void ddekit_lock_init_locked(ddekit_lock_t *mtx);

/** ddekit_lock_deinit() - destroy the lock, which must be unlocked and have
 * no waiters; sets *@mtx to NULL. */
void ddekit_lock_deinit(ddekit_lock_t *mtx);

/** ddekit_lock_lock() - take the lock, sleeping while another holds it. */
void ddekit_lock_lock(ddekit_lock_t *mtx);

/** ddekit_lock_try_lock() - take the lock if free. Returns 0 when taken,
 * -1 when it is held (classic convention). Never sleeps. */
int ddekit_lock_try_lock(ddekit_lock_t *mtx);

/** ddekit_lock_unlock() - release the lock and wake one waiter. */
void ddekit_lock_unlock(ddekit_lock_t *mtx);

/** ddekit_lock_owner() - id (ddekit_thread_get_id()) of the thread that took
 * the lock, 0 when unlocked. Any context; a snapshot. */
int ddekit_lock_owner(ddekit_lock_t *mtx);

DDEKIT_END_DECLS

#endif /* DDEKIT_LOCK_H */
