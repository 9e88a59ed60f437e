/*
 * linux/init.h — init markers (libdde emulation of Linux 2.6.24).
 * module_init()/module_exit() live in linux/module.h, as built-in drivers
 * of a DDE are always "modules" started by ddekit_do_initcalls().
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#endif /* _LINUX_INIT_H */
