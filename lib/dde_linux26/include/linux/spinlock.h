/*
 * linux/spinlock.h — spinlocks and rwlocks (libdde emulation of 2.6.24).
 *
 * Locks give real mutual exclusion between all threads of the environment
 * (they spin, yielding the CPU). The _irq/_irqsave variants additionally
 * turn interrupts off (linux/irqflags.h), the _bh variants keep softirqs
 * off (linux/bottom_half.h). They need no destruction, like Linux's.
 * Knowingly missing: spin_lock_nested and the lockdep annotations.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <asm/system.h>

typedef struct {
	volatile int raw_lock;
} spinlock_t;

typedef struct {
	/* >0: readers, -1: a writer. */
	volatile int raw_lock;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(name) ((spinlock_t){0})
#define SPIN_LOCK_UNLOCKED         ((spinlock_t){0})
#define DEFINE_SPINLOCK(x)         spinlock_t x = {0}
#define __RW_LOCK_UNLOCKED(name)   ((rwlock_t){0})
#define RW_LOCK_UNLOCKED           ((rwlock_t){0})
#define DEFINE_RWLOCK(x)           rwlock_t x = {0}

#define spin_lock_init(lock)                                                   \
	do {                                                                   \
		*(lock) = SPIN_LOCK_UNLOCKED;                                  \
	} while (0)
#define rwlock_init(lock)                                                      \
	do {                                                                   \
		*(lock) = RW_LOCK_UNLOCKED;                                    \
	} while (0)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);
void spin_unlock_wait(spinlock_t *lock);

void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
unsigned long dde_linux26_spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		(flags) = dde_linux26_spin_lock_irqsave(lock);                 \
	} while (0)
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
int spin_trylock_bh(spinlock_t *lock);

void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
int write_trylock(rwlock_t *lock);
void read_lock_irq(rwlock_t *lock);
void read_unlock_irq(rwlock_t *lock);
void write_lock_irq(rwlock_t *lock);
void write_unlock_irq(rwlock_t *lock);
void read_lock_bh(rwlock_t *lock);
void read_unlock_bh(rwlock_t *lock);
void write_lock_bh(rwlock_t *lock);
void write_unlock_bh(rwlock_t *lock);
unsigned long dde_linux26_read_lock_irqsave(rwlock_t *lock);
unsigned long dde_linux26_write_lock_irqsave(rwlock_t *lock);
#define read_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		(flags) = dde_linux26_read_lock_irqsave(lock);                 \
	} while (0)
#define write_lock_irqsave(lock, flags)                                        \
	do {                                                                   \
		(flags) = dde_linux26_write_lock_irqsave(lock);                \
	} while (0)
void read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
void write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);

#endif /* _LINUX_SPINLOCK_H */
