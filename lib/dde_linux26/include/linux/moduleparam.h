/*
 * linux/moduleparam.h — module parameters (libdde emulation).
 *
 * Parameters keep their compiled-in defaults: a driver server has no module
 * command line. The macros only reference the variable so that it counts
 * as used, as it does in Linux.
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#define module_param(name, type, perm)                                         \
	static const void *const __dde_linux26_param_##name                    \
	    __attribute__((unused)) = &(name)
#define module_param_named(name, value, type, perm)                            \
	static const void *const __dde_linux26_param_##name                    \
	    __attribute__((unused)) = &(value)
#define module_param_array(name, type, nump, perm)                             \
	static const void *const __dde_linux26_param_##name                    \
	    __attribute__((unused)) = (name)
#define module_param_string(name, string, len, perm)                           \
	static const void *const __dde_linux26_param_##name                    \
	    __attribute__((unused)) = (string)
#define MODULE_PARM_DESC(parm, desc) extern int __dde_linux26_module_unused

#endif /* _LINUX_MODULEPARAM_H */
