/*
 * internal.h — what the files of lib/dde_fbsd share.
 *
 * Execution model (DESIGN.md "Execution model"), as a uniprocessor FreeBSD:
 *  - intr_lock: the environment's "interrupts off". A filter holds it while
 *    it runs; a thread holding any spin mutex or in a critical section holds
 *    it (td_dde_intr_off counts nesting). So spin sections and filters never
 *    overlap, and spin-mutex state needs no other lock.
 *  - Filters run on the DDEKit handler thread of their line; the ithread
 *    handlers run afterwards on the same thread without intr_lock, while
 *    DDEKit keeps the source masked (as FreeBSD masks until the ithread ran).
 *  - sleep_lock + sleep_cv: every sleep (msleep, cv_wait, pause) and wakeup.
 *    Sleepers are queued records with a wait channel; wakeups mark records
 *    and broadcast; sleepers recheck their own mark.
 *  - Lock order: any mutex or sx internal lock -> intr_lock -> the locks of
 *    taskqueues and callouts -> sleep_lock.
 */
#ifndef DDE_FBSD_INTERNAL_H
#define DDE_FBSD_INTERNAL_H

#define DDEKIT_NO_LEGACY_TIMER_NAMES

#include <ddekit/condvar.h>
#include <ddekit/lock.h>
#include <ddekit/thread.h>

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/lock.h>
#include <sys/malloc.h>
#include <sys/proc.h>
#include <sys/queue.h>

struct dde_fbsd_env {
	int up;
	ddekit_lock_t intr_lock;
	ddekit_lock_t sleep_lock;
	ddekit_condvar_t *sleep_cv;
	ddekit_lock_t registry_lock; /* thread records, malloc types */
	ddekit_lock_t intr_reg_lock; /* interrupt events (intr.c) */
	TAILQ_HEAD(, thread) adopted;
	device_t root;
};

extern struct dde_fbsd_env dde_fbsd_env;

/* A record for a thread libdde starts (or an interrupt line's thread):
 * owned by the caller, installed by dde_fbsd_thread_enter() in the thread. */
void dde_fbsd_thread_init(struct thread *td, const char *name);
void dde_fbsd_thread_enter(struct thread *td);

/* "Interrupts off": nests per thread. */
void dde_fbsd_intr_off(struct thread *td);
void dde_fbsd_intr_on(struct thread *td);

/* Panics when the calling thread may not sleep / may not block on a sleep
 * mutex here (filter, spin mutex held; sleeping also in ithreads and
 * callouts). @what names the operation in the message. */
void dde_fbsd_assert_sleepable(const char *what, const char *file, int line);
void dde_fbsd_assert_blockable(const char *what, const char *file, int line);

/* Release / retake any lock (class from lo_flags) around a sleep; release
 * returns how it was held, for acquire. */
int dde_fbsd_lock_release(struct lock_object *lo);
void dde_fbsd_lock_acquire(struct lock_object *lo, int how);

/* A FreeBSD errno for a (negative) DDEKit code. */
int dde_fbsd_errno(int ddekit_err);

/* Subsystem start/stop, in dde_fbsd_init() / dde_fbsd_exit() order. */
int dde_fbsd_callout_start(void);
void dde_fbsd_callout_stop(void);
int dde_fbsd_taskqueue_start(void);
void dde_fbsd_taskqueue_stop(void);
int dde_fbsd_newbus_start(void);
void dde_fbsd_newbus_stop(void);
void dde_fbsd_modules_unload_all(void);
void dde_fbsd_devclasses_free(void);
void dde_fbsd_malloc_report(void);

/* The root PCI bus driver (pci_bus.c), added to the root's class. */
extern driver_t dde_fbsd_pci_driver;
/* The ivars of a child of the root PCI bus; NULL for any other device. */
struct ddekit_pci_dev *dde_fbsd_pci_ddekit_dev(device_t dev);

/* Interrupts (intr.c): attach @filter/@handler to legacy line @line. */
int dde_fbsd_intr_setup(device_t dev, int line, int flags,
                        driver_filter_t *filter, driver_intr_t *handler,
                        void *arg, void **cookiep);
int dde_fbsd_intr_teardown(void *cookie);

/* struct resource, shared by the root bus and rman accessors. */
struct resource {
	u_long r_start;
	u_long r_end;
	u_int r_flags;
	int r_rid;
	int r_type;
	device_t r_dev;
	bus_space_tag_t r_bustag;
	bus_space_handle_t r_bushandle;
	void *r_virtual;
	int r_requested; /* claimed from DDEKit */
	TAILQ_ENTRY(resource) r_link;
};

#endif /* DDE_FBSD_INTERNAL_H */
