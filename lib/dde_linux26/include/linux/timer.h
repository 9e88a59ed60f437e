/*
 * linux/timer.h — kernel timers (libdde emulation of Linux 2.6.24).
 *
 * Timer functions run in softirq context (excluded by local_bh_disable and
 * spin_lock_bh), one at a time, never before `expires`.
 * Knowingly missing: add_timer_on (no CPUs), deferrable timers, hrtimers.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>
#include <linux/jiffies.h>

struct timer_list {
	struct list_head entry;
	unsigned long expires;
	void (*function)(unsigned long);
	unsigned long data;

	/* libdde: the DDEKit timer carrying the current arming. */
	int dde_id;
	int dde_pending; /* armed and not yet run or deleted */
	int dde_shots;   /* DDEKit timers that may still call back */
};

#define TIMER_INITIALIZER(_function, _expires, _data)                          \
	{                                                                      \
		.entry = {NULL, NULL}, .expires = (_expires),                  \
		.function = (_function), .data = (_data), .dde_id = -1         \
	}
#define DEFINE_TIMER(_name, _function, _expires, _data)                        \
	struct timer_list _name = TIMER_INITIALIZER(_function, _expires, _data)

void init_timer(struct timer_list *timer);
static inline void setup_timer(struct timer_list *timer,
                               void (*function)(unsigned long),
                               unsigned long data)
{
	init_timer(timer);
	timer->function = function;
	timer->data = data;
}
int timer_pending(const struct timer_list *timer);
void add_timer(struct timer_list *timer);
/* Returns 1 if the timer was pending before, 0 otherwise. */
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
/* del_timer() that also waits until the function is not running anywhere.
 * Not from the timer's own function, nor with bottom halves disabled. */
int del_timer_sync(struct timer_list *timer);
#define try_to_del_timer_sync(t) del_timer(t)

#endif /* _LINUX_TIMER_H */
