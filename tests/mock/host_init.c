/*
 * host_init.c — life cycle of the mock host.
 *
 * The mock refuses to start without a machine: a test that forgot
 * mock_machine_load() would otherwise run against no hardware and pass for
 * the wrong reason.
 */
#include "mock_internal.h"

#include <stdatomic.h>

static atomic_int initialised;

int ddekit_host_init(unsigned version)
{
	if (version >> 16 != DDEKIT_HOST_VERSION_MAJOR) {
		mock__log("mock: lib/ddekit speaks host interface %u.%u, the "
		          "mock implements %u.%u; rebuild both from one tree\n",
		          version >> 16, version & 0xffffu,
		          DDEKIT_HOST_VERSION_MAJOR, DDEKIT_HOST_VERSION_MINOR);
		return -DDEKIT_EPROTO;
	}
	if (!mock__machine) {
		mock__log("mock: no machine loaded; call mock_machine_load() "
		          "before ddekit_init()\n");
		return -DDEKIT_ENODEV;
	}
	if (atomic_exchange(&initialised, 1)) {
		mock__log("mock: ddekit_host_init() called twice without "
		          "ddekit_host_fini()\n");
		return -DDEKIT_EBUSY;
	}
	return 0;
}

void ddekit_host_fini(void)
{
	atomic_store(&initialised, 0);
}

bool mock__host_up(void)
{
	return atomic_load(&initialised) != 0;
}

void mock__host_reset(void)
{
	atomic_store(&initialised, 0);
}
