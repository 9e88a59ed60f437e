/*
 * ddekit/semaphore.h — counting semaphores.
 */
#ifndef DDEKIT_SEMAPHORE_H
#define DDEKIT_SEMAPHORE_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

typedef struct ddekit_sem ddekit_sem_t;

/** ddekit_sem_init() - a semaphore with count @value (>= 0); NULL on
 * failure. May sleep. */
ddekit_sem_t *ddekit_sem_init(int value);

/** ddekit_sem_deinit() - destroy; nobody may be waiting. */
void ddekit_sem_deinit(ddekit_sem_t *sem);

/** ddekit_sem_down() - decrement, sleeping while the count is 0. */
void ddekit_sem_down(ddekit_sem_t *sem);

/** ddekit_sem_down_try() - decrement if positive. Returns 0 on success, -1
 * if the count was 0. Never sleeps. */
int ddekit_sem_down_try(ddekit_sem_t *sem);

/** ddekit_sem_down_timed() - decrement, sleeping at most @timo ms. Returns 0
 * on success, non-zero (-1) on timeout. @timo 0 behaves like _down_try. */
int ddekit_sem_down_timed(ddekit_sem_t *sem, int timo);

/** ddekit_sem_up() - increment and wake one waiter. Any context. */
void ddekit_sem_up(ddekit_sem_t *sem);

DDEKIT_END_DECLS

#endif /* DDEKIT_SEMAPHORE_H */
