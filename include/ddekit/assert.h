/*
 * ddekit/assert.h — assertions that panic with the failed expression.
 *
 * Always compiled in (they guard driver invariants, not debugging aids).
 */
#ifndef DDEKIT_ASSERT_H
#define DDEKIT_ASSERT_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/** ddekit_assert_fail() - report a failed assertion and panic. */
DDEKIT_NORETURN void ddekit_assert_fail(const char *expr, const char *file,
                                        int line, const char *func);

DDEKIT_END_DECLS

#define ddekit_assert(expr)                                                    \
	do {                                                                   \
		if (!(expr))                                                   \
			ddekit_assert_fail(#expr, __FILE__, __LINE__,          \
			                   __func__);                          \
	} while (0)

/* Classic spelling. */
#define Assert(expr) ddekit_assert(expr)

#endif /* DDEKIT_ASSERT_H */
