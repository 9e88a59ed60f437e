/*
 * sx.c — shared/exclusive locks on a DDEKit lock and condition variable.
 */
#include "internal.h"

#include <sys/sx.h>

static struct thread *xowner(struct sx *sx)
{
	return (struct thread *)__atomic_load_n(&sx->sx_lock, __ATOMIC_RELAXED);
}

static void set_xowner(struct sx *sx, struct thread *td)
{
	__atomic_store_n(&sx->sx_lock, (uintptr_t)td, __ATOMIC_RELAXED);
}

void sx_init_flags(struct sx *sx, const char *description, int opts)
{
	ddekit_lock_t l = NULL;

	memset(sx, 0, sizeof(*sx));
	sx->lock_object.lo_name = description;
	sx->lock_object.lo_type = description;
	sx->lock_object.lo_flags = LO_INITIALIZED | LO_CLASS_SX | LO_SLEEPABLE |
	                           ((opts & SX_RECURSE) ? LO_RECURSABLE : 0);
	ddekit_lock_init(&l);
	sx->sx_dde_lock = l;
	sx->sx_dde_cv = ddekit_condvar_init();
	if (!l || !sx->sx_dde_cv)
		panic("sx_init %s: out of memory", description);
}

void sx_destroy(struct sx *sx)
{
	ddekit_lock_t l = sx->sx_dde_lock;

	if (xowner(sx) || sx->sx_readers)
		panic("sx_destroy: %s is held", sx->lock_object.lo_name);
	ddekit_condvar_deinit(sx->sx_dde_cv);
	ddekit_lock_deinit(&l);
	sx->sx_dde_lock = NULL;
	sx->sx_dde_cv = NULL;
	sx->lock_object.lo_flags = 0;
}

void sx_sysinit(void *arg)
{
	struct sx_args *sa = arg;

	sx_init(sa->sa_sx, sa->sa_desc);
}

#define SXLOCK(sx) ((ddekit_lock_t *)&(sx)->sx_dde_lock)

static int xlock(struct sx *sx, int try, const char *file, int line)
{
	struct thread *td = curthread;
	int ok = 1;

	if (xowner(sx) == td) {
		if (!(sx->lock_object.lo_flags & LO_RECURSABLE))
			panic("sx %s recursed at %s:%d",
			      sx->lock_object.lo_name, file, line);
		sx->sx_recurse++;
		return 1;
	}
	if (!try)
		dde_fbsd_assert_sleepable("sx_xlock", file, line);
	ddekit_lock_lock(SXLOCK(sx));
	while (xowner(sx) || sx->sx_readers) {
		if (try) {
			ok = 0;
			goto out;
		}
		ddekit_condvar_wait(sx->sx_dde_cv, SXLOCK(sx));
	}
	set_xowner(sx, td);
out:
	ddekit_lock_unlock(SXLOCK(sx));
	return ok;
}

static int slock(struct sx *sx, int try, const char *file, int line)
{
	int ok = 1;

	if (xowner(sx) == curthread)
		panic("sx_slock of %s held exclusively at %s:%d",
		      sx->lock_object.lo_name, file, line);
	if (!try)
		dde_fbsd_assert_sleepable("sx_slock", file, line);
	ddekit_lock_lock(SXLOCK(sx));
	while (xowner(sx)) {
		if (try) {
			ok = 0;
			goto out;
		}
		ddekit_condvar_wait(sx->sx_dde_cv, SXLOCK(sx));
	}
	sx->sx_readers++;
out:
	ddekit_lock_unlock(SXLOCK(sx));
	return ok;
}

void _sx_xlock(struct sx *sx, const char *file, int line)
{
	xlock(sx, 0, file, line);
}

int _sx_try_xlock(struct sx *sx, const char *file, int line)
{
	return xlock(sx, 1, file, line);
}

void _sx_slock(struct sx *sx, const char *file, int line)
{
	slock(sx, 0, file, line);
}

int _sx_try_slock(struct sx *sx, const char *file, int line)
{
	return slock(sx, 1, file, line);
}

void _sx_xunlock(struct sx *sx, const char *file, int line)
{
	if (xowner(sx) != curthread)
		panic("sx_xunlock of %s not held at %s:%d",
		      sx->lock_object.lo_name, file, line);
	if (sx->sx_recurse) {
		sx->sx_recurse--;
		return;
	}
	ddekit_lock_lock(SXLOCK(sx));
	set_xowner(sx, NULL);
	ddekit_condvar_broadcast(sx->sx_dde_cv);
	ddekit_lock_unlock(SXLOCK(sx));
}

void _sx_sunlock(struct sx *sx, const char *file, int line)
{
	ddekit_lock_lock(SXLOCK(sx));
	if (sx->sx_readers <= 0)
		panic("sx_sunlock of %s not held at %s:%d",
		      sx->lock_object.lo_name, file, line);
	if (--sx->sx_readers == 0)
		ddekit_condvar_broadcast(sx->sx_dde_cv);
	ddekit_lock_unlock(SXLOCK(sx));
}

int _sx_try_upgrade(struct sx *sx, const char *file, int line)
{
	int ok = 0;

	(void)file;
	(void)line;
	ddekit_lock_lock(SXLOCK(sx));
	if (sx->sx_readers == 1) {
		sx->sx_readers = 0;
		set_xowner(sx, curthread);
		ok = 1;
	}
	ddekit_lock_unlock(SXLOCK(sx));
	return ok;
}

void _sx_downgrade(struct sx *sx, const char *file, int line)
{
	if (xowner(sx) != curthread || sx->sx_recurse)
		panic("sx_downgrade of %s not held once at %s:%d",
		      sx->lock_object.lo_name, file, line);
	ddekit_lock_lock(SXLOCK(sx));
	set_xowner(sx, NULL);
	sx->sx_readers = 1;
	ddekit_condvar_broadcast(sx->sx_dde_cv);
	ddekit_lock_unlock(SXLOCK(sx));
}

int sx_xlocked(struct sx *sx)
{
	return xowner(sx) == curthread;
}

void _sx_assert(struct sx *sx, int what, const char *file, int line)
{
	int x = sx_xlocked(sx);
	int s = __atomic_load_n(&sx->sx_readers, __ATOMIC_RELAXED) > 0;

	/* Readers are not tracked per thread: SA_SLOCKED only checks that
	 * some thread holds it shared. */
	if ((what & SA_XLOCKED) && !x)
		panic("sx %s not exclusively locked at %s:%d",
		      sx->lock_object.lo_name, file, line);
	if ((what & SA_SLOCKED) && !s)
		panic("sx %s not share-locked at %s:%d",
		      sx->lock_object.lo_name, file, line);
	if ((what & SA_LOCKED) && !x && !s)
		panic("sx %s not locked at %s:%d", sx->lock_object.lo_name,
		      file, line);
	if ((what & SA_UNLOCKED) && x)
		panic("sx %s locked at %s:%d", sx->lock_object.lo_name, file,
		      line);
	if ((what & SA_RECURSED) && !(x && sx->sx_recurse))
		panic("sx %s not recursed at %s:%d", sx->lock_object.lo_name,
		      file, line);
	if ((what & SA_NOTRECURSED) && x && sx->sx_recurse)
		panic("sx %s recursed at %s:%d", sx->lock_object.lo_name, file,
		      line);
}
