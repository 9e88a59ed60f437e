/*
 * dde_linux26.h — bringing the Linux 2.6 emulation up and down.
 *
 * For driver servers and tests, not for drivers (drivers include only
 * <linux/...> headers).
 */
#ifndef DDE_LINUX26_H
#define DDE_LINUX26_H

/**
 * dde_linux26_init() - start the emulation: its locks, the softirq thread
 * and the shared "events" workqueue.
 *
 * Call after ddekit_init(), from process context. module_init() wrappers
 * call it too, so calling it more than once is harmless. Returns 0 or a
 * negative errno (-ENOMEM).
 */
int dde_linux26_init(void);

/**
 * dde_linux26_exit() - stop the emulation so that ddekit_deinit() succeeds.
 *
 * Runs the module_exit() functions (last registered first), stops the
 * softirq thread and the events workqueue, and frees every task record.
 * Drivers must have freed their interrupts, timers, workqueues and kthreads
 * (module_exit does that). Call from the thread that called
 * dde_linux26_init(); does nothing if the emulation is not up.
 */
void dde_linux26_exit(void);

#endif /* DDE_LINUX26_H */
