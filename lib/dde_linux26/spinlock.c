/*
 * spinlock.c — spinlocks and rwlocks with real mutual exclusion.
 *
 * They spin with yields rather than sleeping on a DDEKit lock: Linux
 * spinlocks are neither created nor destroyed, so they must not own a host
 * object. Critical sections are short by contract.
 */
#include "internal.h"

#include <linux/spinlock.h>

static void raw_lock(volatile int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(l, __ATOMIC_RELAXED))
			ddekit_yield();
}

static int raw_trylock(volatile int *l)
{
	return !__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE);
}

static void raw_unlock(volatile int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

void spin_lock(spinlock_t *lock)
{
	dde_linux26_task()->dde.spin_depth++;
	raw_lock(&lock->raw_lock);
}

int spin_trylock(spinlock_t *lock)
{
	struct task_struct *t = dde_linux26_task();

	if (!raw_trylock(&lock->raw_lock))
		return 0;
	t->dde.spin_depth++;
	return 1;
}

void spin_unlock(spinlock_t *lock)
{
	raw_unlock(&lock->raw_lock);
	dde_linux26_task()->dde.spin_depth--;
}

int spin_is_locked(spinlock_t *lock)
{
	return __atomic_load_n(&lock->raw_lock, __ATOMIC_RELAXED) != 0;
}

void spin_unlock_wait(spinlock_t *lock)
{
	while (__atomic_load_n(&lock->raw_lock, __ATOMIC_ACQUIRE))
		ddekit_yield();
}

void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

unsigned long dde_linux26_spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(lock);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

void spin_lock_bh(spinlock_t *lock)
{
	local_bh_disable();
	spin_lock(lock);
}

void spin_unlock_bh(spinlock_t *lock)
{
	spin_unlock(lock);
	local_bh_enable();
}

int spin_trylock_bh(spinlock_t *lock)
{
	local_bh_disable();
	if (spin_trylock(lock))
		return 1;
	local_bh_enable();
	return 0;
}

/* rwlock word: number of readers, or -1 while a writer holds it. */
void read_lock(rwlock_t *lock)
{
	int v;

	dde_linux26_task()->dde.spin_depth++;
	for (;;) {
		v = __atomic_load_n(&lock->raw_lock, __ATOMIC_RELAXED);
		if (v >= 0 && __atomic_compare_exchange_n(
		                  &lock->raw_lock, &v, v + 1, 0,
		                  __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		if (v < 0)
			ddekit_yield();
	}
}

void read_unlock(rwlock_t *lock)
{
	__atomic_fetch_sub(&lock->raw_lock, 1, __ATOMIC_RELEASE);
	dde_linux26_task()->dde.spin_depth--;
}

int write_trylock(rwlock_t *lock)
{
	int v = 0;

	if (!__atomic_compare_exchange_n(&lock->raw_lock, &v, -1, 0,
	                                 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	dde_linux26_task()->dde.spin_depth++;
	return 1;
}

void write_lock(rwlock_t *lock)
{
	while (!write_trylock(lock))
		ddekit_yield();
}

void write_unlock(rwlock_t *lock)
{
	__atomic_store_n(&lock->raw_lock, 0, __ATOMIC_RELEASE);
	dde_linux26_task()->dde.spin_depth--;
}

void read_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	read_lock(lock);
}

void read_unlock_irq(rwlock_t *lock)
{
	read_unlock(lock);
	local_irq_enable();
}

void write_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	write_lock(lock);
}

void write_unlock_irq(rwlock_t *lock)
{
	write_unlock(lock);
	local_irq_enable();
}

void read_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	read_lock(lock);
}

void read_unlock_bh(rwlock_t *lock)
{
	read_unlock(lock);
	local_bh_enable();
}

void write_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	write_lock(lock);
}

void write_unlock_bh(rwlock_t *lock)
{
	write_unlock(lock);
	local_bh_enable();
}

unsigned long dde_linux26_read_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	read_lock(lock);
	return flags;
}

unsigned long dde_linux26_write_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	write_lock(lock);
	return flags;
}

void read_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	read_unlock(lock);
	local_irq_restore(flags);
}

void write_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	write_unlock(lock);
	local_irq_restore(flags);
}
