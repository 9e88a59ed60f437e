/*
 * linux/module.h — modules (libdde emulation of Linux 2.6.24).
 *
 * module_init(fn) runs fn from ddekit_do_initcalls() (after making sure the
 * emulation is up); a non-zero result is printed. module_exit(fn) registers
 * fn on an exit list that dde_linux26_exit() runs in reverse link order.
 * The MODULE_* information macros are accepted and ignored.
 * Knowingly missing: request_module, symbol_get, module reference counts
 * beyond try_module_get() always succeeding.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <ddekit/initcall.h>

struct module;
#define THIS_MODULE ((struct module *)0)

static inline int try_module_get(struct module *m)
{
	(void)m;
	return 1;
}
static inline void module_put(struct module *m)
{
	(void)m;
}
#define __module_get(m)                                                        \
	do {                                                                   \
		(void)(m);                                                     \
	} while (0)

struct dde_linux26_exitcall {
	void (*fn)(void);
};

void dde_linux26_module_init_done(const char *name, int ret);
int dde_linux26_init(void);

#define module_init(initfn)                                                    \
	static void __dde_linux26_init_##initfn(void)                          \
	{                                                                      \
		dde_linux26_init();                                            \
		dde_linux26_module_init_done(#initfn, (initfn)());             \
	}                                                                      \
	DDEKIT_INITCALL(__dde_linux26_init_##initfn)

#define module_exit(exitfn)                                                    \
	static const struct dde_linux26_exitcall __dde_linux26_exit_##exitfn   \
	    __attribute__((used, section("dde_linux26_exitcalls"),             \
	                   aligned(sizeof(void *))))                           \
	    DDEKIT_INITCALL_RETAIN = {(exitfn)}

#define EXPORT_SYMBOL(sym)              extern int __dde_linux26_module_unused
#define EXPORT_SYMBOL_GPL(sym)          extern int __dde_linux26_module_unused
#define MODULE_LICENSE(x)               extern int __dde_linux26_module_unused
#define MODULE_AUTHOR(x)                extern int __dde_linux26_module_unused
#define MODULE_DESCRIPTION(x)           extern int __dde_linux26_module_unused
#define MODULE_VERSION(x)               extern int __dde_linux26_module_unused
#define MODULE_ALIAS(x)                 extern int __dde_linux26_module_unused
#define MODULE_FIRMWARE(x)              extern int __dde_linux26_module_unused
#define MODULE_DEVICE_TABLE(type, name) extern int __dde_linux26_module_unused

#endif /* _LINUX_MODULE_H */
