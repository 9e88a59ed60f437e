/*
 * sched.c — threads on one CPU: strict priorities between levels
 * (interrupt threads above the timer thread above everything else),
 * round-robin with a 10 ms slice within a level, and preemption: the timer
 * tick ends slices and deadlines, and a wakeup of a higher-priority thread
 * switches at once (at the end of the interrupt handler when it came from
 * one).
 *
 * Every scheduler structure is touched with interrupts off only; that is
 * the whole locking story on one CPU. A thread switches by saving its
 * callee-saved registers and stack pointer (switch.S); a thread preempted
 * by an interrupt therefore sits in schedule() called from bm_trap(), with
 * its interrupt frame further up its own stack, and resumes by returning
 * through the interrupt exit. Each stack has a page below it that is not
 * mapped (paging.c), so an overflow faults (idt.c names the thread).
 */
#include <string.h>

#include "bm.h"

#define STACK_SIZE  (32u * 1024)
#define SLICE_TICKS 10

enum state { RUNNING, READY, BLOCKED, DEAD };

struct bm_thread {
	uint64_t rsp;            /* saved by bm_switch() */
	struct bm_thread *next;  /* in a run queue or a wait queue */
	struct bm_waitq *waitq;  /* the wait queue it is on, or NULL */
	struct bm_thread *tnext; /* in the list of timed waits */
	uint64_t deadline;       /* BM_FOREVER: not in the timed list */
	int prio, state, wake, slice;
	void *data;     /* ddekit_host_thread_set_data() */
	void *stack;    /* guard page and stack; NULL for the boot thread */
	uint64_t guard; /* the page below the stack, not mapped */
	struct bm_thread *anext; /* in the list of all threads */
	char name[16];
};

void bm_switch(uint64_t *save, uint64_t next);
void bm_thread_trampoline(void);
void bm_thread_main(void (*fn)(void *), void *arg);

extern char boot_stack_guard[];

static struct bm_thread boot_thread = {.state = RUNNING,
                                       .prio = 0,
                                       .deadline = BM_FOREVER,
                                       .guard = (uintptr_t)boot_stack_guard,
                                       .name = "main"};
static struct bm_thread *all = &boot_thread;
static struct bm_thread *idle;
static struct bm_thread *current = &boot_thread;
static struct bm_waitq runq[BM_NR_PRIO];
static struct bm_thread *timed;
static struct bm_thread *zombies;
static int need_resched;
static long nthreads;
int bm_in_irq;

static void q_push(struct bm_waitq *q, struct bm_thread *t)
{
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

struct bm_thread *bm_waitq_pop(struct bm_waitq *q)
{
	struct bm_thread *t = q->head;

	if (t) {
		q->head = t->next;
		if (!q->head)
			q->tail = NULL;
		t->next = NULL;
		t->waitq = NULL;
	}
	return t;
}

static void q_remove(struct bm_waitq *q, struct bm_thread *t)
{
	struct bm_thread **pp, *prev = NULL;

	for (pp = &q->head; *pp; prev = *pp, pp = &(*pp)->next) {
		if (*pp != t)
			continue;
		*pp = t->next;
		if (q->tail == t)
			q->tail = prev;
		t->next = NULL;
		return;
	}
}

static void timed_remove(struct bm_thread *t)
{
	struct bm_thread **pp;

	if (t->deadline == BM_FOREVER)
		return;
	for (pp = &timed; *pp; pp = &(*pp)->tnext) {
		if (*pp == t) {
			*pp = t->tnext;
			break;
		}
	}
	t->deadline = BM_FOREVER;
}

static void make_ready(struct bm_thread *t)
{
	t->state = READY;
	q_push(&runq[t->prio], t);
	if (t->prio > current->prio)
		need_resched = 1;
}

static void free_stack(struct bm_thread *t)
{
	if (bm_page_set_present(t->guard, 1) < 0)
		bm_panic("cannot map a guard page back");
	bm_heap_free(t->stack, BM_PAGE + STACK_SIZE);
}

static void reap(void)
{
	while (zombies) {
		struct bm_thread *z = zombies;

		zombies = z->next;
		for (struct bm_thread **pp = &all; *pp; pp = &(*pp)->anext) {
			if (*pp == z) {
				*pp = z->anext;
				break;
			}
		}
		free_stack(z);
		bm_heap_free(z, sizeof(*z));
	}
}

/* Interrupts off. Runs the highest-priority ready thread (maybe us). */
static void schedule(void)
{
	struct bm_thread *prev = current, *next = idle;
	int p;

	if (prev->state == RUNNING && prev != idle)
		make_ready(prev);
	for (p = BM_NR_PRIO - 1; p >= 0; p--) {
		if (runq[p].head) {
			next = bm_waitq_pop(&runq[p]);
			break;
		}
	}
	need_resched = 0;
	next->state = RUNNING;
	if (next == prev)
		return;
	next->slice = SLICE_TICKS;
	current = next;
	bm_fpu_switch(next);
	bm_switch(&prev->rsp, next->rsp);
	/* Resumed: whoever died meanwhile has left its stack for good. */
	reap();
}

int bm_block(struct bm_waitq *q, uint64_t deadline)
{
	struct bm_thread *t = current;

	if (t == idle)
		bm_panic("the idle thread tried to block");
	t->state = BLOCKED;
	t->wake = 0;
	t->waitq = q;
	if (q)
		q_push(q, t);
	t->deadline = deadline;
	if (deadline != BM_FOREVER) {
		t->tnext = timed;
		timed = t;
	}
	schedule();
	return t->wake;
}

static void wake(struct bm_thread *t, int why)
{
	if (t->state != BLOCKED)
		return;
	if (t->waitq) {
		q_remove(t->waitq, t);
		t->waitq = NULL;
	}
	timed_remove(t);
	t->wake = why;
	make_ready(t);
}

void bm_wake(struct bm_thread *t)
{
	wake(t, BM_WAKE_SIGNAL);
}

void bm_preempt_check(void)
{
	uint64_t flags;

	if (bm_in_irq || !__atomic_load_n(&need_resched, __ATOMIC_RELAXED))
		return;
	flags = bm_irq_save();
	if (need_resched)
		schedule();
	bm_irq_restore(flags);
}

void bm_sched_tick(void)
{
	uint64_t now = bm_clock_ns();
	struct bm_thread *t, *n;

	for (t = timed; t; t = n) {
		n = t->tnext;
		if (now >= t->deadline)
			wake(t, BM_WAKE_TIMEOUT);
	}
	if (current != idle && --current->slice <= 0 &&
	    runq[current->prio].head)
		need_resched = 1;
}

void bm_sched_irq_exit(void)
{
	if (need_resched)
		schedule();
}

void bm_thread_main(void (*fn)(void *), void *arg)
{
	__asm__ volatile("sti");
	fn(arg);
	bm_thread_exit();
}

static struct bm_thread *create(const char *name, int prio, void (*fn)(void *),
                                void *arg)
{
	struct bm_thread *t = bm_heap_alloc(sizeof(*t), 0);
	uint64_t *sp, flags;

	if (!t)
		return NULL;
	t->stack = bm_heap_alloc(BM_PAGE + STACK_SIZE, BM_PAGE);
	if (!t->stack) {
		bm_heap_free(t, sizeof(*t));
		return NULL;
	}
	t->guard = (uintptr_t)t->stack;
	if (bm_page_set_present(t->guard, 0) < 0) {
		bm_heap_free(t->stack, BM_PAGE + STACK_SIZE);
		bm_heap_free(t, sizeof(*t));
		return NULL;
	}
	/* The frame bm_switch() pops: r15 r14 r13 r12 rbx rbp, return. */
	sp = (uint64_t *)((char *)t->stack + BM_PAGE + STACK_SIZE);
	*--sp = (uintptr_t)bm_thread_trampoline;
	*--sp = 0;              /* rbp */
	*--sp = 0;              /* rbx */
	*--sp = (uintptr_t)fn;  /* r12 */
	*--sp = (uintptr_t)arg; /* r13 */
	*--sp = 0;              /* r14 */
	*--sp = 0;              /* r15 */
	t->rsp = (uintptr_t)sp;
	t->prio = prio;
	t->deadline = BM_FOREVER;
	for (int i = 0; i < (int)sizeof(t->name) - 1 && name && name[i]; i++)
		t->name[i] = name[i];
	flags = bm_irq_save();
	t->anext = all;
	all = t;
	bm_irq_restore(flags);
	return t;
}

int bm_thread_create(const char *name, int prio, void (*fn)(void *), void *arg)
{
	struct bm_thread *t;
	uint64_t flags;

	if (prio < 0 || prio >= BM_NR_PRIO)
		prio = 0;
	t = create(name, prio, fn, arg);
	if (!t)
		return -1;
	flags = bm_irq_save();
	nthreads++;
	make_ready(t);
	bm_irq_restore(flags);
	bm_preempt_check();
	return 0;
}

void bm_thread_exit(void)
{
	__asm__ volatile("cli");
	if (current == &boot_thread || current == idle)
		bm_panic("thread \"%s\" may not exit", current->name);
	current->state = DEAD;
	current->next = zombies;
	zombies = current;
	nthreads--;
	schedule();
	bm_panic("a dead thread ran again");
}

void bm_thread_yield(void)
{
	uint64_t flags = bm_irq_save();

	schedule();
	bm_irq_restore(flags);
}

struct bm_thread *bm_current(void)
{
	return current;
}

void **bm_thread_data(struct bm_thread *t)
{
	return &t->data;
}

const char *bm_thread_name(struct bm_thread *t)
{
	return t ? t->name : "?";
}

struct bm_thread *bm_stack_guard_owner(uint64_t addr)
{
	struct bm_thread *t;

	for (t = all; t; t = t->anext)
		if (addr - t->guard < BM_PAGE)
			return t;
	return NULL;
}

long bm_thread_count(void)
{
	return __atomic_load_n(&nthreads, __ATOMIC_RELAXED);
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;) /* sti takes effect after hlt starts: no lost wakeup */
		__asm__ volatile("sti; hlt" : : : "memory");
}

void bm_sched_init(void)
{
	idle = create("idle", BM_PRIO_IDLE, idle_loop, NULL);
	if (!idle)
		bm_panic("no memory for the idle thread");
}
