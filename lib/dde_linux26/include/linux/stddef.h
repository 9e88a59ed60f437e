/*
 * linux/stddef.h — NULL, offsetof, bool constants (libdde emulation).
 */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#include <stddef.h>

/* <stdbool.h> may have made them macros already. */
#ifndef __bool_true_false_are_defined
enum { false = 0, true = 1 };
#endif

#endif /* _LINUX_STDDEF_H */
