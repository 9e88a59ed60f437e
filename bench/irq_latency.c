/*
 * irq_latency.c — interrupt round-trip latency of QEMU's edu device through
 * DDEKit (lib/ddekit on backends/posix_uio), for a Linux guest whose edu is
 * bound to uio_pci_generic or vfio-pci. irq_native.c measures the same
 * without libdde; bench/qemu runs both in one boot.
 *
 *   irq_latency intx|msi [-n N] [-w W] [-g US] [-o FILE] [-m BDF]
 *     intx: ddekit_interrupt_attach() on the edu's legacy line (UIO or VFIO)
 *     msi:  ddekit_interrupt_attach_pci(MSI, vector 0) (VFIO only)
 *     -n, -w, -g, -o as for irq_native: samples (500), warm-up samples (50),
 *     pause between samples in microseconds (500), file to append
 *     "handler_ns roundtrip_ns csw" lines to
 *     -m BDF  (uio_pci_generic only) after each sample, read the command
 *             register of BDF straight from sysfs and count how often INTx
 *             was still masked when main woke, i.e. whether the handler
 *             thread's unmask came before or after main's wakeup
 *
 * One sample: t0 = ddekit_clock_ns(), write 1 to the raise register, then
 * ddekit_sem_down(). The handler, on the source's DDEKit handler thread,
 * takes t1 on entry, reads and acknowledges the edu's status and ups the
 * semaphore; main takes t2 when it wakes. t1 - t0 is "the handler runs",
 * t2 - t0 the round trip. The handler thread unmasks the source after the
 * handler returned, possibly after main woke; the pause keeps that outside
 * the next sample. Not a test: nothing here judges a speed.
 */
#define _GNU_SOURCE

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/interrupt.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include "irq_common.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

struct bench {
	volatile char *regs;
	ddekit_sem_t *fired;
	/* Written by the handler before its up, read by main after its
	 * down: the semaphore orders them. */
	uint64_t t1;
	unsigned long handled;
	unsigned long empty; /* handler runs with nothing raised */
};

/*
 * The diagnostic of -m reads sysfs directly: ddekit_pci_readw() would wait
 * for posix_uio's config lock, which the unmask holds, and so could only
 * ever see the unmask done.
 */
static int open_config(const char *bdf)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		irq_die("%s: %s", path, strerror(errno));
	return fd;
}

static int intx_masked(int cfg)
{
	uint16_t cmd;

	if (pread(cfg, &cmd, 2, PCI_COMMAND) != 2)
		irq_die("reading the command register: %s", strerror(errno));
	return !!(cmd & PCI_CMD_INTX_OFF);
}

static void handler(void *arg)
{
	struct bench *b = arg;
	uint64_t t1 = ddekit_clock_ns();
	ddekit_uint32_t raised;

	raised = ddekit_mmio_read32(b->regs + EDU_IRQ_STATUS);
	if (!raised) {
		b->empty++;
		return;
	}
	ddekit_mmio_write32(b->regs + EDU_IRQ_ACK, raised);
	b->t1 = t1;
	b->handled++;
	ddekit_sem_up(b->fired);
}

/* Nearest-rank median of @v[0..n), which it sorts. */
static uint64_t median(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), irq_cmp_u64);
	return v[(n + 1) / 2 - 1];
}

struct options {
	int msi;
	unsigned long n, warm, gap_us;
	const char *out;
	int cfg; /* -m: the function's sysfs config, or -1 */
};

static void parse_args(int argc, char **argv, struct options *o)
{
	static const char usage[] = "usage: irq_latency intx|msi [-n N] "
	                            "[-w W] [-g US] [-o FILE] [-m BDF]";
	int c;

	if (argc < 2 || (strcmp(argv[1], "intx") && strcmp(argv[1], "msi")))
		irq_die("%s", usage);
	o->msi = strcmp(argv[1], "msi") == 0;
	/* getopt then starts after the mode */
	argc--;
	argv++;
	while ((c = getopt(argc, argv, "n:w:g:o:m:")) != -1) {
		switch (c) {
		case 'n':
			o->n = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			o->warm = strtoul(optarg, NULL, 0);
			break;
		case 'g':
			o->gap_us = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'm':
			o->cfg = open_config(optarg);
			break;
		default:
			irq_die("%s", usage);
		}
	}
	if (optind != argc || o->n == 0)
		irq_die("%s", usage);
}

/* Finds the edu, maps BAR0 and attaches the handler; returns the source's
 * number for ddekit_interrupt_detach(). */
static int edu_attach(struct bench *b, const struct options *o,
                      ddekit_pci_res_t **bar)
{
	struct ddekit_pci_dev *dev;
	ddekit_addr_t va = 0;
	unsigned long line;
	int irq, rc;

	dev = ddekit_pci_find_device_by_id(EDU_VENDOR, EDU_DEVICE, NULL);
	if (!dev)
		irq_die("no edu (%04x:%04x) visible: bind it with dde-bind",
		        EDU_VENDOR, EDU_DEVICE);
	*bar = ddekit_pci_get_resource(dev, 0);
	if (!*bar || !((*bar)->flags & DDEKIT_PCI_RES_MEM) || !(*bar)->start)
		irq_die("the edu has no memory BAR0");
	rc = ddekit_pci_enable_device(dev);
	if (rc < 0)
		irq_die("ddekit_pci_enable_device: %s", ddekit_strerror(rc));
	rc = ddekit_request_mem((*bar)->start, (*bar)->end - (*bar)->start + 1,
	                        &va);
	if (rc < 0)
		irq_die("ddekit_request_mem(BAR0): %s", ddekit_strerror(rc));
	b->regs = (volatile char *)va;
	if ((ddekit_mmio_read32(b->regs + EDU_ID) & 0xff) != EDU_ID_MAGIC)
		irq_die("%s is not an edu", ddekit_pci_get_slot_name(dev));

	if (o->msi) {
		/* An MSI is a memory write of the device. */
		ddekit_pci_set_master(dev);
		rc = ddekit_interrupt_attach_pci(dev, DDEKIT_IRQ_MSI, 0, NULL,
		                                 handler, b, &irq);
		if (rc < 0)
			irq_die("ddekit_interrupt_attach_pci(MSI 0): %s",
			        ddekit_strerror(rc));
		return irq;
	}
	line = ddekit_pci_get_irq(dev);
	if (line == 0xff)
		irq_die("the edu has no legacy interrupt line");
	irq = (int)line;
	if (!ddekit_interrupt_attach(irq, 0, NULL, handler, b))
		irq_die("ddekit_interrupt_attach(%d) failed", irq);
	return irq;
}

/* The samples; returns how often INTx was still masked at wakeup (-m). */
static unsigned long measure(struct bench *b, const struct options *o,
                             struct sample *s)
{
	unsigned long masked = 0, i;

	for (i = 0; i < o->warm + o->n; i++) {
		uint64_t c0, c1, t0, t2;

		c0 = irq_context_switches();
		t0 = ddekit_clock_ns();
		ddekit_mmio_write32(b->regs + EDU_IRQ_RAISE, 1);
		ddekit_sem_down(b->fired);
		t2 = ddekit_clock_ns();
		c1 = irq_context_switches();
		if (i >= o->warm) {
			s[i - o->warm].handler_ns = b->t1 - t0;
			s[i - o->warm].roundtrip_ns = t2 - t0;
			s[i - o->warm].csw = c1 - c0;
			if (o->cfg >= 0)
				masked += (unsigned long)intx_masked(o->cfg);
		}
		ddekit_thread_usleep(o->gap_us);
	}
	return masked;
}

int main(int argc, char **argv)
{
	struct options o = {.n = 500, .warm = 50, .gap_us = 500, .cfg = -1};
	struct bench b = {0};
	ddekit_pci_res_t *bar;
	unsigned long masked, i;
	uint64_t *h, *r, csw = 0;
	struct sample *s;
	int irq, rc;

	irq_set_program("irq_latency");
	parse_args(argc, argv, &o);
	s = calloc(o.n, sizeof(*s));
	h = calloc(o.n, sizeof(*h));
	r = calloc(o.n, sizeof(*r));
	if (!s || !h || !r)
		irq_die("out of memory");

	rc = ddekit_init_checked();
	if (rc < 0)
		irq_die("ddekit_init: %s", ddekit_strerror(rc));
	b.fired = ddekit_sem_init(0);
	if (!b.fired)
		irq_die("ddekit_sem_init failed");
	irq = edu_attach(&b, &o, &bar);

	irq_watchdog(1);
	masked = measure(&b, &o, s);
	irq_watchdog(0);

	ddekit_interrupt_detach(irq);
	ddekit_sem_deinit(b.fired);
	ddekit_release_mem(bar->start, bar->end - bar->start + 1);
	rc = ddekit_deinit();
	if (rc < 0)
		irq_die("ddekit_deinit: %s", ddekit_strerror(rc));

	if (o.out)
		irq_append_samples(o.out, s, o.n);
	for (i = 0; i < o.n; i++) {
		h[i] = s[i].handler_ns;
		r[i] = s[i].roundtrip_ns;
		csw += s[i].csw;
	}
	printf("irq_latency %s: %lu samples (+%lu warm-up), median handler "
	       "%.1f us, round trip %.1f us, %.2f csw/sample%s\n",
	       o.msi ? "msi" : "intx", o.n, o.warm, median(h, o.n) / 1e3,
	       median(r, o.n) / 1e3, (double)csw / (double)o.n,
	       b.empty ? " (spurious handler runs!)" : "");
	if (o.cfg >= 0) {
		printf("irq_latency intx: INTx still masked when main woke: "
		       "%lu of %lu samples\n",
		       masked, o.n);
		close(o.cfg);
	}
	free(s);
	free(h);
	free(r);
	/* After the detach, which ended the handler thread. */
	return b.handled != o.warm + o.n || b.empty ? 1 : 0;
}
