/*
 * linux26_xmit.c — frames per second through the Linux 2.6 emulation's
 * send path, against a driver written directly on DDEKit, both driving the
 * same mock 82540EM (tests/mock, machine "nic") in one run.
 *
 *   emulation: dde_linux26_net_xmit() -> sk_buff -> the e1000 driver's
 *              hard_start_xmit (dma_map_single per frame, descriptor, TDT)
 *              -> completion by interrupt, NAPI poll, unmap, kfree_skb;
 *   baseline "prealloc": a minimal DDEKit-only transmitter: the frame is
 *              copied into a preallocated DMA buffer per descriptor, TDT
 *              written, done descriptors reclaimed by polling their DD bits
 *              when the ring fills (the cheapest native design, as in ixy);
 *   baseline "map":  the same, but with the driver's DMA design: each frame
 *              is copied into a buffer from a DDEKit slab and mapped with
 *              ddekit_dma_map(), unmapped and freed when reclaimed.
 *
 * All copy every frame once and drain the mock's wire (every transmitted
 * frame is taken and counted). Against "map" the difference is the
 * emulation proper (sk_buff, locks, bottom halves, completion by interrupt
 * thread and NAPI softirq); against "prealloc" it also includes streaming
 * DMA mappings, which the mock's simulated IOMMU makes cost an address
 * allocation each. The mock's register accesses are function calls, much
 * cheaper than a real NIC's MMIO, so the ratios overstate the overhead.
 *
 * usage: bench_linux26_xmit [-n frames] [-r repetitions]
 */
#include <ddekit/ddekit.h>
#include <ddekit/dma.h>
#include <ddekit/initcall.h>
#include <ddekit/memory.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>
#include <ddekit/thread.h>

#include <dde_linux26.h>
#include <dde_linux26_net.h>

#include "mock.h"
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* 8254x registers and bits (SDM sections 13.4.x and 3.3.3). */
#define REG_CTRL     0x0000
#define REG_TCTL     0x0400
#define REG_TIPG     0x0410
#define REG_TDBAL    0x3800
#define REG_TDBAH    0x3804
#define REG_TDLEN    0x3808
#define REG_TDH      0x3810
#define REG_TDT      0x3818
#define CTRL_RST     (1u << 26)
#define TCTL_EN      (1u << 1)
#define TCTL_PSP     (1u << 3)
#define TXD_CMD_EOP  0x01
#define TXD_CMD_IFCS 0x02
#define TXD_CMD_RS   0x08
#define TXD_STAT_DD  0x01

#define RING 256
#define BUF  2048

struct tx_desc {
	uint64_t addr;
	uint16_t length;
	uint8_t cso, cmd, status, css;
	uint16_t special;
};

static unsigned char frame[1514];
static unsigned char wire[2048];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long csw(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_nvcsw + ru.ru_nivcsw;
}

/* Takes every frame the mock NIC put on the wire; returns how many. */
static unsigned long drain(void)
{
	unsigned long n = 0;

	while (mock_e1000_tx_frame(wire, sizeof(wire)) >= 0)
		n++;
	return n;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_linux26_xmit: %s\n", what);
	exit(1);
}

/* ---- baseline: a transmitter on DDEKit alone ---------------------------- */

struct native {
	int map; /* per-frame ddekit_dma_map() instead of fixed buffers */
	struct ddekit_slab *slab;
	void *mapped[RING];
	volatile unsigned char *regs;
	unsigned long bar, bar_len;
	struct tx_desc *ring;
	ddekit_dma_addr_t ring_bus, buf_bus;
	unsigned char *buf;
	unsigned next, clean;
};

static void wr(struct native *n, unsigned reg, uint32_t v)
{
	ddekit_mmio_write32(n->regs + reg, v);
}

static uint32_t rd(struct native *n, unsigned reg)
{
	return ddekit_mmio_read32(n->regs + reg);
}

static void native_open(struct native *n)
{
	struct ddekit_pci_dev *dev =
	    ddekit_pci_find_device_by_id(0x8086, 0x100e, NULL);
	ddekit_pci_res_t *bar0;
	ddekit_addr_t va;

	if (!dev || ddekit_pci_enable_device(dev) != 0)
		die("no 82540EM on the mock machine");
	ddekit_pci_set_master(dev);
	bar0 = ddekit_pci_get_resource(dev, 0);
	n->bar = bar0->start;
	n->bar_len = bar0->end - bar0->start + 1;
	if (ddekit_request_mem(n->bar, n->bar_len, &va) != 0)
		die("BAR0 busy");
	n->regs = (volatile unsigned char *)va;
	wr(n, REG_CTRL, CTRL_RST);
	while (rd(n, REG_CTRL) & CTRL_RST)
		;
	n->ring = ddekit_dma_alloc(RING * sizeof(*n->ring), 128, 0xffffffffu,
	                           &n->ring_bus);
	n->buf = ddekit_dma_alloc(RING * BUF, 4096, 0xffffffffu, &n->buf_bus);
	n->slab = ddekit_slab_init(BUF, 0);
	if (!n->ring || !n->buf || !n->slab)
		die("no DMA memory");
	memset(n->ring, 0, RING * sizeof(*n->ring));
	wr(n, REG_TDBAL, (uint32_t)n->ring_bus);
	wr(n, REG_TDBAH, (uint32_t)((uint64_t)n->ring_bus >> 32));
	wr(n, REG_TDLEN, RING * sizeof(*n->ring));
	wr(n, REG_TDH, 0);
	wr(n, REG_TDT, 0);
	wr(n, REG_TIPG, 10 | 8 << 10 | 6 << 20);
	wr(n, REG_TCTL, TCTL_EN | TCTL_PSP | 0x0f << 4 | 0x40 << 12);
	n->next = n->clean = 0;
}

static void native_close(struct native *n)
{
	wr(n, REG_TCTL, 0);
	wr(n, REG_CTRL, CTRL_RST);
	ddekit_dma_free(n->ring);
	ddekit_dma_free(n->buf);
	ddekit_slab_destroy(n->slab);
	ddekit_release_mem(n->bar, n->bar_len);
}

/* Reclaims the oldest descriptor once the NIC is done with it. */
static void native_reclaim_one(struct native *n)
{
	while (!(__atomic_load_n(&n->ring[n->clean].status, __ATOMIC_ACQUIRE) &
	         TXD_STAT_DD))
		ddekit_yield();
	if (n->map) {
		ddekit_dma_unmap(n->ring[n->clean].addr,
		                 n->ring[n->clean].length,
		                 DDEKIT_DMA_TO_DEVICE);
		ddekit_slab_free(n->slab, n->mapped[n->clean]);
	}
	n->clean = (n->clean + 1) % RING;
}

static void native_xmit(struct native *n, const void *f, size_t len)
{
	struct tx_desc *d;

	/* One slot stays empty: head == tail means the ring is idle. */
	while ((n->next + 1) % RING == n->clean)
		native_reclaim_one(n);
	d = &n->ring[n->next];
	if (n->map) {
		ddekit_dma_addr_t bus;
		void *b = ddekit_slab_alloc(n->slab);

		if (!b)
			die("slab exhausted");
		memcpy(b, f, len);
		if (ddekit_dma_map(b, len, DDEKIT_DMA_TO_DEVICE, &bus) != 0)
			die("ddekit_dma_map failed");
		n->mapped[n->next] = b;
		d->addr = bus;
	} else {
		memcpy(n->buf + (size_t)n->next * BUF, f, len);
		d->addr = n->buf_bus + (uint64_t)n->next * BUF;
	}
	d->length = (uint16_t)len;
	d->cmd = TXD_CMD_EOP | TXD_CMD_IFCS | TXD_CMD_RS;
	d->status = 0;
	n->next = (n->next + 1) % RING;
	wr(n, REG_TDT, n->next);
}

/* ---- one measurement ---------------------------------------------------- */

struct result {
	double fps, us;
	double csw_per_frame;
	unsigned long busy;
};

static struct result run_native(struct native *n, unsigned long frames,
                                size_t len)
{
	struct result r = {0};
	unsigned long i, seen = 0;
	long c0 = csw();
	double t0 = now_s(), t;

	for (i = 0; i < frames; i++) {
		native_xmit(n, frame, len);
		seen += drain();
	}
	while (n->clean != n->next)
		native_reclaim_one(n);
	seen += drain();
	t = now_s() - t0;
	if (seen != frames)
		die("baseline: frames went missing on the wire");
	r.fps = frames / t;
	r.us = t * 1e6 / frames;
	r.csw_per_frame = (double)(csw() - c0) / frames;
	return r;
}

static struct result run_emulation(struct net_device *dev, unsigned long frames,
                                   size_t len)
{
	struct result r = {0};
	unsigned long i, seen = 0;
	long c0 = csw();
	double t0 = now_s(), t;
	int e;

	for (i = 0; i < frames; i++) {
		while ((e = dde_linux26_net_xmit(dev, frame, len)) == -16) {
			r.busy++; /* queue stopped until NAPI cleans the ring */
			ddekit_yield();
		}
		if (e != 0)
			die("dde_linux26_net_xmit failed");
		seen += drain();
	}
	/* The last completions arrive by interrupt. */
	for (i = 0; seen < frames && i < 100000; i++) {
		seen += drain();
		ddekit_yield();
	}
	t = now_s() - t0;
	if (seen != frames)
		die("emulation: frames went missing on the wire");
	r.fps = frames / t;
	r.us = t * 1e6 / frames;
	r.csw_per_frame = (double)(csw() - c0) / frames;
	return r;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = {60, 590, 1514};
	unsigned long frames = 100000;
	struct result nat[3][16], map[3][16], emu[3][16];
	struct native n;
	struct net_device *dev;
	int reps = 5, opt, i;
	unsigned s;

	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		if (opt == 'n')
			frames = strtoul(optarg, NULL, 10);
		else if (opt == 'r')
			reps = atoi(optarg);
		else
			die("usage: bench_linux26_xmit [-n frames] [-r reps]");
	}
	if (frames == 0 || reps < 1 || reps > 16)
		die("-n must be > 0 and -r 1..16");
	setenv("LIBDDE_MOCK_MACHINES", LIBDDE_MOCK_MACHINES_DIR, 0);
	if (mock_machine_load("nic") != 0 || ddekit_init_checked() != 0)
		die("cannot start the mock machine \"nic\"");
	memset(frame, 0xff, 6);
	memcpy(frame + 6, "\x52\x54\x00\x12\x34\x56\x08\x00", 8);
	for (i = 14; i < (int)sizeof(frame); i++)
		frame[i] = (unsigned char)i;

	/* The baseline owns the NIC first, then hands it to the driver. */
	native_open(&n);
	run_native(&n, frames / 10, 60); /* warm-up */
	for (s = 0; s < 3; s++)
		for (i = 0; i < reps; i++) {
			n.map = 0;
			nat[s][i] = run_native(&n, frames, sizes[s]);
			n.map = 1;
			map[s][i] = run_native(&n, frames, sizes[s]);
		}
	native_close(&n);

	if (dde_linux26_init() != 0)
		die("dde_linux26_init failed");
	ddekit_do_initcalls(); /* the e1000 driver probes the mock NIC */
	dev = dde_linux26_net_find("eth0");
	if (!dev || dde_linux26_net_open("eth0") != 0)
		die("the e1000 driver did not bring up eth0");
	run_emulation(dev, frames / 10, 60);
	for (s = 0; s < 3; s++)
		for (i = 0; i < reps; i++)
			emu[s][i] = run_emulation(dev, frames, sizes[s]);
	dde_linux26_net_close("eth0");
	dde_linux26_exit();
	ddekit_deinit();

	printf("linux26_xmit: %lu frames per run, %d runs per size; "
	       "frames/s (us/frame, context switches/frame)\n",
	       frames, reps);
	printf("%-5s %-26s %-26s %-36s %s\n", "bytes", "baseline prealloc",
	       "baseline map", "dde_linux26 + e1000 driver",
	       "ratio prealloc/emu map/emu");
	for (s = 0; s < 3; s++) {
		for (i = 0; i < reps; i++) {
			char a[64], b[64], c[64];

			snprintf(a, sizeof(a), "%8.0f (%5.2f, %.2f)",
			         nat[s][i].fps, nat[s][i].us,
			         nat[s][i].csw_per_frame);
			snprintf(b, sizeof(b), "%8.0f (%5.2f, %.2f)",
			         map[s][i].fps, map[s][i].us,
			         map[s][i].csw_per_frame);
			snprintf(c, sizeof(c), "%8.0f (%5.2f, %.2f) busy %lu",
			         emu[s][i].fps, emu[s][i].us,
			         emu[s][i].csw_per_frame, emu[s][i].busy);
			printf("%-5zu %-26s %-26s %-36s %6.2f %6.2f\n",
			       sizes[s], a, b, c, nat[s][i].fps / emu[s][i].fps,
			       map[s][i].fps / emu[s][i].fps);
		}
	}
	return 0;
}
