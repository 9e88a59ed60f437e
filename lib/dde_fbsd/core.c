/*
 * core.c — bringing the emulation up and down, thread records, SYSINITs.
 */
#include "internal.h"
#include "dde_fbsd.h"

#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/panic.h>
#include <ddekit/printf.h>
#include <ddekit/timer.h>

#include <sys/kernel.h>
#include <sys/mutex.h>

struct dde_fbsd_env dde_fbsd_env = {
    .adopted = TAILQ_HEAD_INITIALIZER(dde_fbsd_env.adopted),
};

int hz = 1000;
int bootverbose;
int cold;

/* Weak: a program without any SYSINIT has no such section. */
extern const struct sysinit *const __start_dde_fbsd_sysinit[]
    __attribute__((weak));
extern const struct sysinit *const __stop_dde_fbsd_sysinit[]
    __attribute__((weak));
extern const struct sysinit *const __start_dde_fbsd_sysuninit[]
    __attribute__((weak));
extern const struct sysinit *const __stop_dde_fbsd_sysuninit[]
    __attribute__((weak));

int dde_fbsd_ticks(void)
{
	return (int)ddekit_jiffies();
}

void dde_fbsd_thread_init(struct thread *td, const char *name)
{
	memset(td, 0, sizeof(*td));
	strlcpy(td->td_name, name, sizeof(td->td_name));
}

void dde_fbsd_thread_enter(struct thread *td)
{
	ddekit_thread_t *me = ddekit_thread_myself();

	td->td_dde_thread = me;
	td->td_tid = ddekit_thread_get_id(me);
	ddekit_thread_set_my_data(td);
}

struct thread *dde_fbsd_curthread(void)
{
	struct thread *td = ddekit_thread_get_my_data();
	ddekit_thread_t *me;

	if (td)
		return td;
	me = ddekit_thread_myself();
	td = ddekit_simple_malloc(sizeof(*td));
	if (!td)
		ddekit_panic("dde_fbsd: no memory for a thread record");
	dde_fbsd_thread_init(td, ddekit_thread_get_name(me));
	td->td_dde_adopted = 1;
	dde_fbsd_thread_enter(td);
	ddekit_lock_lock(&dde_fbsd_env.registry_lock);
	TAILQ_INSERT_TAIL(&dde_fbsd_env.adopted, td, td_dde_link);
	ddekit_lock_unlock(&dde_fbsd_env.registry_lock);
	return td;
}

static void free_adopted(void)
{
	struct thread *td, *tmp;

	TAILQ_FOREACH_SAFE(td, &dde_fbsd_env.adopted, td_dde_link, tmp)
	{
		TAILQ_REMOVE(&dde_fbsd_env.adopted, td, td_dde_link);
		ddekit_simple_free(td);
	}
	ddekit_thread_set_my_data(NULL);
}

void dde_fbsd_assert_blockable(const char *what, const char *file, int line)
{
	struct thread *td = curthread;

	if (td->td_intr_nesting_level)
		panic("%s in an interrupt filter at %s:%d", what, file, line);
	if (td->td_dde_intr_off)
		panic("%s with a spin mutex held at %s:%d", what, file, line);
}

void dde_fbsd_assert_sleepable(const char *what, const char *file, int line)
{
	struct thread *td = curthread;

	dde_fbsd_assert_blockable(what, file, line);
	if (td->td_dde_no_sleeping)
		panic("%s: sleeping not allowed in thread %s (ithread or "
		      "callout) at %s:%d",
		      what, td->td_name, file, line);
}

int dde_fbsd_errno(int err)
{
	switch (-err) {
	case 0:
		return 0;
	case DDEKIT_ENOMEM:
		return ENOMEM;
	case DDEKIT_EBUSY:
		return EBUSY;
	case DDEKIT_EINVAL:
		return EINVAL;
	case DDEKIT_ENODEV:
		return ENODEV;
	case DDEKIT_ENOENT:
		return ENOENT;
	case DDEKIT_EACCES:
		return EACCES;
	case DDEKIT_EPERM:
		return EPERM;
	case DDEKIT_EFAULT:
		return EFAULT;
	case DDEKIT_ENOSYS:
		return EOPNOTSUPP;
	case DDEKIT_ETIMEDOUT:
		return ETIMEDOUT;
	case DDEKIT_EAGAIN:
		return EAGAIN;
	default:
		return EIO;
	}
}

/*
 * Runs one (subsystem, order) key after the other in ascending (or, for
 * uninit, descending) order, entries of one key in link order. Quadratic in
 * the number of keys, which are few, and needs no memory.
 */
static void run_set(const struct sysinit *const *first,
                    const struct sysinit *const *end, int descending)
{
	const struct sysinit *const *p;
	uint64_t prev = 0, key;
	int have_prev = 0;

	if (!first || !end)
		return;
	for (;;) {
		uint64_t level = 0;
		int found = 0;

		for (p = first; p < end; p++) {
			key = (uint64_t)(*p)->subsystem << 32 | (*p)->order;
			if (have_prev &&
			    (descending ? key >= prev : key <= prev))
				continue;
			if (!found ||
			    (descending ? key > level : key < level)) {
				level = key;
				found = 1;
			}
		}
		if (!found)
			break;
		for (p = first; p < end; p++) {
			key = (uint64_t)(*p)->subsystem << 32 | (*p)->order;
			if (key == level)
				(*p)->func((*p)->udata);
		}
		prev = level;
		have_prev = 1;
	}
}

static int locks_init(void)
{
	struct dde_fbsd_env *e = &dde_fbsd_env;

	ddekit_lock_init(&e->intr_lock);
	ddekit_lock_init(&e->sleep_lock);
	ddekit_lock_init(&e->registry_lock);
	ddekit_lock_init(&e->intr_reg_lock);
	e->sleep_cv = ddekit_condvar_init();
	if (!e->intr_lock || !e->sleep_lock || !e->registry_lock ||
	    !e->intr_reg_lock || !e->sleep_cv)
		return -DDEKIT_ENOMEM;
	return 0;
}

static void locks_fini(void)
{
	struct dde_fbsd_env *e = &dde_fbsd_env;

	if (e->sleep_cv)
		ddekit_condvar_deinit(e->sleep_cv);
	e->sleep_cv = NULL;
	if (e->intr_lock)
		ddekit_lock_deinit(&e->intr_lock);
	if (e->sleep_lock)
		ddekit_lock_deinit(&e->sleep_lock);
	if (e->registry_lock)
		ddekit_lock_deinit(&e->registry_lock);
	if (e->intr_reg_lock)
		ddekit_lock_deinit(&e->intr_reg_lock);
}

int dde_fbsd_init(void)
{
	int err;

	if (dde_fbsd_env.up)
		return -DDEKIT_EBUSY;
	err = locks_init();
	if (err)
		goto fail_locks;
	dde_fbsd_env.up = 1;
	mtx_init(&Giant, "Giant", NULL, MTX_DEF | MTX_RECURSE);
	err = dde_fbsd_callout_start();
	if (err)
		goto fail_callout;
	err = dde_fbsd_taskqueue_start();
	if (err)
		goto fail_taskqueue;
	run_set(__start_dde_fbsd_sysinit, __stop_dde_fbsd_sysinit, 0);
	err = dde_fbsd_newbus_start();
	if (err)
		goto fail_newbus;
	return 0;

fail_newbus:
	dde_fbsd_modules_unload_all();
	dde_fbsd_devclasses_free();
	dde_fbsd_taskqueue_stop();
fail_taskqueue:
	dde_fbsd_callout_stop();
fail_callout:
	mtx_destroy(&Giant);
	dde_fbsd_env.up = 0;
	free_adopted();
fail_locks:
	locks_fini();
	return err;
}

void dde_fbsd_modules_unload_all(void)
{
	run_set(__start_dde_fbsd_sysuninit, __stop_dde_fbsd_sysuninit, 1);
}

void dde_fbsd_exit(void)
{
	if (!dde_fbsd_env.up)
		return;
	dde_fbsd_newbus_stop();
	dde_fbsd_modules_unload_all();
	dde_fbsd_devclasses_free();
	dde_fbsd_taskqueue_stop();
	dde_fbsd_callout_stop();
	dde_fbsd_malloc_report();
	mtx_destroy(&Giant);
	dde_fbsd_env.up = 0;
	free_adopted();
	locks_fini();
}

/* ---- console, panic, delays ---- */

int dde_fbsd_vprintf(const char *fmt, va_list ap)
{
	return ddekit_vprintf(fmt, ap);
}

int dde_fbsd_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ddekit_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int dde_fbsd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return ddekit_vsnprintf(buf, size, fmt, ap);
}

int dde_fbsd_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ddekit_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int dde_fbsd_sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* sprintf has no bound; the caller promised the room. */
	va_start(ap, fmt);
	n = ddekit_vsnprintf(buf, (size_t)1 << 30, fmt, ap);
	va_end(ap);
	return n;
}

void dde_fbsd_panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	ddekit_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ddekit_panic("%s", buf);
}

void DELAY(int usec)
{
	uint64_t end =
	    ddekit_clock_ns() + (uint64_t)(usec > 0 ? usec : 0) * 1000;

	/* Busy: DELAY is allowed in filters and with spin mutexes held. */
	while (ddekit_clock_ns() < end)
		;
}

size_t dde_fbsd_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
