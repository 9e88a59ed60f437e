/*
 * sys/param.h — system parameters and helper macros (FreeBSD 7, libdde).
 */
#ifndef _DDE_FBSD_SYS_PARAM_H_
#define _DDE_FBSD_SYS_PARAM_H_

#include <sys/types.h>

#define NBBY       8
#define DEV_BSHIFT 9
#define DEV_BSIZE  (1 << DEV_BSHIFT)
#define MAXPHYS    (128 * 1024)
#define DFLTPHYS   (64 * 1024)
#define MAXCOMLEN  19
#ifndef PAGE_SHIFT
#define PAGE_SHIFT 12
#define PAGE_SIZE  (1 << PAGE_SHIFT)
#define PAGE_MASK  (PAGE_SIZE - 1)
#endif

#undef MIN
#undef MAX
#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))
#undef howmany
#undef roundup
#undef powerof2
#undef nitems
#define howmany(x, y)    (((x) + ((y)-1)) / (y))
#define roundup(x, y)    ((((x) + ((y)-1)) / (y)) * (y))
#define rounddown(x, y)  (((x) / (y)) * (y))
#define roundup2(x, y)   (((x) + ((y)-1)) & (~((y)-1)))
#define rounddown2(x, y) ((x) & (~((y)-1)))
#define powerof2(x)      ((((x)-1) & (x)) == 0)
#define nitems(x)        (sizeof((x)) / sizeof((x)[0]))
#define trunc_page(x)    ((x) & ~(vm_offset_t)PAGE_MASK)
#define round_page(x)    (((x) + PAGE_MASK) & ~(vm_offset_t)PAGE_MASK)
#define btoc(x)          (((vm_offset_t)(x) + PAGE_MASK) >> PAGE_SHIFT)

/* Sleep priorities: informational here (no scheduler classes). */
#define PRIBIO  76
#define PRIZERO 0
#define PWAIT   108
#define PZERO   84
#define PCATCH  0x100
#define PDROP   0x200
#define PRIMASK 0x0ff

#include <sys/errno.h>

#endif /* _DDE_FBSD_SYS_PARAM_H_ */
