/*
 * mutex.c — the interrupt exclusion, mutex(9) and critical sections.
 */
#include "internal.h"

#include <ddekit/panic.h>

#include <sys/mutex.h>

struct mtx Giant;

void dde_fbsd_intr_off(struct thread *td)
{
	if (td->td_dde_intr_off++ == 0)
		ddekit_lock_lock(&dde_fbsd_env.intr_lock);
}

void dde_fbsd_intr_on(struct thread *td)
{
	KASSERT(td->td_dde_intr_off > 0, ("interrupts enabled twice"));
	if (--td->td_dde_intr_off == 0)
		ddekit_lock_unlock(&dde_fbsd_env.intr_lock);
}

void critical_enter(void)
{
	dde_fbsd_intr_off(curthread);
}

void critical_exit(void)
{
	dde_fbsd_intr_on(curthread);
}

void spinlock_enter(void)
{
	dde_fbsd_intr_off(curthread);
}

void spinlock_exit(void)
{
	dde_fbsd_intr_on(curthread);
}

static struct thread *owner(struct mtx *m)
{
	return (struct thread *)__atomic_load_n(&m->mtx_lock, __ATOMIC_RELAXED);
}

static void set_owner(struct mtx *m, struct thread *td)
{
	__atomic_store_n(&m->mtx_lock, (uintptr_t)td, __ATOMIC_RELAXED);
}

static int is_spin(struct mtx *m)
{
	return (m->lock_object.lo_flags & LO_CLASSMASK) == LO_CLASS_SPIN;
}

void mtx_init(struct mtx *m, const char *name, const char *type, int opts)
{
	ddekit_lock_t l = NULL;

	memset(m, 0, sizeof(*m));
	m->lock_object.lo_name = name;
	m->lock_object.lo_type = type ? type : name;
	m->lock_object.lo_flags =
	    LO_INITIALIZED |
	    ((opts & MTX_SPIN) ? LO_CLASS_SPIN : LO_CLASS_MTX) |
	    ((opts & MTX_RECURSE) ? LO_RECURSABLE : 0);
	if (!(opts & MTX_SPIN)) {
		ddekit_lock_init(&l);
		if (!l)
			panic("mtx_init %s: out of memory", name);
		m->mtx_dde = l;
	}
}

void mtx_destroy(struct mtx *m)
{
	ddekit_lock_t l = m->mtx_dde;

	if (owner(m))
		panic("mtx_destroy: %s is held", m->lock_object.lo_name);
	if (l)
		ddekit_lock_deinit(&l);
	m->mtx_dde = NULL;
	m->lock_object.lo_flags = 0;
}

void mtx_sysinit(void *arg)
{
	struct mtx_args *ma = arg;

	mtx_init(ma->ma_mtx, ma->ma_desc, NULL, ma->ma_opts);
}

static int try_recurse(struct mtx *m, struct thread *td, const char *file,
                       int line)
{
	if (owner(m) != td)
		return 0;
	if (!(m->lock_object.lo_flags & LO_RECURSABLE))
		panic("recursed on non-recursive mutex %s at %s:%d",
		      m->lock_object.lo_name, file, line);
	m->mtx_recurse++;
	return 1;
}

void _mtx_lock_flags(struct mtx *m, int opts, const char *file, int line)
{
	struct thread *td = curthread;

	(void)opts;
	if (is_spin(m))
		panic("mtx_lock() of spin mutex %s at %s:%d",
		      m->lock_object.lo_name, file, line);
	if (try_recurse(m, td, file, line))
		return;
	dde_fbsd_assert_blockable("mtx_lock of a sleep mutex", file, line);
	ddekit_lock_lock((ddekit_lock_t *)&m->mtx_dde);
	set_owner(m, td);
}

int _mtx_trylock(struct mtx *m, int opts, const char *file, int line)
{
	struct thread *td = curthread;

	(void)opts;
	if (is_spin(m)) {
		/* With everyone else serialised by the exclusion, a free spin
		 * mutex can always be had once interrupts are off. */
		dde_fbsd_intr_off(td);
		if (owner(m) && owner(m) != td) {
			dde_fbsd_intr_on(td);
			return 0;
		}
		if (!try_recurse(m, td, file, line))
			set_owner(m, td);
		return 1;
	}
	if (owner(m) == td) {
		if (!(m->lock_object.lo_flags & LO_RECURSABLE))
			return 0;
		m->mtx_recurse++;
		return 1;
	}
	if (ddekit_lock_try_lock((ddekit_lock_t *)&m->mtx_dde) != 0)
		return 0;
	set_owner(m, td);
	return 1;
}

void _mtx_unlock_flags(struct mtx *m, int opts, const char *file, int line)
{
	struct thread *td = curthread;

	(void)opts;
	if (is_spin(m))
		panic("mtx_unlock() of spin mutex %s at %s:%d",
		      m->lock_object.lo_name, file, line);
	if (owner(m) != td)
		panic("mtx_unlock of %s not owned at %s:%d",
		      m->lock_object.lo_name, file, line);
	if (m->mtx_recurse) {
		m->mtx_recurse--;
		return;
	}
	set_owner(m, NULL);
	ddekit_lock_unlock((ddekit_lock_t *)&m->mtx_dde);
}

void _mtx_lock_spin_flags(struct mtx *m, int opts, const char *file, int line)
{
	struct thread *td = curthread;

	(void)opts;
	if (!is_spin(m))
		panic("mtx_lock_spin() of sleep mutex %s at %s:%d",
		      m->lock_object.lo_name, file, line);
	dde_fbsd_intr_off(td);
	if (try_recurse(m, td, file, line))
		return;
	/* Holders of spin mutexes are serialised by the exclusion, so a
	 * different owner here would be a thread that lost it while holding
	 * the mutex — which only a sleep with the mutex held can do. */
	if (owner(m))
		panic("spin mutex %s held by a thread that slept, at %s:%d",
		      m->lock_object.lo_name, file, line);
	set_owner(m, td);
}

void _mtx_unlock_spin_flags(struct mtx *m, int opts, const char *file, int line)
{
	struct thread *td = curthread;

	(void)opts;
	if (owner(m) != td)
		panic("mtx_unlock_spin of %s not owned at %s:%d",
		      m->lock_object.lo_name, file, line);
	if (m->mtx_recurse)
		m->mtx_recurse--;
	else
		set_owner(m, NULL);
	dde_fbsd_intr_on(td);
}

int mtx_owned(struct mtx *m)
{
	return owner(m) == curthread;
}

int mtx_recursed(struct mtx *m)
{
	return mtx_owned(m) && m->mtx_recurse != 0;
}

void _mtx_assert(struct mtx *m, int what, const char *file, int line)
{
	int owned = mtx_owned(m);

	if ((what & MA_OWNED) && !owned)
		panic("mutex %s not owned at %s:%d", m->lock_object.lo_name,
		      file, line);
	if ((what & MA_NOTOWNED) && owned)
		panic("mutex %s owned at %s:%d", m->lock_object.lo_name, file,
		      line);
	if ((what & MA_RECURSED) && !mtx_recursed(m))
		panic("mutex %s not recursed at %s:%d", m->lock_object.lo_name,
		      file, line);
	if ((what & MA_NOTRECURSED) && owned && m->mtx_recurse)
		panic("mutex %s recursed at %s:%d", m->lock_object.lo_name,
		      file, line);
}
