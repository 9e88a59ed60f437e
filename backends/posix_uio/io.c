/*
 * io.c — port I/O on posix_uio through ioperm(2).
 *
 * ioperm() covers all 65536 ports since Linux 2.6.8 (before, only ports up
 * to 0x3ff, the rest needed iopl()), and needs CAP_SYS_RAWIO. The permission
 * bitmap belongs to the calling thread and is copied to threads it creates
 * afterwards; threads that already exist do not get it, so a driver server
 * requests its ports before it starts threads that use them.
 */
#include "posix_uio.h"

#include <errno.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>

#define NPORTS 0x10000u

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	if (!count || port >= NPORTS || count > NPORTS - port)
		return -DDEKIT_EINVAL;
	if (ioperm((unsigned long)port, (unsigned long)count, 1) == 0)
		return 0;
	if (errno == EPERM) {
		posix_uio_log(
		    "posix_uio: no access to I/O ports 0x%llx-0x%llx: "
		    "the process needs CAP_SYS_RAWIO (run as root or "
		    "grant it with setcap cap_sys_rawio+ep)\n",
		    (unsigned long long)port,
		    (unsigned long long)(port + count - 1));
		return -DDEKIT_EPERM;
	}
	if (errno == ENOSYS) {
		posix_uio_log(
		    "posix_uio: no access to I/O ports 0x%llx-0x%llx: "
		    "this kernel has no ioperm(2) (built without "
		    "CONFIG_X86_IOPL_IOPERM, or a sandbox); run the "
		    "driver server on a kernel that provides it\n",
		    (unsigned long long)port,
		    (unsigned long long)(port + count - 1));
		return -DDEKIT_EACCES;
	}
	posix_uio_log("posix_uio: ioperm(0x%llx, %llu) failed: %s\n",
	              (unsigned long long)port, (unsigned long long)count,
	              strerror(errno));
	return errno == ENOMEM ? -DDEKIT_ENOMEM : -DDEKIT_EACCES;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	if (!count || port >= NPORTS || count > NPORTS - port)
		return;
	ioperm((unsigned long)port, (unsigned long)count, 0);
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	unsigned short p = (unsigned short)port;

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
