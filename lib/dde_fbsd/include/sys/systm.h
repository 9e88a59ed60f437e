/*
 * sys/systm.h — console output, panics, assertions, delays and memory
 * helpers (FreeBSD 7, libdde).
 *
 * printf, panic and the snprintf family are renamed by macro to libdde's
 * own functions (output goes to the DDEKit console), so that a C library's
 * functions of the same name never get called by a driver. Include the C
 * library's headers, if any, before this one.
 */
#ifndef _DDE_FBSD_SYS_SYSTM_H_
#define _DDE_FBSD_SYS_SYSTM_H_

#include <stdarg.h>
#include <string.h>

#include <sys/param.h>
#include <sys/libkern.h>

__BEGIN_DECLS

int dde_fbsd_printf(const char *fmt, ...) __printflike(1, 2);
int dde_fbsd_vprintf(const char *fmt, va_list ap);
int dde_fbsd_snprintf(char *buf, size_t size, const char *fmt, ...)
    __printflike(3, 4);
int dde_fbsd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int dde_fbsd_sprintf(char *buf, const char *fmt, ...) __printflike(2, 3);
void dde_fbsd_panic(const char *fmt, ...) __dead2 __printflike(1, 2);

#define printf(...)           dde_fbsd_printf(__VA_ARGS__)
#define vprintf(f, a)         dde_fbsd_vprintf((f), (a))
#define snprintf(...)         dde_fbsd_snprintf(__VA_ARGS__)
#define vsnprintf(b, s, f, a) dde_fbsd_vsnprintf((b), (s), (f), (a))
#define sprintf(...)          dde_fbsd_sprintf(__VA_ARGS__)
#define panic(...)            dde_fbsd_panic(__VA_ARGS__)

/*
 * Always compiled in, as if the kernel had INVARIANTS: they guard driver
 * invariants. @msg is a parenthesised printf argument list.
 */
#define KASSERT(exp, msg)                                                      \
	do {                                                                   \
		if (__predict_false(!(exp)))                                   \
			panic msg;                                             \
	} while (0)
#define CTASSERT(x) _Static_assert((x), "compile-time assertion " #x)

/** DELAY() - busy-wait at least @usec microseconds; any context. */
void DELAY(int usec);

/* In the C library too; these are the same prototypes. */
void bzero(void *buf, size_t len);
void bcopy(const void *src, void *dst, size_t len);
int bcmp(const void *a, const void *b, size_t len);

/* Boot-time flags drivers test: never booting verbose, never cold. */
extern int bootverbose;
extern int cold;

/* Critical sections exclude this environment's interrupt filters, like
 * holding a spin mutex (uniprocessor semantics). */
void critical_enter(void);
void critical_exit(void);
void spinlock_enter(void);
void spinlock_exit(void);

struct lock_object;
int _sleep(const void *chan, struct lock_object *lock, int pri,
           const char *wmesg, int timo);
#define msleep(chan, mtx, pri, wmesg, timo)                                    \
	_sleep((chan), &(mtx)->lock_object, (pri), (wmesg), (timo))
#define msleep_spin(chan, mtx, wmesg, timo)                                    \
	_sleep((chan), &(mtx)->lock_object, 0, (wmesg), (timo))
#define tsleep(chan, pri, wmesg, timo)                                         \
	_sleep((chan), NULL, (pri), (wmesg), (timo))
int pause(const char *wmesg, int timo);
void dde_fbsd_wakeup(const void *chan);
void dde_fbsd_wakeup_one(const void *chan);
#define wakeup(chan)     dde_fbsd_wakeup(chan)
#define wakeup_one(chan) dde_fbsd_wakeup_one(chan)

__END_DECLS

#endif /* _DDE_FBSD_SYS_SYSTM_H_ */
