/*
 * ddekit/ddekit.h — bringing the DDEKit environment up and down.
 */
#ifndef DDEKIT_DDEKIT_H
#define DDEKIT_DDEKIT_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/**
 * ddekit_init() - initialise DDEKit and its host.
 *
 * Must be called once, before any other ddekit_* function except
 * ddekit_abi_version(), ddekit_print*() and ddekit_strerror(). It checks the
 * host-interface version, adopts the calling thread as a DDEKit thread named
 * "main", and starts the timer thread. If the host cannot be used it prints
 * why and calls ddekit_panic(). May sleep.
 */
void ddekit_init(void);

/**
 * ddekit_init_checked() - ddekit_init() that reports failure (extension).
 *
 * Returns 0, -DDEKIT_EBUSY if already initialised, or the host's error
 * (e.g. -DDEKIT_EPROTO on a host-interface version mismatch). May sleep.
 */
int ddekit_init_checked(void);

/**
 * ddekit_deinit() - tear the environment down again (extension).
 *
 * Detaches every interrupt (ending its thread), deletes pending timers and
 * ends the timer thread, releases I/O port and memory resources, frees slabs,
 * contiguous/large/DMA memory and pgtab records, and shuts the host down.
 * Afterwards ddekit_init() may be called again in the same process.
 *
 * Call it from the thread that called ddekit_init(), never from a handler.
 * Threads created with ddekit_thread_create() must end first: deinit waits
 * up to one second for them, then returns -DDEKIT_EBUSY and changes nothing.
 * Returns 0, -DDEKIT_EBUSY, or -DDEKIT_EINVAL if not initialised.
 * May sleep.
 */
int ddekit_deinit(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_DDEKIT_H */
