/*
 * errno.c — names and texts of the DDEKit error codes, generated from the
 * one table in <ddekit/errno.h> so codes and texts cannot drift apart.
 */
#include <ddekit/errno.h>

/* Both signs are accepted; folding through unsigned keeps INT_MIN defined. */
static unsigned err_magnitude(int err)
{
	return err < 0 ? 0u - (unsigned)err : (unsigned)err;
}

const char *ddekit_strerror(int err)
{
	switch (err_magnitude(err)) {
#define DDEKIT_ERRNO_TEXT(name, value, msg)                                    \
	case (value):                                                          \
		return (msg);
		DDEKIT_ERRNO_MAP(DDEKIT_ERRNO_TEXT)
#undef DDEKIT_ERRNO_TEXT
	default:
		return "unknown error";
	}
}

const char *ddekit_errname(int err)
{
	switch (err_magnitude(err)) {
#define DDEKIT_ERRNO_NAME(name, value, msg)                                    \
	case (value):                                                          \
		return #name;
		DDEKIT_ERRNO_MAP(DDEKIT_ERRNO_NAME)
#undef DDEKIT_ERRNO_NAME
	default:
		return "unknown error";
	}
}
