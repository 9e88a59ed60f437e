/*
 * io.c — port I/O on posix_uio through ioperm(2).
 *
 * ioperm() covers all 65536 ports since Linux 2.6.8 and needs
 * CAP_SYS_RAWIO. Its permission bitmap belongs to the calling thread (and is
 * copied to threads it creates later), but a driver server requests ports in
 * one thread and uses them in others that already run: interrupt handler
 * threads, the timer thread. So the granted ranges are kept in one list with
 * a generation number, and a thread whose last applied generation is stale
 * applies the list to itself before its next port access. The check is one
 * atomic load per access.
 */
#include "posix_uio.h"

#include <errno.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>

#define NPORTS    0x10000u
#define MAX_GRANT 64

struct grant {
	uint32_t port;
	uint32_t count;
};

static pthread_mutex_t grant_lock = PTHREAD_MUTEX_INITIALIZER;
static struct grant grants[MAX_GRANT];
static unsigned ngrants;
static atomic_uint generation;
static _Thread_local unsigned applied;

/* Makes the calling thread's ports exactly the granted ones. */
static void sync_thread(void)
{
	unsigned i;

	pthread_mutex_lock(&grant_lock);
	ioperm(0, NPORTS, 0);
	for (i = 0; i < ngrants; i++)
		ioperm(grants[i].port, grants[i].count, 1);
	applied = atomic_load(&generation);
	pthread_mutex_unlock(&grant_lock);
}

static inline void ports_ready(void)
{
	if (atomic_load_explicit(&generation, memory_order_acquire) != applied)
		sync_thread();
}

static int refused(uint64_t port, uint64_t count, int err)
{
	unsigned long long first = port, last = port + count - 1;

	if (err == EPERM) {
		posix_uio_log(
		    "posix_uio: no access to I/O ports 0x%llx-0x%llx: "
		    "the process needs CAP_SYS_RAWIO (run as root or "
		    "grant it with setcap cap_sys_rawio+ep); if it has "
		    "it, the kernel is in lockdown mode (Secure Boot), "
		    "which forbids port access from user space\n",
		    first, last);
		return -DDEKIT_EPERM;
	}
	if (err == ENOSYS) {
		posix_uio_log(
		    "posix_uio: no access to I/O ports 0x%llx-0x%llx: "
		    "this kernel has no ioperm(2) (built without "
		    "CONFIG_X86_IOPL_IOPERM, or a sandbox); run the "
		    "driver server on a kernel that provides it\n",
		    first, last);
		return -DDEKIT_EACCES;
	}
	posix_uio_log("posix_uio: ioperm(0x%llx, %llu) failed: %s\n", first,
	              (unsigned long long)count, strerror(err));
	return err == ENOMEM ? -DDEKIT_ENOMEM : -DDEKIT_EACCES;
}

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	int rc = 0;

	if (!count || port >= NPORTS || count > NPORTS - port)
		return -DDEKIT_EINVAL;
	pthread_mutex_lock(&grant_lock);
	if (ngrants == MAX_GRANT) {
		posix_uio_log("posix_uio: more than %d I/O port ranges "
		              "requested\n",
		              MAX_GRANT);
		rc = -DDEKIT_ENOMEM;
	} else if (ioperm((unsigned long)port, (unsigned long)count, 1) < 0) {
		rc = refused(port, count, errno);
	} else {
		grants[ngrants].port = (uint32_t)port;
		grants[ngrants].count = (uint32_t)count;
		ngrants++;
		atomic_fetch_add_explicit(&generation, 1, memory_order_release);
	}
	pthread_mutex_unlock(&grant_lock);
	return rc;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	unsigned i;

	pthread_mutex_lock(&grant_lock);
	for (i = 0; i < ngrants; i++) {
		if (grants[i].port == port && grants[i].count == count) {
			grants[i] = grants[--ngrants];
			atomic_fetch_add_explicit(&generation, 1,
			                          memory_order_release);
			break;
		}
	}
	pthread_mutex_unlock(&grant_lock);
}

void pu_io_fini(void)
{
	pthread_mutex_lock(&grant_lock);
	ngrants = 0;
	atomic_fetch_add_explicit(&generation, 1, memory_order_release);
	pthread_mutex_unlock(&grant_lock);
	sync_thread();
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	unsigned short p = (unsigned short)port;

	ports_ready();
	switch (width) {
	case 1:
		return inb(p);
	case 2:
		return inw(p);
	case 4:
		return inl(p);
	}
	return UINT32_MAX;
}

void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val)
{
	unsigned short p = (unsigned short)port;

	ports_ready();
	switch (width) {
	case 1:
		outb((unsigned char)val, p);
		break;
	case 2:
		outw((unsigned short)val, p);
		break;
	case 4:
		outl(val, p);
		break;
	}
}

#else /* no port I/O on this architecture */

static atomic_bool io_told;

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	(void)port;
	(void)count;
	posix_uio_log_once(&io_told,
	                   "posix_uio: this CPU architecture has no "
	                   "I/O ports; drivers must use memory BARs\n");
	return -DDEKIT_EACCES;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	(void)port;
	(void)count;
}

void pu_io_fini(void)
{
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	(void)port;
	(void)width;
	return UINT32_MAX;
}

void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val)
{
	(void)port;
	(void)width;
	(void)val;
}

#endif
