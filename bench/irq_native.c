/*
 * irq_native.c — interrupt round-trip latency of QEMU's edu device without
 * libdde: the native alternative irq_latency.c is compared with, and the
 * report that puts the two side by side.
 *
 *   irq_native uio <bdf> [options]        uio_pci_generic: one blocking
 *                                         read(/dev/uioN) per interrupt
 *   irq_native vfio-intx <bdf> [options]  vfio-pci, INTx through an eventfd
 *   irq_native vfio-msi <bdf> [options]   vfio-pci, MSI through an eventfd
 *     -n N   samples (default 500)     -w W   warm-up samples (default 50)
 *     -g US  pause between samples, microseconds (default 500)
 *     -t     DDEKit's structure, natively: a handler thread blocked in the
 *            read posts a POSIX semaphore the raising thread waits on
 *     -o F   append the samples to F, one "handler_ns roundtrip_ns csw" a
 *            line (csw: context switches of the process from the raise
 *            until the waiting thread continued)
 *
 *   irq_native report [-e N] [-t TITLE] LABEL=FILE... [-r LABEL/LABEL]...
 *     a table (median, p90, p99, min, max of both times and the mean context
 *     switches per sample, for each LABEL) and one BENCH line per LABEL and
 *     per -r ratio; -e N fails unless every FILE holds exactly N samples.
 *
 * One sample: t0, write 1 to the raise register; the same thread then
 * blocks in read() until the interrupt is reported (t1: "handler runs"),
 * acknowledges it (status read, acknowledge write; t2: round trip done) and
 * re-enables the source outside the timed part (UIO: the command register,
 * rewritten whole because QEMU re-evaluates the INTx level only on a write
 * that covers its low byte; VFIO INTx: VFIO_IRQ_SET_ACTION_UNMASK; MSI
 * needs nothing; the time it takes is reported apart). The pause lets every
 * side finish re-enabling before the next sample, so no sample starts with
 * the source still masked. Not a test: nothing here judges a speed.
 */
#define _GNU_SOURCE

#include <dirent.h>
#include "irq_common.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <linux/vfio.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum mode { MODE_UIO, MODE_VFIO_INTX, MODE_VFIO_MSI };

struct dev {
	enum mode mode;
	const char *bdf;
	volatile uint8_t *bar;
	int bar_fd;   /* sysfs resource0 (UIO) */
	int cfg_fd;   /* sysfs config (UIO) */
	int irq_fd;   /* /dev/uioN, or the eventfd */
	uint16_t cmd; /* UIO: the command register with INTx enabled */
	int container, group, device; /* VFIO */
	off_t cfg_off;                /* VFIO: config region offset */
	size_t bar_len;
};

/* The clock ddekit_clock_ns() reads on posix_uio. */
static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint32_t rd32(struct dev *d, unsigned off)
{
	return *(volatile uint32_t *)(d->bar + off);
}

static void wr32(struct dev *d, unsigned off, uint32_t val)
{
	*(volatile uint32_t *)(d->bar + off) = val;
}

/* ---- UIO ------------------------------------------------------------------
 */

static int open_sysfs(const char *bdf, const char *file, int flags)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", bdf, file);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		irq_die("%s: %s", path, strerror(errno));
	return fd;
}

/* The N of /dev/uioN: uio_pci_generic lists it under the function. */
static int uio_index(const char *bdf)
{
	char path[PATH_MAX];
	struct dirent *e;
	int n = -1;
	DIR *dir;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/uio", bdf);
	dir = opendir(path);
	if (!dir)
		irq_die("%s: %s (is %s bound to uio_pci_generic?)", path,
		        strerror(errno), bdf);
	while ((e = readdir(dir)))
		if (sscanf(e->d_name, "uio%d", &n) == 1)
			break;
	closedir(dir);
	if (n < 0)
		irq_die("%s lists no uioN", path);
	return n;
}

static void uio_open(struct dev *d)
{
	char path[32];
	uint16_t cmd;
	void *bar;

	d->cfg_fd = open_sysfs(d->bdf, "config", O_RDWR);
	if (pread(d->cfg_fd, &cmd, 2, PCI_COMMAND) != 2)
		irq_die("reading the command register: %s", strerror(errno));
	d->cmd = (uint16_t)((cmd | PCI_CMD_MEMORY) & ~PCI_CMD_INTX_OFF);
	if (pwrite(d->cfg_fd, &d->cmd, 2, PCI_COMMAND) != 2)
		irq_die("writing the command register: %s", strerror(errno));

	d->bar_fd = open_sysfs(d->bdf, "resource0", O_RDWR | O_SYNC);
	d->bar_len = EDU_BAR0_SIZE;
	bar = mmap(NULL, d->bar_len, PROT_READ | PROT_WRITE, MAP_SHARED,
	           d->bar_fd, 0);
	if (bar == MAP_FAILED)
		irq_die("mmap of resource0: %s", strerror(errno));
	d->bar = bar;

	snprintf(path, sizeof(path), "/dev/uio%d", uio_index(d->bdf));
	d->irq_fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->irq_fd < 0)
		irq_die("%s: %s", path, strerror(errno));
}

/* ---- VFIO -----------------------------------------------------------------
 */

static int iommu_group(const char *bdf)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group",
	         bdf);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		irq_die("%s: %s (IOMMU off?)", path, strerror(errno));
	target[n] = '\0';
	return atoi(basename(target));
}

static struct vfio_region_info region(struct dev *d, unsigned index)
{
	struct vfio_region_info r = {.argsz = sizeof(r), .index = index};

	if (ioctl(d->device, VFIO_DEVICE_GET_REGION_INFO, &r) < 0)
		irq_die("VFIO_DEVICE_GET_REGION_INFO(%u): %s", index,
		        strerror(errno));
	return r;
}

/* ACTION_TRIGGER with @fd (or none, -1) for vector 0 of @index. */
static void vfio_trigger(struct dev *d, unsigned index, int fd)
{
	union {
		struct vfio_irq_set set;
		char bytes[sizeof(struct vfio_irq_set) + sizeof(int32_t)];
	} u;
	int32_t data = fd;

	memset(&u, 0, sizeof(u));
	u.set.argsz = sizeof(u);
	u.set.flags =
	    VFIO_IRQ_SET_ACTION_TRIGGER |
	    (fd >= 0 ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE);
	u.set.index = index;
	u.set.count = fd >= 0 ? 1 : 0;
	memcpy(u.set.data, &data, sizeof(data));
	if (ioctl(d->device, VFIO_DEVICE_SET_IRQS, &u) < 0 && fd >= 0)
		irq_die("VFIO_DEVICE_SET_IRQS(index %u, eventfd): %s", index,
		        strerror(errno));
}

static void vfio_open(struct dev *d)
{
	struct vfio_group_status status = {.argsz = sizeof(status)};
	struct vfio_irq_info irq = {.argsz = sizeof(irq)};
	struct vfio_region_info bar0, cfg;
	char path[32];
	uint16_t cmd;
	void *bar;

	d->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (d->container < 0)
		irq_die("/dev/vfio/vfio: %s", strerror(errno));
	if (ioctl(d->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(d->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) <= 0)
		irq_die("no VFIO type1 IOMMU");
	snprintf(path, sizeof(path), "/dev/vfio/%d", iommu_group(d->bdf));
	d->group = open(path, O_RDWR | O_CLOEXEC);
	if (d->group < 0)
		irq_die("%s: %s (is %s bound to vfio-pci?)", path,
		        strerror(errno), d->bdf);
	if (ioctl(d->group, VFIO_GROUP_GET_STATUS, &status) < 0 ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		irq_die("%s is not viable (every device of the group must be "
		        "bound to vfio-pci)",
		        path);
	if (ioctl(d->group, VFIO_GROUP_SET_CONTAINER, &d->container) < 0 ||
	    ioctl(d->container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU) < 0)
		irq_die("attaching %s to a type1 container: %s", path,
		        strerror(errno));
	d->device = ioctl(d->group, VFIO_GROUP_GET_DEVICE_FD, d->bdf);
	if (d->device < 0)
		irq_die("VFIO_GROUP_GET_DEVICE_FD(%s): %s", d->bdf,
		        strerror(errno));

	cfg = region(d, VFIO_PCI_CONFIG_REGION_INDEX);
	d->cfg_off = (off_t)cfg.offset;
	if (pread(d->device, &cmd, 2, d->cfg_off + PCI_COMMAND) != 2)
		irq_die("reading the command register: %s", strerror(errno));
	/* An MSI is a memory write of the device: bus mastering on. */
	cmd |= PCI_CMD_MEMORY | (d->mode == MODE_VFIO_MSI ? PCI_CMD_MASTER : 0);
	if (pwrite(d->device, &cmd, 2, d->cfg_off + PCI_COMMAND) != 2)
		irq_die("writing the command register: %s", strerror(errno));

	bar0 = region(d, VFIO_PCI_BAR0_REGION_INDEX);
	if (!(bar0.flags & VFIO_REGION_INFO_FLAG_MMAP) ||
	    bar0.size < EDU_BAR0_SIZE)
		irq_die("BAR0 cannot be mapped (flags 0x%x, size 0x%llx)",
		        bar0.flags, (unsigned long long)bar0.size);
	d->bar_len = bar0.size;
	bar = mmap(NULL, d->bar_len, PROT_READ | PROT_WRITE, MAP_SHARED,
	           d->device, (off_t)bar0.offset);
	if (bar == MAP_FAILED)
		irq_die("mmap of BAR0: %s", strerror(errno));
	d->bar = bar;

	irq.index = d->mode == MODE_VFIO_MSI ? VFIO_PCI_MSI_IRQ_INDEX
	                                     : VFIO_PCI_INTX_IRQ_INDEX;
	if (ioctl(d->device, VFIO_DEVICE_GET_IRQ_INFO, &irq) < 0 ||
	    irq.count < 1)
		irq_die("%s has no %s interrupt", d->bdf,
		        d->mode == MODE_VFIO_MSI ? "MSI" : "INTx");
	d->irq_fd = eventfd(0, EFD_CLOEXEC);
	if (d->irq_fd < 0)
		irq_die("eventfd: %s", strerror(errno));
	vfio_trigger(d, irq.index, d->irq_fd);
}

static void vfio_unmask(struct dev *d)
{
	struct vfio_irq_set u = {
	    .argsz = sizeof(u),
	    .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK,
	    .index = VFIO_PCI_INTX_IRQ_INDEX,
	    .start = 0,
	    .count = 1,
	};

	if (ioctl(d->device, VFIO_DEVICE_SET_IRQS, &u) < 0)
		irq_die("VFIO_IRQ_SET_ACTION_UNMASK: %s", strerror(errno));
}

/* ---- the loop -------------------------------------------------------------
 */

/* Blocks until the interrupt is reported: the one syscall of the path. */
static void wait_irq(struct dev *d)
{
	uint64_t events;
	uint32_t count;

	if (d->mode == MODE_UIO) {
		if (read(d->irq_fd, &count, 4) != 4)
			irq_die("read of /dev/uioN: %s", strerror(errno));
	} else if (read(d->irq_fd, &events, 8) != 8) {
		irq_die("read of the eventfd: %s", strerror(errno));
	}
}

static void reenable(struct dev *d)
{
	if (d->mode == MODE_UIO) {
		if (pwrite(d->cfg_fd, &d->cmd, 2, PCI_COMMAND) != 2)
			irq_die("re-enabling INTx: %s", strerror(errno));
	} else if (d->mode == MODE_VFIO_INTX) {
		vfio_unmask(d);
	}
}

static void dev_close(struct dev *d)
{
	uint32_t raised = rd32(d, EDU_IRQ_STATUS);

	if (raised)
		wr32(d, EDU_IRQ_ACK, raised);
	if (d->mode != MODE_UIO)
		vfio_trigger(d,
		             d->mode == MODE_VFIO_MSI ? VFIO_PCI_MSI_IRQ_INDEX
		                                      : VFIO_PCI_INTX_IRQ_INDEX,
		             -1);
	munmap((void *)d->bar, d->bar_len);
	close(d->irq_fd);
	if (d->mode == MODE_UIO) {
		close(d->bar_fd);
		close(d->cfg_fd);
	} else {
		close(d->device);
		close(d->group);
		close(d->container);
	}
}

/* Nearest-rank percentile @p (0..100] of @v[0..n), sorted. */
static uint64_t pct(const uint64_t *v, size_t n, double p)
{
	size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);

	return v[rank ? rank - 1 : 0];
}

/* One run: its settings, and what the loops measured. */
struct run {
	struct dev *d;
	unsigned long n, warm, gap_us;
	struct sample *s;
	uint64_t *reenable_ns; /* per sample, untimed part */
	unsigned long empty;   /* wakeups with nothing raised */
	/* threaded: the handler thread's side of the current sample */
	sem_t done;
	uint64_t t1;
};

/* Handles one interrupt: the status read and acknowledge a driver needs. */
static void ack(struct run *run)
{
	uint32_t raised = rd32(run->d, EDU_IRQ_STATUS);

	if (raised)
		wr32(run->d, EDU_IRQ_ACK, raised);
	else
		run->empty++;
}

static void record(struct run *run, unsigned long i, uint64_t t0, uint64_t t1,
                   uint64_t t2, uint64_t csw, uint64_t re)
{
	if (i < run->warm)
		return;
	i -= run->warm;
	run->s[i].handler_ns = t1 - t0;
	run->s[i].roundtrip_ns = t2 - t0;
	run->s[i].csw = csw;
	run->reenable_ns[i] = re;
}

/* The plain native way: the thread that raised reads, handles, goes on. */
static void loop_direct(struct run *run)
{
	unsigned long i;

	for (i = 0; i < run->warm + run->n; i++) {
		uint64_t c0, c1, t0, t1, t2, t3, t4;

		c0 = irq_context_switches();
		t0 = now_ns();
		wr32(run->d, EDU_IRQ_RAISE, 1);
		wait_irq(run->d);
		t1 = now_ns();
		ack(run);
		t2 = now_ns();
		c1 = irq_context_switches();
		t3 = now_ns();
		reenable(run->d);
		t4 = now_ns();
		record(run, i, t0, t1, t2, c1 - c0, t4 - t3);
		usleep((useconds_t)run->gap_us);
	}
}

static void *handler_thread(void *arg)
{
	struct run *run = arg;
	unsigned long i;

	for (i = 0; i < run->warm + run->n; i++) {
		wait_irq(run->d);
		run->t1 = now_ns();
		ack(run);
		sem_post(&run->done);
		reenable(run->d);
	}
	return NULL;
}

/*
 * DDEKit's structure built natively (-t): a handler thread blocked in the
 * read handles the interrupt and posts a POSIX semaphore the raising thread
 * waits on, then re-enables the source. The difference to loop_direct is
 * what the structure costs, the difference to DDEKit what lib/ddekit and
 * posix_uio add to it.
 */
static void loop_threaded(struct run *run)
{
	pthread_t tid;
	unsigned long i;
	int err;

	if (sem_init(&run->done, 0, 0) != 0)
		irq_die("sem_init: %s", strerror(errno));
	err = pthread_create(&tid, NULL, handler_thread, run);
	if (err)
		irq_die("pthread_create: %s", strerror(err));
	for (i = 0; i < run->warm + run->n; i++) {
		uint64_t c0, c1, t0, t2;

		c0 = irq_context_switches();
		t0 = now_ns();
		wr32(run->d, EDU_IRQ_RAISE, 1);
		while (sem_wait(&run->done) != 0)
			if (errno != EINTR)
				irq_die("sem_wait: %s", strerror(errno));
		t2 = now_ns();
		c1 = irq_context_switches();
		/* The post orders run->t1; the re-enable is not timed here. */
		record(run, i, t0, run->t1, t2, c1 - c0, 0);
		usleep((useconds_t)run->gap_us);
	}
	pthread_join(tid, NULL);
	sem_destroy(&run->done);
}

static int run(enum mode mode, int argc, char **argv)
{
	static const char *const names[] = {"uio", "vfio-intx", "vfio-msi"};
	struct dev d = {.mode = mode, .irq_fd = -1};
	struct run run = {.d = &d, .n = 500, .warm = 50, .gap_us = 500};
	uint64_t *h, *r, csw = 0;
	const char *out = NULL;
	unsigned long i;
	int threaded = 0, c;

	while ((c = getopt(argc, argv, "n:w:g:o:t")) != -1) {
		switch (c) {
		case 'n':
			run.n = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			run.warm = strtoul(optarg, NULL, 0);
			break;
		case 'g':
			run.gap_us = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			threaded = 1;
			break;
		default:
			return 2;
		}
	}
	if (optind != argc - 1 || run.n == 0)
		irq_die("usage: irq_native %s <bdf> [-t] [-n N] [-w W] [-g US] "
		        "[-o F]",
		        names[mode]);
	d.bdf = argv[optind];
	run.s = calloc(run.n, sizeof(*run.s));
	run.reenable_ns = calloc(run.n, sizeof(*run.reenable_ns));
	h = calloc(run.n, sizeof(*h));
	r = calloc(run.n, sizeof(*r));
	if (!run.s || !run.reenable_ns || !h || !r)
		irq_die("out of memory");

	if (mode == MODE_UIO)
		uio_open(&d);
	else
		vfio_open(&d);
	if ((rd32(&d, EDU_ID) & 0xff) != EDU_ID_MAGIC)
		irq_die("%s is not an edu (id 0x%08x)", d.bdf,
		        rd32(&d, EDU_ID));

	irq_watchdog(1);
	if (threaded)
		loop_threaded(&run);
	else
		loop_direct(&run);
	irq_watchdog(0);
	dev_close(&d);

	if (out)
		irq_append_samples(out, run.s, run.n);
	for (i = 0; i < run.n; i++) {
		h[i] = run.s[i].handler_ns;
		r[i] = run.s[i].roundtrip_ns;
		csw += run.s[i].csw;
	}
	qsort(h, run.n, sizeof(*h), irq_cmp_u64);
	qsort(r, run.n, sizeof(*r), irq_cmp_u64);
	qsort(run.reenable_ns, run.n, sizeof(*run.reenable_ns), irq_cmp_u64);
	printf("irq_native %s%s %s: %lu samples (+%lu warm-up), median "
	       "handler %.1f us, round trip %.1f us, %.2f csw/sample",
	       names[mode], threaded ? " -t" : "", d.bdf, run.n, run.warm,
	       pct(h, run.n, 50) / 1e3, pct(r, run.n, 50) / 1e3,
	       (double)csw / (double)run.n);
	if (!threaded)
		printf("; re-enabling (untimed) median %.1f us",
		       pct(run.reenable_ns, run.n, 50) / 1e3);
	printf("%s\n", run.empty ? " (wakeups with nothing raised!)" : "");
	free(run.s);
	free(run.reenable_ns);
	free(h);
	free(r);
	return run.empty ? 1 : 0;
}

/* ---- the report -----------------------------------------------------------
 */

#define MAX_SERIES 8

struct series {
	const char *label;
	size_t n;
	uint64_t *h, *r; /* sorted */
	double csw;      /* mean per sample */
};

struct stats {
	double median, p90, p99, min, max; /* microseconds */
};

static struct stats stats_of(const uint64_t *v, size_t n)
{
	struct stats st = {
	    .median = pct(v, n, 50) / 1e3,
	    .p90 = pct(v, n, 90) / 1e3,
	    .p99 = pct(v, n, 99) / 1e3,
	    .min = v[0] / 1e3,
	    .max = v[n - 1] / 1e3,
	};

	return st;
}

static void load(struct series *s, const char *arg)
{
	const char *eq = strchr(arg, '='), *path;
	unsigned long long a, b, c;
	size_t cap = 1024;
	double csw = 0;
	char line[128];
	FILE *f;

	if (!eq || eq == arg)
		irq_die("report: want LABEL=FILE, got '%s'", arg);
	path = eq + 1;
	s->label = strndup(arg, (size_t)(eq - arg));
	s->h = malloc(cap * sizeof(*s->h));
	s->r = malloc(cap * sizeof(*s->r));
	f = fopen(path, "r");
	if (!f)
		irq_die("%s: %s", path, strerror(errno));
	while (s->label && s->h && s->r && fgets(line, sizeof(line), f)) {
		c = 0;
		if (sscanf(line, "%llu %llu %llu", &a, &b, &c) < 2)
			irq_die("%s: not a sample: %s", path, line);
		if (s->n == cap) {
			cap *= 2;
			s->h = realloc(s->h, cap * sizeof(*s->h));
			s->r = realloc(s->r, cap * sizeof(*s->r));
			if (!s->h || !s->r)
				break;
		}
		s->h[s->n] = a;
		s->r[s->n] = b;
		csw += (double)c;
		s->n++;
	}
	if (!s->label || !s->h || !s->r)
		irq_die("out of memory");
	fclose(f);
	if (!s->n)
		irq_die("%s holds no samples", path);
	s->csw = csw / (double)s->n;
	qsort(s->h, s->n, sizeof(*s->h), irq_cmp_u64);
	qsort(s->r, s->n, sizeof(*s->r), irq_cmp_u64);
}

static struct series *find(struct series *s, int n, const char *label,
                           size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(s[i].label) == len &&
		    strncmp(s[i].label, label, len) == 0)
			return &s[i];
	irq_die("report: -r names an unknown label '%.*s'", (int)len, label);
	return NULL;
}

/* Prints ratio @spec ("A/B") of series A to B, for people or as BENCH. */
static void ratio(struct series *s, int ns, const char *title, const char *spec,
                  int bench)
{
	const char *slash = strchr(spec, '/');
	struct stats ah, ar, bh, br;
	struct series *a, *b;

	if (!slash)
		irq_die("report: want -r LABEL/LABEL, got '%s'", spec);
	a = find(s, ns, spec, (size_t)(slash - spec));
	b = find(s, ns, slash + 1, strlen(slash + 1));
	ah = stats_of(a->h, a->n);
	ar = stats_of(a->r, a->n);
	bh = stats_of(b->h, b->n);
	br = stats_of(b->r, b->n);
	if (bench)
		printf("BENCH name=%s ratio=%s/%s handler_median=%.3f "
		       "handler_p99=%.3f rt_median=%.3f rt_p99=%.3f\n",
		       title, a->label, b->label, ah.median / bh.median,
		       ah.p99 / bh.p99, ar.median / br.median, ar.p99 / br.p99);
	else
		printf("ratio %s/%s: handler median %.2f, p99 %.2f; round "
		       "trip median %.2f, p99 %.2f\n",
		       a->label, b->label, ah.median / bh.median,
		       ah.p99 / bh.p99, ar.median / br.median, ar.p99 / br.p99);
}

static int report(int argc, char **argv)
{
	struct series s[MAX_SERIES] = {{0}};
	const char *ratios[MAX_SERIES];
	const char *title = "irq";
	unsigned long expect = 0;
	int ns = 0, nr = 0, bad = 0, i, c;

	while ((c = getopt(argc, argv, "e:t:r:")) != -1) {
		switch (c) {
		case 'e':
			expect = strtoul(optarg, NULL, 0);
			break;
		case 't':
			title = optarg;
			break;
		case 'r':
			if (nr == MAX_SERIES)
				irq_die("report: too many -r");
			ratios[nr++] = optarg;
			break;
		default:
			return 2;
		}
	}
	for (i = optind; i < argc; i++) {
		if (ns == MAX_SERIES)
			irq_die("report: at most %d series", MAX_SERIES);
		load(&s[ns++], argv[i]);
	}
	if (!ns)
		irq_die(
		    "usage: irq_native report [-e N] [-t TITLE] LABEL=FILE... "
		    "[-r LABEL/LABEL]...");

	printf("\n%s: interrupt latency, microseconds (guest clock)\n", title);
	printf("%-15s %5s | %-39s | %-39s |\n", "", "", "raise -> handler runs",
	       "raise -> waiting thread continues");
	printf("%-15s %5s | %7s %7s %7s %7s %7s | %7s %7s %7s %7s %7s | %s\n",
	       "variant", "n", "median", "p90", "p99", "min", "max", "median",
	       "p90", "p99", "min", "max", "csw");
	for (i = 0; i < ns; i++) {
		struct stats h = stats_of(s[i].h, s[i].n);
		struct stats r = stats_of(s[i].r, s[i].n);

		printf("%-15s %5zu | %7.1f %7.1f %7.1f %7.1f %7.1f | %7.1f "
		       "%7.1f %7.1f %7.1f %7.1f | %.2f\n",
		       s[i].label, s[i].n, h.median, h.p90, h.p99, h.min, h.max,
		       r.median, r.p90, r.p99, r.min, r.max, s[i].csw);
		if (expect && s[i].n != expect) {
			printf("%s: %zu samples, want %lu\n", s[i].label,
			       s[i].n, expect);
			bad = 1;
		}
	}
	printf("(csw: mean context switches of the whole process from the "
	       "raise until the waiting thread continued)\n");
	for (i = 0; i < nr; i++)
		ratio(s, ns, title, ratios[i], 0);
	for (i = 0; i < ns; i++) {
		struct stats h = stats_of(s[i].h, s[i].n);
		struct stats r = stats_of(s[i].r, s[i].n);

		printf("BENCH name=%s variant=%s unit=us samples=%zu "
		       "handler_median=%.2f handler_p90=%.2f "
		       "handler_p99=%.2f handler_min=%.2f handler_max=%.2f "
		       "rt_median=%.2f rt_p90=%.2f rt_p99=%.2f rt_min=%.2f "
		       "rt_max=%.2f csw=%.2f\n",
		       title, s[i].label, s[i].n, h.median, h.p90, h.p99, h.min,
		       h.max, r.median, r.p90, r.p99, r.min, r.max, s[i].csw);
	}
	for (i = 0; i < nr; i++)
		ratio(s, ns, title, ratios[i], 1);
	for (i = 0; i < ns; i++) {
		free((void *)s[i].label);
		free(s[i].h);
		free(s[i].r);
	}
	return bad;
}

int main(int argc, char **argv)
{
	irq_set_program("irq_native");
	if (argc < 2)
		irq_die(
		    "usage: irq_native uio|vfio-intx|vfio-msi <bdf> [options] "
		    "| report ...");
	/* getopt then starts at the subcommand's own arguments */
	if (strcmp(argv[1], "report") == 0)
		return report(argc - 1, argv + 1);
	if (strcmp(argv[1], "uio") == 0)
		return run(MODE_UIO, argc - 1, argv + 1);
	if (strcmp(argv[1], "vfio-intx") == 0)
		return run(MODE_VFIO_INTX, argc - 1, argv + 1);
	if (strcmp(argv[1], "vfio-msi") == 0)
		return run(MODE_VFIO_MSI, argc - 1, argv + 1);
	irq_die("unknown mode '%s' (uio, vfio-intx, vfio-msi, report)",
	        argv[1]);
	return 2;
}
