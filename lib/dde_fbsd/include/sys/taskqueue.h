/*
 * sys/taskqueue.h — taskqueue(9) (FreeBSD 7, libdde).
 *
 * Enqueueing a task that is already queued only counts (ta_pending, passed
 * to the function as @pending when it runs). Tasks run in the queue's
 * threads in priority order (higher first), FIFO within a priority; they may
 * sleep. taskqueue_enqueue() works from any context, filters included.
 * Global queues: taskqueue_thread, taskqueue_swi, taskqueue_swi_giant (runs
 * with Giant) and taskqueue_fast, one thread each.
 */
#ifndef _DDE_FBSD_SYS_TASKQUEUE_H_
#define _DDE_FBSD_SYS_TASKQUEUE_H_

#include <sys/types.h>
#include <sys/_task.h>

struct taskqueue;

typedef void (*taskqueue_enqueue_fn)(void *context);

__BEGIN_DECLS
struct taskqueue *taskqueue_create(const char *name, int mflags,
                                   taskqueue_enqueue_fn enqueue, void *context);
struct taskqueue *taskqueue_create_fast(const char *name, int mflags,
                                        taskqueue_enqueue_fn enqueue,
                                        void *context);
int taskqueue_start_threads(struct taskqueue **tqp, int count, int pri,
                            const char *name, ...) __printflike(4, 5);
int taskqueue_enqueue(struct taskqueue *queue, struct task *task);
void taskqueue_drain(struct taskqueue *queue, struct task *task);
void taskqueue_free(struct taskqueue *queue);
void taskqueue_run(struct taskqueue *queue);
void taskqueue_block(struct taskqueue *queue);
void taskqueue_unblock(struct taskqueue *queue);
/* The enqueue hook for queues served by taskqueue_start_threads();
 * @context is the address of the queue pointer. */
void taskqueue_thread_enqueue(void *context);
__END_DECLS

#define taskqueue_enqueue_fast(q, t) taskqueue_enqueue((q), (t))

#define TASK_INIT(task, priority, func, context)                               \
	do {                                                                   \
		(task)->ta_pending = 0;                                        \
		(task)->ta_priority = (priority);                              \
		(task)->ta_func = (func);                                      \
		(task)->ta_context = (context);                                \
	} while (0)

#define TASKQUEUE_DECLARE(name) extern struct taskqueue *taskqueue_##name

TASKQUEUE_DECLARE(swi);
TASKQUEUE_DECLARE(swi_giant);
TASKQUEUE_DECLARE(thread);
TASKQUEUE_DECLARE(fast);

#endif /* _DDE_FBSD_SYS_TASKQUEUE_H_ */
