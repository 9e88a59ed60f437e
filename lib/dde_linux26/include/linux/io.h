/*
 * linux/io.h — register access (libdde emulation of Linux 2.6.24); all of
 * it is in asm/io.h.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <asm/io.h>

#endif /* _LINUX_IO_H */
