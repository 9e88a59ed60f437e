/*
 * linux/byteorder/swab.h — where some 2.6.24 code looks for the byte
 * order helpers; all of them are in asm/byteorder.h here.
 */
#ifndef _LINUX_BYTEORDER_SWAB_H
#define _LINUX_BYTEORDER_SWAB_H

#include <asm/byteorder.h>

#endif /* _LINUX_BYTEORDER_SWAB_H */
