/*
 * init.c — life cycle of the posix_uio host.
 */
#include "posix_uio.h"

int ddekit_host_init(unsigned version)
{
	if (version >> 16 != DDEKIT_HOST_VERSION_MAJOR) {
		posix_uio_log(
		    "posix_uio: lib/ddekit speaks host interface "
		    "%u.%u but this backend implements %u.%u; rebuild "
		    "libdde so both come from one source tree\n",
		    version >> 16, version & 0xffffu, DDEKIT_HOST_VERSION_MAJOR,
		    DDEKIT_HOST_VERSION_MINOR);
		return -DDEKIT_EPROTO;
	}
	return 0;
}

void ddekit_host_fini(void)
{
}
