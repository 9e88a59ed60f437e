/*
 * sys/proc.h — the thread record (FreeBSD 7 names, libdde content).
 *
 * Every thread that enters the emulation has a struct thread (curthread):
 * threads libdde starts (softclock, taskqueue, interrupt threads) own one,
 * others are adopted on first use. Only td_name and td_tid are meant for
 * drivers; the td_dde_* fields are the execution-model state.
 */
#ifndef _DDE_FBSD_SYS_PROC_H_
#define _DDE_FBSD_SYS_PROC_H_

#include <sys/types.h>
#include <sys/queue.h>

struct thread {
	char td_name[MAXCOMLEN + 1 + 12];
	int td_tid;
	int td_intr_nesting_level; /* > 0 while running a filter */
	int td_dde_intr_off;       /* spin mutexes / critical sections held */
	int td_dde_no_sleeping;    /* > 0 in ithreads, callouts */
	int td_dde_adopted;
	void *td_dde_thread; /* the DDEKit thread */
	TAILQ_ENTRY(thread) td_dde_link;
};

__BEGIN_DECLS
struct thread *dde_fbsd_curthread(void);
__END_DECLS

#define curthread (dde_fbsd_curthread())

#define THREAD_NO_SLEEPING() (curthread->td_dde_no_sleeping++)
#define THREAD_SLEEPING_OK() (curthread->td_dde_no_sleeping--)

#endif /* _DDE_FBSD_SYS_PROC_H_ */
