/*
 * linux/vmalloc.h — large, page-aligned allocations (libdde emulation).
 * Process context only. Knowingly missing: vmap/vunmap, remap_vmalloc_range.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>

void *vmalloc(unsigned long size);
void *vmalloc_32(unsigned long size);
void vfree(const void *addr);

#endif /* _LINUX_VMALLOC_H */
