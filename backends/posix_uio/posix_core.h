/*
 * posix_core.h — the POSIX part of the host interface (threads, mutexes,
 * events, clock), shared by posix_uio and the mock machine in tests/.
 *
 * Live-object counters let a host report leaks at ddekit_host_fini() and let
 * tests check that a torn-down environment released everything.
 */
#ifndef BACKENDS_POSIX_UIO_POSIX_CORE_H
#define BACKENDS_POSIX_UIO_POSIX_CORE_H

struct posix_core_counts {
	long threads; /* started and not yet ended */
	long mutexes;
	long events;
};

void posix_core_counts(struct posix_core_counts *out);

/**
 * posix_core_wait_threads() - wait until no thread started through
 * ddekit_host_thread_start() is running, at most @timeout_ms. Returns the
 * number still running.
 */
long posix_core_wait_threads(unsigned timeout_ms);

/** posix_core_log() - printf to the host console (ddekit_host_console_write),
 * cut at 511 characters. */
void posix_core_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
