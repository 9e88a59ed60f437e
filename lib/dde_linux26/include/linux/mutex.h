/*
 * linux/mutex.h — sleeping mutexes (libdde emulation of Linux 2.6.24).
 * Process context only; the owner must unlock. No destruction needed.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/wait.h>

struct mutex {
	int locked;
	struct task_struct *owner;
	wait_queue_head_t wait_list;
};

#define __MUTEX_INITIALIZER(name)                                              \
	{                                                                      \
		.locked = 0, .owner = NULL,                                    \
		.wait_list = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait_list)   \
	}
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
#define mutex_destroy(lock)                                                    \
	do {                                                                   \
		(void)(lock);                                                  \
	} while (0)
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
/* Returns 1 if taken, 0 if held by someone (down_trylock's opposite). */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int mutex_is_locked(struct mutex *lock);

#endif /* _LINUX_MUTEX_H */
