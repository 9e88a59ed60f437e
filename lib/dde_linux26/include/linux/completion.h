/*
 * linux/completion.h — completions (libdde emulation of Linux 2.6.24).
 */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

#define COMPLETION_INITIALIZER(work)                                           \
	{                                                                      \
		0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait)                  \
	}
#define DECLARE_COMPLETION(work)                                               \
	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}
#define INIT_COMPLETION(x) ((x).done = 0)

void wait_for_completion(struct completion *x);
int wait_for_completion_interruptible(struct completion *x);
/* Returns 0 on timeout, else the jiffies left (at least 1). */
unsigned long wait_for_completion_timeout(struct completion *x,
                                          unsigned long timeout);
long wait_for_completion_interruptible_timeout(struct completion *x,
                                               unsigned long timeout);
void complete(struct completion *x);
void complete_all(struct completion *x);

#endif /* _LINUX_COMPLETION_H */
