/*
 * main_baremetal.c — dsweeper as a bare-metal image (backends/baremetal):
 * the driver server of issue 7 with nothing beneath it. The command line
 * is the Multiboot one (qemu -append "..."); the FreeBSD ATA driver on
 * lib/dde_fbsd finds the PC's IDE disks and announces them to bddf, then
 * the front end runs as on Linux.
 *
 * What differs from main.c: output is the console (both streams, no
 * terminal: progress as plain lines), nobody can answer the confirmation
 * (so --write needs --yes), and the seed comes from RDRAND when the CPU
 * has it, else from RDTSC jitter; the run says which. The exit code is
 * printed ("dsweeper: exit code N"): QEMU's own status can only say
 * success (0) or failure.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>

#include "baremetal.h"
#include "bddf.h"
#include "dde_fbsd.h"
#include "dsweeper.h"
#include "exitcodes.h"
#include "options.h"

#define RDRAND_RETRIES 10

static bool cpu_has_rdrand(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c >> 30 & 1; /* CPUID.01H:ECX.RDRAND */
}

static int rdrand64(uint64_t *out)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		uint8_t ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok));
		if (ok)
			return 0;
	}
	return -1;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/*
 * Without RDRAND: 64 bits from the timing noise of many short, uneven
 * loops. Every TSC delta is folded into the state with a multiply-xorshift
 * mixer (the finaliser of splitmix64), so each reading's low bits spread
 * over the whole word.
 */
static uint64_t jitter64(void)
{
	uint64_t s = rdtsc();

	for (int i = 0; i < 256; i++) {
		uint64_t t0 = rdtsc();
		volatile uint64_t spin = s;

		for (unsigned k = 0; k < (unsigned)(s & 63) + 16; k++)
			spin = spin * 6364136223846793005ull + k;
		s ^= rdtsc() - t0 + spin;
		s ^= s >> 30;
		s *= 0xbf58476d1ce4e5b9ull;
		s ^= s >> 27;
		s *= 0x94d049bb133111ebull;
		s ^= s >> 31;
	}
	return s;
}

static int entropy(void *ctx, void *buf, size_t len)
{
	bool rdrand = *(bool *)ctx;
	uint8_t *p = buf;

	while (len) {
		uint64_t v;
		size_t n = len < sizeof(v) ? len : sizeof(v);

		if (!rdrand)
			v = jitter64();
		else if (rdrand64(&v) < 0)
			return -1;
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	return 0;
}

/* What the disks' interrupts did: IRQ 14 on the primary channel (the
 * hardware description's first legacy IDE channel), where both disks
 * are. */
static void report_channel_irq(void)
{
	struct baremetal_isa_device ide;

	if (baremetal_isa_device("libdde,legacy-ide", 0, &ide) < 0 ||
	    ide.irq < 0)
		return;
	printf("%s: IRQ %d delivered %lu interrupts\n", ide.name, ide.irq,
	       baremetal_irq_line_count((unsigned)ide.irq));
}

/* Every host object gone after the teardown; says so either way. */
static bool teardown_clean(int deinit)
{
	struct baremetal_counts left;

	/* Threads that signalled their end may still be leaving. */
	baremetal_wait_threads(1000);
	baremetal_counts(&left);
	if (deinit < 0 || left.threads || left.mutexes || left.events ||
	    left.irqs || left.dma_maps) {
		printf("teardown: ddekit_deinit %d, still alive: %ld threads, "
		       "%ld mutexes, %ld events, %ld irq sources, %ld DMA "
		       "mappings\n",
		       deinit, left.threads, left.mutexes, left.events,
		       left.irqs, left.dma_maps);
		return false;
	}
	printf("teardown: clean (ddekit_deinit ok, no host objects alive)\n");
	return true;
}

static int run(int argc, char **argv, bool rdrand)
{
	struct dsweeper_io io = {
	    .out = stdout,
	    .err = stderr,
	    .interactive = false,
	    .progress_tty = false,
	    .entropy = entropy,
	    .ctx = &rdrand,
	    .no_disks_hint = "no disk on the PC's IDE channels (qemu -drive "
	                     "...,if=ide)",
	};
	int r, code = DSW_EXIT_FAILURE;

	r = bddf_init();
	if (r < 0) {
		fprintf(stderr, "dsweeper: bddf: %s\n", ddekit_strerror(r));
		return code;
	}
	r = dde_fbsd_init();
	if (r < 0) {
		fprintf(stderr, "dsweeper: FreeBSD emulation: %s\n",
		        ddekit_strerror(r));
		goto bddf;
	}
	if (dde_fbsd_disks_settle() >= 0)
		code = dsweeper_run(argc, argv, &io);
	dde_fbsd_exit();
bddf:
	bddf_exit();
	return code;
}

int main(int argc, char **argv)
{
	bool rdrand = cpu_has_rdrand(), clean;
	struct dsw_options o;
	int r, code;

	/* report.c and progress.c print rates with %f: SSE, this thread. */
	if (baremetal_fpu_claim() < 0)
		return 1;
	printf("dsweeper: seed entropy from %s\n",
	       rdrand ? "RDRAND" : "RDTSC jitter (this CPU has no RDRAND)");
	if (dsw_parse(argc, argv, &o, stderr) < 0) {
		code = DSW_EXIT_USAGE;
		goto out;
	}
	if (o.help) {
		dsw_usage(stdout);
		code = DSW_EXIT_OK;
		goto out;
	}
	r = ddekit_init_checked();
	if (r < 0) {
		fprintf(stderr, "dsweeper: DDEKit: %s\n", ddekit_strerror(r));
		code = DSW_EXIT_FAILURE;
		goto out;
	}
	code = run(argc, argv, rdrand);
	report_channel_irq();
	clean = teardown_clean(ddekit_deinit());
	if (!clean && code == DSW_EXIT_OK)
		code = DSW_EXIT_FAILURE;
out:
	printf("dsweeper: exit code %d\n", code);
	fflush(stdout);
	return code;
}
