/*
 * conf_irq.c — interrupts from the edu device: delivery to a handler thread,
 * thread_init, repeated delivery (unmasking), disable/enable, detach,
 * sharing rules.
 *
 * The edu raises its interrupt when a value is written to its raise register
 * and keeps it raised until the value is acknowledged, like a real
 * level-triggered device.
 */
#include "conf_edu.h"

#include <ddekit/interrupt.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#define REPEATS       5
#define REPEATS_QUICK 3

/* Waits for one handled interrupt; 0, or -1 after failing the test. */
static int wait_fired(struct conf_test_ctx *t, struct conf_edu_irq *irq)
{
	return conf_wait(t, irq->fired, 1, "edu interrupt handled");
}

static void
thread_init_runs_in_the_handler_thread_first(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	int inits;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	inits = __atomic_load_n(&irq.inits, __ATOMIC_SEQ_CST);
	CONF_CHECK(t, inits == 1,
	           "thread_init ran %d times before attach returned, want 1",
	           inits);
	CONF_CHECK(t,
	           __atomic_load_n(&irq.init_thread, __ATOMIC_SEQ_CST) ==
	               irq.attached,
	           "thread_init ran in another thread than the returned "
	           "handler thread");
out:
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void handler_runs_in_the_handler_thread(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	ddekit_thread_t *ran_in;
	int current;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	CONF_CHECK(t, irq.attached != ddekit_thread_myself(),
	           "the handler thread is the caller's thread");
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x1);
	CONF_TRY(wait_fired(t, &irq));
	ran_in = __atomic_load_n(&irq.thread, __ATOMIC_SEQ_CST);
	current = __atomic_load_n(&irq.current, __ATOMIC_SEQ_CST);
	CONF_CHECK(t, ran_in == irq.attached,
	           "the handler ran in thread %p, attach returned %p",
	           (void *)ran_in, (void *)irq.attached);
	CONF_CHECK(t, current == edu.irq,
	           "ddekit_interrupt_current() in the handler is %d, want %d",
	           current, edu.irq);
out:
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void handler_sees_the_raised_value(struct conf_test_ctx *t)
{
	const ddekit_uint32_t value = 0x00c0ffee;
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	ddekit_uint32_t seen, left;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	conf_edu_write(&edu, EDU_IRQ_RAISE, value);
	CONF_TRY(wait_fired(t, &irq));
	seen = __atomic_load_n(&irq.status, __ATOMIC_SEQ_CST);
	CONF_CHECK(t, seen == value,
	           "the handler found 0x%08x in the status register, want "
	           "0x%08x",
	           seen, value);
	left = conf_edu_read(&edu, EDU_IRQ_STATUS);
	CONF_CHECK(t, left == 0,
	           "status is 0x%08x after the handler acknowledged it", left);
out:
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void every_interrupt_runs_the_handler_again(struct conf_test_ctx *t)
{
	unsigned n = conf_iters(t, REPEATS, REPEATS_QUICK), i;
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	int count;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	for (i = 0; i < n; i++) {
		/* Each raise follows the previous handler run, so each one
		 * needs the source unmasked again. */
		conf_edu_write(&edu, EDU_IRQ_RAISE, 1u << i);
		CONF_TRY(wait_fired(t, &irq));
	}
	count = conf_edu_irq_count(&irq);
	CONF_CHECK(t, count == (int)n, "%d handler runs for %u interrupts",
	           count, n);
out:
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void
disable_holds_an_interrupt_back_until_enable(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	int disabled = 0, held;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	ddekit_interrupt_disable(edu.irq);
	disabled = 1;
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x2);
	ddekit_thread_msleep(CONF_QUIET_MS);
	held = conf_edu_irq_count(&irq);
	CONF_CHECK(t, held == 0,
	           "the handler ran %d times while the line was disabled",
	           held);
	ddekit_interrupt_enable(edu.irq);
	disabled = 0;
	CONF_TRY(wait_fired(t, &irq));
out:
	if (disabled)
		ddekit_interrupt_enable(edu.irq);
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void disable_nests(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	int depth = 0, held;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	ddekit_interrupt_disable(edu.irq);
	ddekit_interrupt_disable(edu.irq);
	depth = 2;
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x4);
	ddekit_interrupt_enable(edu.irq);
	depth = 1;
	ddekit_thread_msleep(CONF_QUIET_MS);
	held = conf_edu_irq_count(&irq);
	CONF_CHECK(t, held == 0,
	           "the handler ran after one enable of two disables");
	ddekit_interrupt_enable(edu.irq);
	depth = 0;
	CONF_TRY(wait_fired(t, &irq));
out:
	while (depth-- > 0)
		ddekit_interrupt_enable(edu.irq);
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void detach_stops_the_handler(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	int r, after, again;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	/* First prove the path works, so silence later means detached. */
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x8);
	CONF_TRY(wait_fired(t, &irq));
	r = ddekit_interrupt_detach(edu.irq);
	irq.is_attached = 0;
	CONF_CHECK(t, r == 0, "ddekit_interrupt_detach() returned %d", r);
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x10);
	ddekit_thread_msleep(CONF_QUIET_MS);
	after = conf_edu_irq_count(&irq);
	CONF_CHECK(t, after == 1, "the handler ran %d times after detach",
	           after - 1);
	again = ddekit_interrupt_detach(edu.irq);
	CONF_CHECK(t, again == -1,
	           "detaching a line with nothing attached returned %d, want "
	           "-1",
	           again);
out:
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

static void current_is_minus_1_outside_handlers(struct conf_test_ctx *t)
{
	int current = ddekit_interrupt_current();

	CONF_CHECK(t, current == -1,
	           "ddekit_interrupt_current() outside handlers is %d",
	           current);
out:
	return;
}

static void nop_handler(void *arg)
{
	(void)arg;
}

static void unshared_line_refuses_a_second_handler(struct conf_test_ctx *t)
{
	struct conf_edu_irq irq = {0};
	struct conf_edu edu = {0};
	ddekit_thread_t *second = NULL;

	CONF_TRY(conf_edu_open(t, &edu));
	CONF_TRY(conf_edu_irq_attach(t, &irq, &edu));
	second = ddekit_interrupt_attach(edu.irq, 1, NULL, nop_handler, NULL);
	CONF_CHECK(t, second == NULL,
	           "a second (shared) attachment to a line attached unshared "
	           "succeeded");
out:
	/* Detach removes every handler of the line, a wrongly added one
	 * too. */
	conf_edu_irq_detach(&irq);
	conf_edu_close(&edu);
}

/*
 * Two handlers on one shared line: the first records its turn, the second
 * (the edu's real handler) acknowledges the device. Each gets its own priv
 * (detach_handler tells handlers apart by it), pointing to the one probe.
 */
struct order_probe;

struct order_ref {
	struct order_probe *probe;
};

struct order_probe {
	struct conf_edu *edu;
	ddekit_sem_t *fired;
	struct order_ref first;
	struct order_ref second;
	int turn;
	int first_turn;
	int second_turn;
	int attached;
};

static void first_handler(void *arg)
{
	struct order_probe *p = ((struct order_ref *)arg)->probe;

	__atomic_store_n(&p->first_turn,
	                 __atomic_add_fetch(&p->turn, 1, __ATOMIC_SEQ_CST),
	                 __ATOMIC_SEQ_CST);
}

static void second_handler(void *arg)
{
	struct order_probe *p = ((struct order_ref *)arg)->probe;
	ddekit_uint32_t raised = conf_edu_read(p->edu, EDU_IRQ_STATUS);

	if (!raised)
		return;
	conf_edu_write(p->edu, EDU_IRQ_ACK, raised);
	__atomic_store_n(&p->second_turn,
	                 __atomic_add_fetch(&p->turn, 1, __ATOMIC_SEQ_CST),
	                 __ATOMIC_SEQ_CST);
	ddekit_sem_up(p->fired);
}

/*
 * Opens the edu and attaches first_handler and second_handler, shared, to
 * its legacy line. 0, or -1 after failing the test; order_close() undoes
 * whatever part of it was done.
 */
static int order_open(struct conf_test_ctx *t, struct conf_edu *edu,
                      struct order_probe *p)
{
	if (conf_edu_open(t, edu) < 0)
		return -1;
	CONF_CHECK(t, edu->irq >= 0, "edu has no legacy interrupt line");
	p->edu = edu;
	p->first.probe = p;
	p->second.probe = p;
	p->fired = ddekit_sem_init(0);
	CONF_CHECK(t, p->fired, "ddekit_sem_init(0) returned NULL");
	CONF_CHECK(t,
	           ddekit_interrupt_attach(edu->irq, 1, NULL, first_handler,
	                                   &p->first),
	           "attaching the first shared handler failed");
	p->attached = 1;
	CONF_CHECK(t,
	           ddekit_interrupt_attach(edu->irq, 1, NULL, second_handler,
	                                   &p->second),
	           "attaching a second shared handler failed");
	return 0;
out:
	return -1;
}

static void order_close(struct conf_edu *edu, struct order_probe *p)
{
	if (p->attached)
		ddekit_interrupt_detach(edu->irq);
	if (edu->regs && conf_edu_read(edu, EDU_IRQ_STATUS))
		conf_edu_write(edu, EDU_IRQ_ACK,
		               conf_edu_read(edu, EDU_IRQ_STATUS));
	if (p->fired)
		ddekit_sem_deinit(p->fired);
	conf_edu_close(edu);
}

static void
shared_line_runs_every_handler_in_attach_order(struct conf_test_ctx *t)
{
	struct order_probe p = {0};
	struct conf_edu edu = {0};

	CONF_TRY(order_open(t, &edu, &p));
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x20);
	CONF_TRY(conf_wait(t, p.fired, 1, "edu interrupt handled"));
	CONF_CHECK(t,
	           __atomic_load_n(&p.first_turn, __ATOMIC_SEQ_CST) == 1 &&
	               __atomic_load_n(&p.second_turn, __ATOMIC_SEQ_CST) == 2,
	           "handlers ran in turns %d and %d, want 1 and 2",
	           __atomic_load_n(&p.first_turn, __ATOMIC_SEQ_CST),
	           __atomic_load_n(&p.second_turn, __ATOMIC_SEQ_CST));
out:
	order_close(&edu, &p);
}

static void detach_handler_removes_only_that_handler(struct conf_test_ctx *t)
{
	struct order_probe p = {0};
	struct conf_edu edu = {0};
	int r;

	CONF_TRY(order_open(t, &edu, &p));
	r = ddekit_interrupt_detach_handler(edu.irq, &p.first);
	CONF_CHECK(t, r == 0, "ddekit_interrupt_detach_handler() returned %d",
	           r);
	conf_edu_write(&edu, EDU_IRQ_RAISE, 0x40);
	CONF_TRY(conf_wait(t, p.fired, 1, "edu interrupt handled"));
	CONF_CHECK(t, __atomic_load_n(&p.first_turn, __ATOMIC_SEQ_CST) == 0,
	           "the detached handler still ran");
out:
	order_close(&edu, &p);
}

static const struct conf_test tests[] = {
    {"thread_init_runs_in_the_handler_thread_first",
     thread_init_runs_in_the_handler_thread_first},
    {"handler_runs_in_the_handler_thread", handler_runs_in_the_handler_thread},
    {"handler_sees_the_raised_value", handler_sees_the_raised_value},
    {"every_interrupt_runs_the_handler_again",
     every_interrupt_runs_the_handler_again},
    {"disable_holds_an_interrupt_back_until_enable",
     disable_holds_an_interrupt_back_until_enable},
    {"disable_nests", disable_nests},
    {"detach_stops_the_handler", detach_stops_the_handler},
    {"current_is_minus_1_outside_handlers",
     current_is_minus_1_outside_handlers},
    {"unshared_line_refuses_a_second_handler",
     unshared_line_refuses_a_second_handler},
    {"shared_line_runs_every_handler_in_attach_order",
     shared_line_runs_every_handler_in_attach_order},
    {"detach_handler_removes_only_that_handler",
     detach_handler_removes_only_that_handler},
};

CONF_AREA(conf_area_irq, "irq", tests);
