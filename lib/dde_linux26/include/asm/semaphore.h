/*
 * asm/semaphore.h — counting semaphores (libdde emulation of Linux 2.6.24,
 * where they live in <asm/semaphore.h>). down*() sleep: process context.
 */
#ifndef _ASM_SEMAPHORE_H
#define _ASM_SEMAPHORE_H

#include <linux/wait.h>

struct semaphore {
	int count;
	wait_queue_head_t wait;
};

#define __SEMAPHORE_INITIALIZER(name, n)                                       \
	{                                                                      \
		.count = (n),                                                  \
		.wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait)             \
	}
#define __DECLARE_SEMAPHORE_GENERIC(name, count)                               \
	struct semaphore name = __SEMAPHORE_INITIALIZER(name, count)
#define DECLARE_MUTEX(name)        __DECLARE_SEMAPHORE_GENERIC(name, 1)
#define DECLARE_MUTEX_LOCKED(name) __DECLARE_SEMAPHORE_GENERIC(name, 0)

void sema_init(struct semaphore *sem, int val);
static inline void init_MUTEX(struct semaphore *sem)
{
	sema_init(sem, 1);
}
static inline void init_MUTEX_LOCKED(struct semaphore *sem)
{
	sema_init(sem, 0);
}
void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
/* Returns 0 if taken, 1 if not (Linux's inverted sense). */
int down_trylock(struct semaphore *sem);
void up(struct semaphore *sem);

#endif /* _ASM_SEMAPHORE_H */
