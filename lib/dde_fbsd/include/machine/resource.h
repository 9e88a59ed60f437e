/*
 * machine/resource.h — resource types (FreeBSD 7, libdde).
 */
#ifndef _DDE_FBSD_MACHINE_RESOURCE_H_
#define _DDE_FBSD_MACHINE_RESOURCE_H_

#define SYS_RES_IRQ    1
#define SYS_RES_DRQ    2
#define SYS_RES_MEMORY 3
#define SYS_RES_IOPORT 4

#endif /* _DDE_FBSD_MACHINE_RESOURCE_H_ */
