/*
 * sys/lock.h — the common head of every lock (FreeBSD 7, libdde).
 *
 * lo_flags says which class a lock is, so that sleeping and condition
 * variables can release and retake any interlock. No WITNESS: the checks
 * libdde makes are the assertions and the sleep-context checks.
 */
#ifndef _DDE_FBSD_SYS_LOCK_H_
#define _DDE_FBSD_SYS_LOCK_H_

#include <sys/types.h>

struct lock_object {
	const char *lo_name;
	const char *lo_type;
	u_int lo_flags;
	void *lo_witness; /* unused */
};

#define LO_CLASSMASK   0x0000000f
#define LO_CLASS_MTX   0x00000001
#define LO_CLASS_SPIN  0x00000002
#define LO_CLASS_SX    0x00000003
#define LO_INITIALIZED 0x00010000
#define LO_RECURSABLE  0x00080000
#define LO_SLEEPABLE   0x00100000
#define LO_QUIET       0x00040000
#define LO_DUPOK       0x00400000

#define LOCK_FILE __FILE__
#define LOCK_LINE __LINE__

#endif /* _DDE_FBSD_SYS_LOCK_H_ */
