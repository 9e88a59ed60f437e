/*
 * console.c — console output on stderr, abort through abort(3).
 */
#include "posix_uio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void ddekit_host_console_write(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, buf, len);

		if (n <= 0)
			return; /* the contract lets console output be dropped
			         */
		buf += n;
		len -= (size_t)n;
	}
}

void posix_uio_log_once(atomic_bool *done, const char *msg)
{
	if (!atomic_exchange(done, true))
		posix_uio_log("%s", msg);
}

int pu_err(int errno_value)
{
	/* DDEKit's codes are Linux's errno numbers (ddekit/errno.h); the
	 * ones DDEKit does not know would print as "unknown error". */
	switch (errno_value) {
#define PU_KNOWN(name, value, msg) case DDEKIT_##name:
		DDEKIT_ERRNO_MAP(PU_KNOWN)
#undef PU_KNOWN
		return -errno_value;
	case EROFS:
	case ETXTBSY:
		return -DDEKIT_EACCES;
	case ENOTTY:
	case EOPNOTSUPP:
		return -DDEKIT_ENOSYS;
	}
	return -DDEKIT_EIO;
}

void ddekit_host_abort(void)
{
	abort();
}
