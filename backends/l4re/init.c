/*
 * init.c — life cycle, console, abort and clock of the L4Re backend.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l4re_backend.h"

struct l4re_host_state l4re_host = {
    .vbus = L4_INVALID_CAP,
    .icu = L4_INVALID_CAP,
    .dma = L4_INVALID_CAP,
};

int l4re_err(long l4err)
{
	switch (-l4err) {
	case 0:
		return 0;
	case L4_EPERM:
		return -DDEKIT_EPERM;
	case L4_ENOENT:
		return -DDEKIT_ENOENT;
	case L4_ENXIO:
	case L4_ENODEV:
		return -DDEKIT_ENODEV;
	case L4_EAGAIN:
		return -DDEKIT_EAGAIN;
	case L4_ENOMEM:
		return -DDEKIT_ENOMEM;
	case L4_EACCESS:
		return -DDEKIT_EACCES;
	case L4_EFAULT:
		return -DDEKIT_EFAULT;
	case L4_EBUSY:
	case L4_EEXIST:
		return -DDEKIT_EBUSY;
	case L4_EINVAL:
		return -DDEKIT_EINVAL;
	case L4_ERANGE:
		return -DDEKIT_ERANGE;
	case L4_ENOSYS:
		return -DDEKIT_ENOSYS;
	default:
		return -DDEKIT_EIO;
	}
}

void l4re_log(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	ddekit_host_console_write(buf, (size_t)n);
}

void ddekit_host_console_write(const char *buf, size_t len)
{
	/* The log protocol carries a bounded string per call. */
	while (len) {
		int n = len > 1024 ? 1024 : (int)len;

		l4re_log_printn(buf, n);
		buf += n;
		len -= (size_t)n;
	}
}

void ddekit_host_abort(void)
{
	static const char msg[] = "l4re: driver server aborted\n";

	ddekit_host_console_write(msg, sizeof(msg) - 1);
	/* No atexit handlers: other threads may hold the locks they take. */
	_Exit(EXIT_FAILURE);
}

uint64_t ddekit_host_clock_ns(void)
{
	/* The KIP clock is the kernel's microsecond count since boot. */
	return (uint64_t)l4_kip_clock(l4re_kip()) * 1000u;
}

int ddekit_host_init(unsigned version)
{
	int rc;

	if ((version >> 16) != DDEKIT_HOST_VERSION_MAJOR) {
		l4re_log("l4re: host interface %u.%u requested, this backend "
		         "implements %u.%u\n",
		         version >> 16, version & 0xffff,
		         DDEKIT_HOST_VERSION_MAJOR, DDEKIT_HOST_VERSION_MINOR);
		return -DDEKIT_EPROTO;
	}
	if (l4re_host.up)
		return -DDEKIT_EBUSY;

	l4re_host.vbus = l4re_env_get_cap("vbus");
	if (l4_is_invalid_cap(l4re_host.vbus)) {
		l4re_log("l4re: no capability named 'vbus': start this program "
		         "with a vbus from io (ned: caps = { vbus = "
		         "io:create(...) })\n");
		rc = -DDEKIT_ENODEV;
		goto out;
	}
	/* Without an ICU only interrupts fail (with a message), so a
	 * server that polls still runs. */
	l4re_host.icu = l4io_request_icu();
	rc = l4re_mem_init();
	if (rc < 0)
		goto out;
	rc = l4re_pci_scan();
	if (rc < 0) {
		l4re_mem_fini();
		goto out;
	}
	l4re_host.up = 1;
out:
	if (rc < 0) {
		l4re_host.vbus = L4_INVALID_CAP;
		l4re_host.icu = L4_INVALID_CAP;
	}
	return rc;
}

void ddekit_host_fini(void)
{
	long mem, irqs;

	if (!l4re_host.up)
		return;
	mem = l4re_mem_live();
	irqs = l4re_irq_live();
	if (mem || irqs)
		l4re_log("l4re: at fini still held: %ld memory blocks or DMA "
		         "mappings, %ld interrupt sources\n",
		         mem, irqs);
	l4re_pci_release();
	l4re_mem_fini();
	/* The vbus and the ICU belong to the environment, not to us. */
	l4re_host.vbus = L4_INVALID_CAP;
	l4re_host.icu = L4_INVALID_CAP;
	l4re_host.up = 0;
}
