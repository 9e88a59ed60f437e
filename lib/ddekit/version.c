/*
 * version.c — the ABI version this library implements.
 */
#include <ddekit/version.h>

unsigned ddekit_abi_version(void)
{
	return DDEKIT_ABI_VERSION;
}
