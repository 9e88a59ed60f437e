/*
 * linux/kref.h — reference counts with a release callback (libdde
 * emulation of Linux 2.6.24).
 */
#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

#include <linux/types.h>
#include <asm/atomic.h>

struct kref {
	atomic_t refcount;
};

void kref_init(struct kref *kref);
void kref_get(struct kref *kref);
/* kref_put() - drop one reference; calls @release and returns 1 when it
 * was the last one, returns 0 otherwise. */
int kref_put(struct kref *kref, void (*release)(struct kref *kref));

#endif /* _LINUX_KREF_H */
