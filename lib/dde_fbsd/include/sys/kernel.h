/*
 * sys/kernel.h — time base and SYSINIT ordering (FreeBSD 7, libdde).
 *
 * SYSINIT/SYSUNINIT records go to linker sections; dde_fbsd_init() runs the
 * SYSINITs sorted by (subsystem, order), link order within equal keys, and
 * dde_fbsd_exit() runs the SYSUNINITs in the opposite order.
 */
#ifndef _DDE_FBSD_SYS_KERNEL_H_
#define _DDE_FBSD_SYS_KERNEL_H_

#include <sys/types.h>

/* hz is 1000: one tick is one DDEKit jiffy (a millisecond). */
extern int hz;
int dde_fbsd_ticks(void);
/* Read-only: a macro, so a driver cannot assign it. */
#define ticks (dde_fbsd_ticks())

enum sysinit_sub_id {
	SI_SUB_DUMMY = 0x0000000,
	SI_SUB_DONE = 0x0000001,
	SI_SUB_TUNABLES = 0x0700000,
	SI_SUB_SETTINGS = 0x0880000,
	SI_SUB_VM = 0x1000000,
	SI_SUB_KMEM = 0x1800000,
	SI_SUB_LOCK = 0x1b00000,
	SI_SUB_EVENTHANDLER = 0x1c00000,
	SI_SUB_KLD = 0x2000000,
	SI_SUB_CPU = 0x2100000,
	SI_SUB_INTRINSIC = 0x2200000,
	SI_SUB_INTR = 0x2800000,
	SI_SUB_SOFTINTR = 0x2800001,
	SI_SUB_DEVFS = 0x2f00000,
	SI_SUB_INIT_IF = 0x3000000,
	SI_SUB_DRIVERS = 0x3100000,
	SI_SUB_CONFIGURE = 0x3800000,
	SI_SUB_CLOCKS = 0x4800000,
	SI_SUB_INT_CONFIG_HOOKS = 0xa800000,
	SI_SUB_RUN_SCHEDULER = 0xfffffff,
};

enum sysinit_elem_order {
	SI_ORDER_FIRST = 0x0000000,
	SI_ORDER_SECOND = 0x0000001,
	SI_ORDER_THIRD = 0x0000002,
	SI_ORDER_FOURTH = 0x0000003,
	SI_ORDER_MIDDLE = 0x1000000,
	SI_ORDER_ANY = 0xfffffff,
};

typedef void (*sysinit_cfunc_t)(const void *);
typedef void (*sysinit_nfunc_t)(void *);

struct sysinit {
	enum sysinit_sub_id subsystem;
	enum sysinit_elem_order order;
	sysinit_cfunc_t func;
	const void *udata;
};

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define DDE_FBSD_RETAIN __attribute__((retain))
#else
#define DDE_FBSD_RETAIN
#endif

#define DDE_FBSD_SET_ENTRY(set, sym, ptr)                                      \
	static const struct sysinit *const sym                                 \
	    __attribute__((used, section(set), aligned(sizeof(void *))))       \
	    DDE_FBSD_RETAIN = (ptr)

#define C_SYSINIT(uniquifier, subsystem, order, func, ident)                   \
	static const struct sysinit uniquifier##_sys_init = {                  \
	    subsystem, order, (sysinit_cfunc_t)(sysinit_nfunc_t)(func),        \
	    (ident)};                                                          \
	DDE_FBSD_SET_ENTRY("dde_fbsd_sysinit", uniquifier##_sys_init_entry,    \
	                   &uniquifier##_sys_init)
#define SYSINIT(uniquifier, subsystem, order, func, ident)                     \
	C_SYSINIT(uniquifier, subsystem, order, func, (ident))

#define C_SYSUNINIT(uniquifier, subsystem, order, func, ident)                 \
	static const struct sysinit uniquifier##_sys_uninit = {                \
	    subsystem, order, (sysinit_cfunc_t)(sysinit_nfunc_t)(func),        \
	    (ident)};                                                          \
	DDE_FBSD_SET_ENTRY("dde_fbsd_sysuninit",                               \
	                   uniquifier##_sys_uninit_entry,                      \
	                   &uniquifier##_sys_uninit)
#define SYSUNINIT(uniquifier, subsystem, order, func, ident)                   \
	C_SYSUNINIT(uniquifier, subsystem, order, func, (ident))

/* Tunables and sysctls are not emulated: the declarations compile to
 * nothing and the variables keep their compiled-in values. */
#define TUNABLE_INT(path, var)       struct __hack
#define TUNABLE_ULONG(path, var)     struct __hack
#define TUNABLE_INT_FETCH(path, var) (0)

#endif /* _DDE_FBSD_SYS_KERNEL_H_ */
