/*
 * linux/compiler.h — compiler helpers of Linux 2.6.24 (libdde emulation).
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier()   __asm__ __volatile__("" ::: "memory")

#define __user
#define __kernel
#define __iomem
#define __force
#define __bitwise
#define __must_check __attribute__((warn_unused_result))
#define __deprecated __attribute__((deprecated))
/* The C library may have defined it already (sys/cdefs.h). */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define noinline       __attribute__((noinline))
#define __maybe_unused __attribute__((unused))
#define __used         __attribute__((used))
#define __packed       __attribute__((packed))
#define __aligned(x)   __attribute__((aligned(x)))
#define __read_mostly
#define __cacheline_aligned   __attribute__((aligned(64)))
#define ____cacheline_aligned __attribute__((aligned(64)))

/* Section markers have no meaning outside a kernel image. */
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __devinit
#define __devexit
#define __devinitdata
#define __devexit_p(x) (x)
#define __exit_p(x)    (x)

/*
 * dde_linux26_fence() - a full memory barrier. Under ThreadSanitizer, which
 * cannot model fences, a sequentially consistent read-modify-write of a
 * shared word stands in (on x86 it is the same locked instruction).
 */
#if defined(__SANITIZE_THREAD__)
#define DDE_LINUX26_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DDE_LINUX26_TSAN 1
#endif
#endif
#ifdef DDE_LINUX26_TSAN
extern int dde_linux26_fence_word;
#define dde_linux26_fence()                                                    \
	((void)__atomic_fetch_add(&dde_linux26_fence_word, 0, __ATOMIC_SEQ_CST))
#else
#define dde_linux26_fence() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

#define ACCESS_ONCE(x) (*(volatile __typeof__(x) *)&(x))

#endif /* _LINUX_COMPILER_H */
