/*
 * ddekit/panic.h — fatal errors and debug messages.
 */
#ifndef DDEKIT_PANIC_H
#define DDEKIT_PANIC_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/** ddekit_panic() - print "PANIC: <message>" and stop the driver server with
 * a failure status (ddekit_host_abort()). Any context. */
DDEKIT_NORETURN void ddekit_panic(const char *fmt, ...) DDEKIT_PRINTF(1, 2);

/** ddekit_debug() - print "DEBUG: <message>" and continue. Any context. */
void ddekit_debug(const char *fmt, ...) DDEKIT_PRINTF(1, 2);

DDEKIT_END_DECLS

#endif /* DDEKIT_PANIC_H */
