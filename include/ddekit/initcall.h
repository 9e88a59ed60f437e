/*
 * ddekit/initcall.h — functions run by ddekit_do_initcalls().
 *
 * DDEKIT_INITCALL(fn) registers `void fn(void)` at link time (a linker
 * section, no constructor), so nothing runs before the environment is set
 * up. Emulations map their module_init / SYSINIT onto this.
 */
#ifndef DDEKIT_INITCALL_H
#define DDEKIT_INITCALL_H

#include <ddekit/types.h>

struct ddekit_initcall {
	int prio;
	void (*fn)(void);
};

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define DDEKIT_INITCALL_RETAIN __attribute__((retain))
#else
#define DDEKIT_INITCALL_RETAIN
#endif

/** DDEKIT_CTOR(fn, prio) - register @fn; lower @prio runs first, equal
 * priorities run in link order. */
#define DDEKIT_CTOR(fn, prio)                                                  \
	static const struct ddekit_initcall ddekit_initcall_##fn               \
	    __attribute__((used, section("ddekit_initcalls"),                  \
	                   aligned(sizeof(void *))))                           \
	    DDEKIT_INITCALL_RETAIN = {(prio), (fn)}

/** DDEKIT_INITCALL(fn) - register @fn at the default priority 1. */
#define DDEKIT_INITCALL(fn) DDEKIT_CTOR(fn, 1)

DDEKIT_BEGIN_DECLS

/**
 * ddekit_do_initcalls() - run every registered initcall once.
 *
 * A second call in the same environment does nothing; after ddekit_deinit()
 * and ddekit_init() they run again (re-attaching drivers). Process context;
 * the initcalls may sleep. Returns the number of functions called
 * (extension: classic callers ignore it).
 */
int ddekit_do_initcalls(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_INITCALL_H */
