/*
 * sys/_task.h — struct task (FreeBSD 7, libdde).
 */
#ifndef _DDE_FBSD_SYS__TASK_H_
#define _DDE_FBSD_SYS__TASK_H_

#include <sys/queue.h>

typedef void task_fn_t(void *context, int pending);

struct task {
	STAILQ_ENTRY(task) ta_link;
	u_short ta_pending; /* enqueues since it last ran, 0 if not queued */
	u_short ta_priority;
	task_fn_t *ta_func;
	void *ta_context;
};

#endif /* _DDE_FBSD_SYS__TASK_H_ */
