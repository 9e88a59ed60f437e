/*
 * ddekit/version.h — ABI version.
 *
 * The major number changes when an existing function changes incompatibly;
 * the minor number when functions are added. A driver environment compiled
 * against major M runs with any library of major M and minor >= its own.
 */
#ifndef DDEKIT_VERSION_H
#define DDEKIT_VERSION_H

#include <ddekit/types.h>

#define DDEKIT_ABI_VERSION_MAJOR 1
#define DDEKIT_ABI_VERSION_MINOR 0
#define DDEKIT_ABI_VERSION                                                     \
	((DDEKIT_ABI_VERSION_MAJOR << 16) | DDEKIT_ABI_VERSION_MINOR)

DDEKIT_BEGIN_DECLS

/**
 * ddekit_abi_version() - the ABI version the linked library implements.
 *
 * Any context, no initialisation needed. Returns (major << 16) | minor, to be
 * compared with DDEKIT_ABI_VERSION of the headers the caller was built with.
 */
unsigned ddekit_abi_version(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_VERSION_H */
