/*
 * posix_uio.h — what the files of the posix_uio backend share.
 */
#ifndef BACKENDS_POSIX_UIO_POSIX_UIO_H
#define BACKENDS_POSIX_UIO_POSIX_UIO_H

#include <ddekit/host.h>

#include <stdatomic.h>
#include <stdbool.h>

/** printf to the console (stderr). */
void posix_uio_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Print @msg once per process: for "not available" notices that would
 * otherwise repeat on every call. */
void posix_uio_log_once(atomic_bool *done, const char *msg);

#endif /* BACKENDS_POSIX_UIO_POSIX_UIO_H */
