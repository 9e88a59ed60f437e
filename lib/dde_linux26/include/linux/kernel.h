/*
 * linux/kernel.h — everyday helpers of Linux 2.6.24 (libdde emulation).
 *
 * printk() writes to the DDEKit console; the "<n>" level prefix is replaced
 * by a readable tag. BUG() stops the driver server (ddekit panic); WARN_ON()
 * prints the location and continues.
 * Knowingly missing: printk_ratelimit() throttling (it always allows),
 * panic notifiers, simple_strto*() number bases other than 0/8/10/16.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>

#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/bitops.h>

#define KERN_EMERG   "<0>"
#define KERN_ALERT   "<1>"
#define KERN_CRIT    "<2>"
#define KERN_ERR     "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE  "<5>"
#define KERN_INFO    "<6>"
#define KERN_DEBUG   "<7>"

#define INT_MAX    ((int)(~0U >> 1))
#define INT_MIN    (-INT_MAX - 1)
#define UINT_MAX   (~0U)
#define LONG_MAX   ((long)(~0UL >> 1))
#define LONG_MIN   (-LONG_MAX - 1)
#define ULONG_MAX  (~0UL)
#define LLONG_MAX  ((long long)(~0ULL >> 1))
#define ULLONG_MAX (~0ULL)

#define ARRAY_SIZE(x)      (sizeof(x) / sizeof((x)[0]))
#define ALIGN(x, a)        (((x) + (__typeof__(x))(a)-1) & ~((__typeof__(x))(a)-1))
#define PTR_ALIGN(p, a)    ((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define roundup(x, y)      ((((x) + ((y)-1)) / (y)) * (y))
#define FIELD_SIZEOF(t, f) (sizeof(((t *)0)->f))

#define min(x, y)                                                              \
	({                                                                     \
		__typeof__(x) _min1 = (x);                                     \
		__typeof__(y) _min2 = (y);                                     \
		(void)(&_min1 == &_min2);                                      \
		_min1 < _min2 ? _min1 : _min2;                                 \
	})
#define max(x, y)                                                              \
	({                                                                     \
		__typeof__(x) _max1 = (x);                                     \
		__typeof__(y) _max2 = (y);                                     \
		(void)(&_max1 == &_max2);                                      \
		_max1 > _max2 ? _max1 : _max2;                                 \
	})
#define min_t(type, x, y)                                                      \
	({                                                                     \
		type __min1 = (x);                                             \
		type __min2 = (y);                                             \
		__min1 < __min2 ? __min1 : __min2;                             \
	})
#define max_t(type, x, y)                                                      \
	({                                                                     \
		type __max1 = (x);                                             \
		type __max2 = (y);                                             \
		__max1 > __max2 ? __max1 : __max2;                             \
	})
#define clamp(val, lo, hi) min(max(val, lo), hi)

#define container_of(ptr, type, member)                                        \
	({                                                                     \
		const __typeof__(((type *)0)->member) *__mptr = (ptr);         \
		(type *)((char *)__mptr - offsetof(type, member));             \
	})

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list args);
static inline int printk_ratelimit(void)
{
	return 1;
}

/* Formatting goes through DDEKit's formatter (no floating point). The
 * names are macros so a C library's own functions stay untouched. */
int dde_linux26_sprintf(char *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int dde_linux26_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int dde_linux26_vsnprintf(char *buf, size_t size, const char *fmt,
                          va_list args);
int dde_linux26_scnprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
unsigned long dde_linux26_simple_strtoul(const char *cp, char **endp,
                                         unsigned int base);
long dde_linux26_simple_strtol(const char *cp, char **endp, unsigned int base);
#define sprintf        dde_linux26_sprintf
#define snprintf       dde_linux26_snprintf
#define vsnprintf      dde_linux26_vsnprintf
#define scnprintf      dde_linux26_scnprintf
#define simple_strtoul dde_linux26_simple_strtoul
#define simple_strtol  dde_linux26_simple_strtol

void panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* libdde: the out-of-line parts of BUG() and WARN_ON(). */
void dde_linux26_bug(const char *file, int line) __attribute__((noreturn));
void dde_linux26_warn(const char *file, int line);

#define BUG() dde_linux26_bug(__FILE__, __LINE__)
#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			BUG();                                                 \
	} while (0)
#define WARN_ON(cond)                                                          \
	({                                                                     \
		int __ret_warn_on = !!(cond);                                  \
		if (unlikely(__ret_warn_on))                                   \
			dde_linux26_warn(__FILE__, __LINE__);                  \
		unlikely(__ret_warn_on);                                       \
	})
#define WARN_ON_ONCE(cond)                                                     \
	({                                                                     \
		static int __warned;                                           \
		int __ret_warn_once = !!(cond);                                \
		if (unlikely(__ret_warn_once) &&                               \
		    !__atomic_exchange_n(&__warned, 1, __ATOMIC_RELAXED))      \
			dde_linux26_warn(__FILE__, __LINE__);                  \
		unlikely(__ret_warn_once);                                     \
	})
#define BUILD_BUG_ON(cond) ((void)sizeof(char[1 - 2 * !!(cond)]))

/*
 * might_sleep() - complain (message + WARN) when called where Linux forbids
 * sleeping: hardirq or softirq context, with bottom halves or interrupts
 * disabled, or holding a spinlock. Always compiled in: the check is cheap and
 * these bugs are otherwise silent in a DDE.
 */
void dde_linux26_might_sleep(const char *file, int line);
#define might_sleep() dde_linux26_might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond)                                                   \
	do {                                                                   \
		if (cond)                                                      \
			might_sleep();                                         \
	} while (0)

#define pr_debug(fmt, ...)                                                     \
	do {                                                                   \
		if (0)                                                         \
			printk(KERN_DEBUG fmt, ##__VA_ARGS__);                 \
	} while (0)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)

#define cpu_relax() barrier()

#endif /* _LINUX_KERNEL_H */
