/*
 * linux/wait.h — wait queues (libdde emulation of Linux 2.6.24).
 *
 * wait_event*() evaluate their condition after every wakeup; the
 * _interruptible forms never see a signal (none are delivered in a DDE) and
 * so never return -ERESTARTSYS.
 * Knowingly missing: wait_event_interruptible_exclusive, sleep_on variants.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

typedef struct __wait_queue wait_queue_t;
typedef int (*wait_queue_func_t)(wait_queue_t *wait, unsigned mode, int sync,
                                 void *key);

#define WQ_FLAG_EXCLUSIVE 0x01

struct __wait_queue {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head task_list;
};

struct __wait_queue_head {
	spinlock_t lock;
	struct list_head task_list;
};
typedef struct __wait_queue_head wait_queue_head_t;

int default_wake_function(wait_queue_t *wait, unsigned mode, int sync,
                          void *key);
int autoremove_wake_function(wait_queue_t *wait, unsigned mode, int sync,
                             void *key);

#define __WAITQUEUE_INITIALIZER(name, tsk)                                     \
	{                                                                      \
		.flags = 0, .private = (tsk), .func = default_wake_function,   \
		.task_list = {                                                 \
			NULL,                                                  \
			NULL                                                   \
		}                                                              \
	}
#define DECLARE_WAITQUEUE(name, tsk)                                           \
	wait_queue_t name = __WAITQUEUE_INITIALIZER(name, tsk)
#define __WAIT_QUEUE_HEAD_INITIALIZER(name)                                    \
	{                                                                      \
		.lock = {0}, .task_list = {                                    \
			&(name).task_list,                                     \
			&(name).task_list                                      \
		}                                                              \
	}
#define DECLARE_WAIT_QUEUE_HEAD(name)                                          \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name)                                                      \
	wait_queue_t name = {.flags = 0,                                       \
	                     .private = current,                               \
	                     .func = autoremove_wake_function,                 \
	                     .task_list = LIST_HEAD_INIT((name).task_list)}

void init_waitqueue_head(wait_queue_head_t *q);
static inline void init_waitqueue_entry(wait_queue_t *q, struct task_struct *p)
{
	q->flags = 0;
	q->private = p;
	q->func = default_wake_function;
}
int waitqueue_active(wait_queue_head_t *q);

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait);
void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state);
void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait,
                               int state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *wait);

void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr, void *key);
#define wake_up(x)                                                             \
	__wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_nr(x, nr)                                                      \
	__wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_all(x)                                                         \
	__wake_up(x, TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)                                        \
	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x) __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)

#define __dde_wait_event(wq, condition, state, timeout)                        \
	({                                                                     \
		long __ret = (timeout);                                        \
		DEFINE_WAIT(__wait);                                           \
		might_sleep();                                                 \
		for (;;) {                                                     \
			prepare_to_wait(&(wq), &__wait, (state));              \
			if (condition)                                         \
				break;                                         \
			if (__ret == MAX_SCHEDULE_TIMEOUT) {                   \
				schedule();                                    \
				continue;                                      \
			}                                                      \
			__ret = schedule_timeout(__ret);                       \
			if (!__ret) {                                          \
				if (condition)                                 \
					__ret = 1;                             \
				break;                                         \
			}                                                      \
		}                                                              \
		finish_wait(&(wq), &__wait);                                   \
		__ret;                                                         \
	})

#define wait_event(wq, condition)                                              \
	do {                                                                   \
		(void)__dde_wait_event(wq, condition, TASK_UNINTERRUPTIBLE,    \
		                       MAX_SCHEDULE_TIMEOUT);                  \
	} while (0)
/* Returns 0 if @timeout elapsed with @condition false, else the jiffies
 * left (at least 1). */
#define wait_event_timeout(wq, condition, timeout)                             \
	__dde_wait_event(wq, condition, TASK_UNINTERRUPTIBLE, (long)(timeout))
#define wait_event_interruptible(wq, condition)                                \
	({                                                                     \
		(void)__dde_wait_event(wq, condition, TASK_INTERRUPTIBLE,      \
		                       MAX_SCHEDULE_TIMEOUT);                  \
		0;                                                             \
	})
#define wait_event_interruptible_timeout(wq, condition, timeout)               \
	__dde_wait_event(wq, condition, TASK_INTERRUPTIBLE, (long)(timeout))

#endif /* _LINUX_WAIT_H */
