/*
 * ddekit/errno.h — error codes (extension).
 *
 * Functions of the extended ABI and every host-interface call return 0 (or a
 * non-negative value) on success and a negative DDEKIT_E* code on failure.
 * The numeric values equal Linux's errno values so that the Linux emulation
 * can pass them through unchanged; nothing here includes <errno.h>.
 *
 * Classic DDEKit functions keep their classic return conventions, which each
 * function's comment states.
 */
#ifndef DDEKIT_ERRNO_H
#define DDEKIT_ERRNO_H

#include <ddekit/types.h>

/* XX(name, value, message): one table generates the codes and their texts. */
#define DDEKIT_ERRNO_MAP(XX)                                                   \
	XX(EPERM, 1, "operation not permitted")                                \
	XX(ENOENT, 2, "no such object")                                        \
	XX(EINTR, 4, "interrupted")                                            \
	XX(EIO, 5, "input/output error")                                       \
	XX(ENXIO, 6, "no such device or address")                              \
	XX(EAGAIN, 11, "resource temporarily unavailable")                     \
	XX(ENOMEM, 12, "out of memory")                                        \
	XX(EACCES, 13, "permission denied")                                    \
	XX(EFAULT, 14, "bad address")                                          \
	XX(EBUSY, 16, "resource busy")                                         \
	XX(EEXIST, 17, "already exists")                                       \
	XX(ENODEV, 19, "no such device")                                       \
	XX(EINVAL, 22, "invalid argument")                                     \
	XX(ENOSPC, 28, "no space left")                                        \
	XX(ERANGE, 34, "out of range")                                         \
	XX(EDEADLK, 35, "would deadlock")                                      \
	XX(ENOSYS, 38, "not supported by this host")                           \
	XX(EPROTO, 71, "version mismatch")                                     \
	XX(EOVERFLOW, 75, "value too large")                                   \
	XX(ETIMEDOUT, 110, "timed out")                                        \
	XX(ECANCELED, 125, "cancelled")

enum ddekit_errno {
#define DDEKIT_ERRNO_GEN(name, value, msg) DDEKIT_##name = (value),
	DDEKIT_ERRNO_MAP(DDEKIT_ERRNO_GEN)
#undef DDEKIT_ERRNO_GEN
};

DDEKIT_BEGIN_DECLS

/**
 * ddekit_strerror() - text for an error code (extension).
 * @err: a DDEKIT_E* code, negative (as returned) or positive.
 *
 * Any context; never sleeps. Returns a static string, "unknown error" for
 * codes not in DDEKIT_ERRNO_MAP.
 */
const char *ddekit_strerror(int err);

/** ddekit_errname() - the code's symbolic name ("EBUSY"), like strerror. */
const char *ddekit_errname(int err);

DDEKIT_END_DECLS

#endif /* DDEKIT_ERRNO_H */
