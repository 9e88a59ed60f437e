/*
 * test_mock_machine.c — the mock machine, driven through host.h directly.
 *
 * These tests pin down the simulated hardware the rest of the unit tests
 * rely on: enumeration and configuration space, decode bits, the edu model
 * and its DMA engine, simulated IOMMU addresses, allocation constraints,
 * interrupt semantics, ports, the trace and leak accounting. They call no
 * ddekit_* function other than the host interface.
 */
#include "fixture.h"
#include "mock.h"
#include "model.h"

#include <ddekit/host.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <libfdt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EDU_BAR0     0xfea00000u
#define EDU_BAR_SIZE 0x100000u
#define EDU_LINE     11u
#define SCRATCH_PORT 0xc000u
#define SCRATCH_LINE 10u
#define UART_PORT    0x3f8u
#define PAGE         DDEKIT_HOST_PAGE_SIZE

static struct ddekit_host_pci_fn fns[8];
static unsigned nfns;

/* ---- fixtures ------------------------------------------------------------ */

static int start_machine(const char *name)
{
	if (mock_machine_load(name) != 0)
		return -1;
	if (ddekit_host_init(DDEKIT_HOST_VERSION) != 0)
		return -1;
	if (ddekit_host_pci_enumerate(fns, 8, &nfns) != 0)
		return -1;
	return 0;
}

static int setup_pc(void **state)
{
	(void)state;
	return start_machine("pc");
}

static int setup_shared(void **state)
{
	(void)state;
	return start_machine("shared-irq");
}

static int teardown(void **state)
{
	(void)state;
	ddekit_host_fini();
	fixture_expect_clean();
	mock_machine_unload();
	return 0;
}

/* A test that manages the machine itself still must not leak. */
static int teardown_unloaded(void **state)
{
	(void)state;
	mock_machine_unload();
	return 0;
}

static const struct ddekit_host_pci_fn *edu(void)
{
	return &fns[0];
}

static const struct ddekit_host_pci_fn *scratch(unsigned i)
{
	return &fns[1 + i];
}

static uint32_t cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                         unsigned width)
{
	uint32_t v = 0;

	assert_int_equal(ddekit_host_pci_cfg_read(fn, off, width, &v), 0);
	return v;
}

static void cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                      unsigned width, uint32_t v)
{
	assert_int_equal(ddekit_host_pci_cfg_write(fn, off, width, v), 0);
}

static void set_master(const struct ddekit_host_pci_fn *fn, int on)
{
	uint32_t cmd = cfg_read(fn, 0x04, 2);

	cfg_write(fn, 0x04, 2, on ? cmd | 0x4 : cmd & ~0x4u);
}

/* edu with decoding and bus mastering on, BAR0 mapped. */
static volatile uint8_t *edu_open(void)
{
	void *regs = NULL;

	assert_int_equal(ddekit_host_pci_enable(edu()), 0);
	set_master(edu(), 1);
	assert_int_equal(ddekit_host_mmio_map(EDU_BAR0, EDU_BAR_SIZE, &regs),
	                 0);
	return regs;
}

static void edu_close(volatile uint8_t *regs)
{
	ddekit_host_mmio_unmap((void *)(uintptr_t)regs, EDU_BAR_SIZE);
}

static uint64_t rd(volatile uint8_t *regs, unsigned off, unsigned width)
{
	return ddekit_host_mmio_read(regs + off, width);
}

static void wr(volatile uint8_t *regs, unsigned off, unsigned width, uint64_t v)
{
	ddekit_host_mmio_write(regs + off, width, v);
}

struct dma_buf {
	void *virt;
	uint64_t phys, bus;
	size_t size;
};

static void dma_alloc(struct dma_buf *b, size_t size)
{
	struct ddekit_host_mem_req req = {
	    .size = size,
	    .bus_high = UINT64_MAX,
	    .flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG,
	};

	b->size = size;
	assert_int_equal(
	    ddekit_host_mem_alloc(&req, &b->virt, &b->phys, &b->bus), 0);
}

static void dma_free(struct dma_buf *b)
{
	ddekit_host_mem_free(b->virt, b->size);
}

/* Runs one edu DMA transfer of @cnt bytes; @to_ram picks the direction. */
static void edu_dma(volatile uint8_t *regs, uint64_t ram, uint64_t buf_off,
                    uint64_t cnt, int to_ram, int irq)
{
	wr(regs, 0x80, 8, to_ram ? 0x40000 + buf_off : ram);
	wr(regs, 0x88, 8, to_ram ? ram : 0x40000 + buf_off);
	wr(regs, 0x90, 8, cnt);
	wr(regs, 0x98, 8, 0x1 | (to_ram ? 0x2 : 0) | (irq ? 0x4 : 0));
}

/* ---- interrupt helpers -------------------------------------------------- */

struct waiter {
	struct ddekit_host_irq *irq;
	pthread_t thread;
	volatile int started;
	int rc;
};

static void *wait_thread(void *p)
{
	struct waiter *w = p;

	__atomic_store_n(&w->started, 1, __ATOMIC_SEQ_CST);
	w->rc = ddekit_host_irq_wait(w->irq);
	return NULL;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

static void waiter_start(struct waiter *w, struct ddekit_host_irq *irq)
{
	w->irq = irq;
	w->started = 0;
	assert_int_equal(pthread_create(&w->thread, NULL, wait_thread, w), 0);
	while (!__atomic_load_n(&w->started, __ATOMIC_SEQ_CST))
		sleep_ms(1);
	sleep_ms(20); /* let it block in the wait */
}

static int waiter_join(struct waiter *w)
{
	pthread_join(w->thread, NULL);
	return w->rc;
}

/* What a wait returns when nothing arrives within 100 ms: the wait is then
 * cancelled, so -DDEKIT_ECANCELED means "no interrupt". */
static int wait_briefly(struct ddekit_host_irq *irq)
{
	struct waiter w;

	waiter_start(&w, irq);
	sleep_ms(100);
	ddekit_host_irq_cancel(irq);
	return waiter_join(&w);
}

/* ---- stderr capture for loader messages --------------------------------- */

struct stderr_capture {
	int saved;
	FILE *tmp;
	char text[1024];
};

static void stderr_capture_begin(struct stderr_capture *c)
{
	fflush(stderr);
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	c->saved = dup(STDERR_FILENO);
	dup2(fileno(c->tmp), STDERR_FILENO);
}

static const char *stderr_capture_end(struct stderr_capture *c)
{
	size_t n;

	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->tmp);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->tmp);
	c->text[n] = '\0';
	fclose(c->tmp);
	return c->text;
}

/* A .dtb with the given root compatible and, optionally, one ISA device. */
static void write_tree(char *path, const char *root, const char *isa_compat)
{
	char fdt[1024];
	fdt32_t reg[2] = {cpu_to_fdt32(0x300), cpu_to_fdt32(4)};
	FILE *f;
	int fd;

	assert_int_equal(fdt_create(fdt, sizeof(fdt)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", root), 0);
	if (isa_compat) {
		assert_int_equal(fdt_begin_node(fdt, "isa"), 0);
		assert_int_equal(fdt_begin_node(fdt, "thing"), 0);
		assert_int_equal(
		    fdt_property_string(fdt, "compatible", isa_compat), 0);
		assert_int_equal(fdt_property(fdt, "reg", reg, sizeof(reg)), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);

	strcpy(path, "/tmp/mock_machine_XXXXXX.dtb");
	fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(fdt, 1, fdt_totalsize(fdt), f),
	                 fdt_totalsize(fdt));
	fclose(f);
}

/* Loads the tree in file @path with stderr kept in @c, then deletes it. */
static int load_tree_file(const char *path, struct stderr_capture *c)
{
	int rc;

	stderr_capture_begin(c);
	rc = mock_machine_load(path);
	stderr_capture_end(c);
	unlink(path);
	return rc;
}

/* ======================================================================== */
/* Machine loading                                                           */

static void test_pc_enumerates_edu_and_scratch_in_bdf_order(void **state)
{
	(void)state;
	assert_int_equal(nfns, 2);
	assert_int_equal(fns[0].vendor, 0x1234);
	assert_int_equal(fns[0].device, 0x11e8);
	assert_int_equal(fns[0].dev, 4);
	assert_int_equal(fns[0].subvendor, 0x1af4);
	assert_int_equal(fns[0].subdevice, 0x1100);
	assert_int_equal(fns[0].class_code, 0x00ff00);
	assert_int_equal(fns[0].revision, 0x10);
	assert_int_equal(fns[0].irq_line, 11);
	assert_int_equal(fns[0].irq_pin, 1);
	assert_int_equal(fns[0].bar[0].base, EDU_BAR0);
	assert_int_equal(fns[0].bar[0].size, EDU_BAR_SIZE);
	assert_int_equal(fns[0].bar[0].flags, 0);
	assert_int_equal(fns[1].vendor, 0x1b36);
	assert_int_equal(fns[1].device, 0x0099);
	assert_int_equal(fns[1].dev, 5);
	assert_int_equal(fns[1].bar[0].base, SCRATCH_PORT);
	assert_int_equal(fns[1].bar[0].size, 32);
	assert_int_equal(fns[1].bar[0].flags, DDEKIT_HOST_BAR_IO);
	assert_int_equal(fns[1].bar[1].size, 0);
}

static void test_enumerate_with_max_zero_only_counts(void **state)
{
	unsigned count = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(NULL, 0, &count), 0);
	assert_int_equal(count, 2);
}

static void test_enumerate_fills_at_most_max_records(void **state)
{
	struct ddekit_host_pci_fn one[2];
	unsigned count = 0;

	(void)state;
	memset(one, 0xaa, sizeof(one));
	assert_int_equal(ddekit_host_pci_enumerate(one, 1, &count), 0);
	assert_int_equal(count, 2);
	assert_int_equal(one[0].device, 0x11e8);
	assert_int_equal(one[1].vendor, 0xaaaa);
}

static void test_empty_machine_has_no_pci_functions(void **state)
{
	unsigned count = 99;

	(void)state;
	assert_int_equal(mock_machine_load("empty"), 0);
	assert_int_equal(ddekit_host_pci_enumerate(NULL, 0, &count), 0);
	assert_int_equal(count, 0);
}

static void test_load_of_missing_machine_fails_with_message(void **state)
{
	struct stderr_capture c;
	int rc;

	(void)state;
	stderr_capture_begin(&c);
	rc = mock_machine_load("no-such-machine");
	assert_int_equal(rc, -DDEKIT_ENOENT);
	assert_non_null(strstr(stderr_capture_end(&c), "no-such-machine"));
}

static void test_load_of_malformed_dtb_fails_with_message(void **state)
{
	char path[] = "/tmp/mock_garbage_XXXXXX.dtb";
	struct stderr_capture c;
	int fd = mkstemps(path, 4);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "this is not a device tree", 25), 25);
	close(fd);
	assert_int_equal(load_tree_file(path, &c), -DDEKIT_EINVAL);
	assert_non_null(strstr(c.text, "not a valid"));
}

static void test_load_of_unknown_compatible_names_it(void **state)
{
	struct stderr_capture c;
	char path[64];

	(void)state;
	write_tree(path, "libdde,mock-machine", "acme,flux-capacitor");
	assert_int_equal(load_tree_file(path, &c), -DDEKIT_ENODEV);
	assert_non_null(strstr(c.text, "acme,flux-capacitor"));
}

static void test_load_of_tree_for_another_machine_fails(void **state)
{
	struct stderr_capture c;
	char path[64];

	(void)state;
	write_tree(path, "acme,toaster", NULL);
	assert_int_equal(load_tree_file(path, &c), -DDEKIT_EINVAL);
	assert_non_null(strstr(c.text, "libdde,mock-machine"));
}

static void test_host_init_without_machine_fails(void **state)
{
	(void)state;
	mock_console_capture(1);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), -DDEKIT_ENODEV);
	assert_non_null(strstr(mock_console_text(), "mock_machine_load"));
	mock_console_capture(0);
}

static void test_host_init_refuses_another_major_version(void **state)
{
	(void)state;
	assert_int_equal(mock_machine_load("pc"), 0);
	mock_console_capture(1);
	assert_int_equal(
	    ddekit_host_init((DDEKIT_HOST_VERSION_MAJOR + 1) << 16),
	    -DDEKIT_EPROTO);
	assert_true(strlen(mock_console_text()) > 0);
	mock_console_capture(0);
}

/* ======================================================================== */
/* Configuration space                                                       */

static void test_cfg_header_carries_ids_class_and_interrupt(void **state)
{
	(void)state;
	assert_int_equal(cfg_read(edu(), 0x00, 4), 0x11e81234);
	assert_int_equal(cfg_read(edu(), 0x08, 4), 0x00ff0010);
	assert_int_equal(cfg_read(edu(), 0x0e, 1), 0x00);
	assert_int_equal(cfg_read(edu(), 0x2c, 4), 0x11001af4);
	assert_int_equal(cfg_read(edu(), 0x3c, 1), 11);
	assert_int_equal(cfg_read(edu(), 0x3d, 1), 1);
	assert_int_equal(cfg_read(edu(), 0x10, 4), EDU_BAR0);
	assert_int_equal(cfg_read(scratch(0), 0x10, 4), SCRATCH_PORT | 0x1);
}

static void test_cfg_bar_sizing_reads_back_the_size_mask(void **state)
{
	(void)state;
	cfg_write(edu(), 0x10, 4, 0xffffffff);
	assert_int_equal(cfg_read(edu(), 0x10, 4), 0xfff00000);
	cfg_write(edu(), 0x10, 4, EDU_BAR0);
	assert_int_equal(cfg_read(edu(), 0x10, 4), EDU_BAR0);

	cfg_write(scratch(0), 0x10, 4, 0xffffffff);
	assert_int_equal(cfg_read(scratch(0), 0x10, 4), 0xffffffe1);
	cfg_write(scratch(0), 0x10, 4, SCRATCH_PORT);
	assert_int_equal(cfg_read(scratch(0), 0x10, 4), SCRATCH_PORT | 0x1);
}

static void test_cfg_unused_bar_reads_zero_even_after_sizing(void **state)
{
	(void)state;
	cfg_write(edu(), 0x14, 4, 0xffffffff);
	assert_int_equal(cfg_read(edu(), 0x14, 4), 0);
	cfg_write(edu(), 0x30, 4, 0xffffffff); /* no expansion ROM */
	assert_int_equal(cfg_read(edu(), 0x30, 4), 0);
}

static void test_cfg_read_only_ids_ignore_writes(void **state)
{
	(void)state;
	cfg_write(edu(), 0x00, 4, 0xdeadbeef);
	assert_int_equal(cfg_read(edu(), 0x00, 4), 0x11e81234);
}

static void test_cfg_rejects_bad_width_and_misalignment(void **state)
{
	uint32_t v;

	(void)state;
	assert_int_equal(ddekit_host_pci_cfg_read(edu(), 0, 3, &v),
	                 -DDEKIT_EINVAL);
	assert_int_equal(ddekit_host_pci_cfg_read(edu(), 2, 4, &v),
	                 -DDEKIT_EINVAL);
	assert_int_equal(ddekit_host_pci_cfg_write(edu(), 1, 2, 0),
	                 -DDEKIT_EINVAL);
	assert_int_equal(ddekit_host_pci_cfg_read(edu(), 256, 1, &v),
	                 -DDEKIT_EINVAL);
}

static void test_cfg_of_unknown_function_is_enodev(void **state)
{
	struct ddekit_host_pci_fn bogus = fns[0];
	uint32_t v;

	(void)state;
	bogus.host = &bogus;
	assert_int_equal(ddekit_host_pci_cfg_read(&bogus, 0, 4, &v),
	                 -DDEKIT_ENODEV);
}

static void test_cfg_msi_capability_only_with_msi_vectors(void **state)
{
	unsigned cap;

	(void)state;
	assert_true(cfg_read(edu(), 0x06, 2) & 0x10);
	cap = cfg_read(edu(), 0x34, 1);
	assert_int_not_equal(cap, 0);
	assert_int_equal(cfg_read(edu(), cap, 1), 0x05);
	assert_int_equal(cfg_read(edu(), cap + 2, 2) & 0x0e, 0); /* 1 vector */

	assert_false(cfg_read(scratch(0), 0x06, 2) & 0x10);
	assert_int_equal(cfg_read(scratch(0), 0x34, 1), 0);
}

static void test_cfg_accesses_are_traced(void **state)
{
	const struct mock_access *a;
	size_t i;

	(void)state;
	mock_trace_clear();
	cfg_read(edu(), 0x02, 2);
	cfg_write(edu(), 0x0c, 1, 0x10);
	i = mock_trace_find(MOCK_CFG_READ, 0x02, 0);
	assert_int_not_equal(i, (size_t)-1);
	a = mock_trace_get(i);
	assert_string_equal(a->device, "edu");
	assert_int_equal(a->width, 2);
	assert_int_equal(a->value, 0x11e8);
	i = mock_trace_find(MOCK_CFG_WRITE, 0x0c, 0);
	assert_int_not_equal(i, (size_t)-1);
	assert_int_equal(mock_trace_get(i)->value, 0x10);
}

static void test_pci_enable_turns_on_io_and_memory_decode(void **state)
{
	(void)state;
	assert_int_equal(cfg_read(edu(), 0x04, 2) & 0x3, 0);
	assert_int_equal(ddekit_host_pci_enable(edu()), 0);
	assert_int_equal(cfg_read(edu(), 0x04, 2) & 0x7, 0x3);
}

static void test_io_bar_answers_only_while_io_decode_is_on(void **state)
{
	(void)state;
	ddekit_host_io_write(SCRATCH_PORT, 4, 0x12345678);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT, 4), 0xffffffff);
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	/* the write while decoding was off was dropped */
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT, 4), 0);
	ddekit_host_io_write(SCRATCH_PORT, 4, 0x12345678);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT, 4), 0x12345678);
}

static void test_mmio_bar_answers_only_while_memory_decode_is_on(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	assert_int_equal(rd(regs, 0x00, 4), 0x010000ed);
	cfg_write(edu(), 0x04, 2, cfg_read(edu(), 0x04, 2) & ~0x2u);
	assert_int_equal(rd(regs, 0x00, 4), 0xffffffff);
	wr(regs, 0x04, 4, 0x1);
	cfg_write(edu(), 0x04, 2, cfg_read(edu(), 0x04, 2) | 0x2u);
	assert_int_equal(rd(regs, 0x04, 4), 0xffffffff); /* write dropped */
	edu_close(regs);
}

/* ======================================================================== */
/* MMIO mappings                                                             */

static void test_mmio_map_outside_every_bar_is_enodev(void **state)
{
	void *v;

	(void)state;
	mock_console_capture(1);
	assert_int_equal(ddekit_host_mmio_map(0xd0000000, 4096, &v),
	                 -DDEKIT_ENODEV);
	assert_int_equal(
	    ddekit_host_mmio_map(EDU_BAR0 + EDU_BAR_SIZE - 8, 16, &v),
	    -DDEKIT_ENODEV);
	mock_console_capture(0);
}

static void test_mmio_map_inside_a_bar_keeps_the_offset(void **state)
{
	volatile uint8_t *regs;
	void *v;

	(void)state;
	assert_int_equal(ddekit_host_pci_enable(edu()), 0);
	assert_int_equal(ddekit_host_mmio_map(EDU_BAR0 + 0x20, 8, &v), 0);
	regs = v;
	wr(regs, 0x00, 4, 0x80); /* status */
	assert_int_equal(rd(regs, 0x00, 4), 0x80);
	assert_int_equal(mock_trace_get(mock_trace_count() - 1)->addr, 0x20);
	ddekit_host_mmio_unmap(v, 8);
}

static void test_direct_load_from_mmio_mapping_crashes(void **state)
{
	volatile uint8_t *regs = edu_open();
	int status;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", 1);

		dup2(fd, STDERR_FILENO); /* the sanitizers' crash reports */
		(void)*(volatile uint32_t *)regs;
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	edu_close(regs);
}

/* ======================================================================== */
/* The edu model                                                             */

static void test_edu_identification_register(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	assert_int_equal(rd(regs, 0x00, 4), 0x010000ed);
	edu_close(regs);
}

static void test_edu_liveness_register_inverts(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	wr(regs, 0x04, 4, 0x12345678);
	assert_int_equal(rd(regs, 0x04, 4), 0xedcba987);
	edu_close(regs);
}

static void test_edu_registers_below_0x80_take_only_4_bytes(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	assert_int_equal(rd(regs, 0x00, 2), 0xffff);
	wr(regs, 0x04, 2, 0x1);
	assert_int_equal(rd(regs, 0x04, 4), 0xffffffff);
	edu_close(regs);
}

static void test_edu_computes_factorial(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	wr(regs, 0x08, 4, 10);
	while (rd(regs, 0x20, 4) & 0x1)
		;
	assert_int_equal(rd(regs, 0x08, 4), 3628800);
	edu_close(regs);
}

static void test_edu_factorial_raises_interrupt_when_asked(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_INTX, 0, edu(), &irq),
	    0);
	wr(regs, 0x20, 4, 0x80);
	wr(regs, 0x08, 4, 5);
	assert_int_equal(rd(regs, 0x24, 4), 0x1);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	wr(regs, 0x64, 4, 0x1);
	assert_int_equal(rd(regs, 0x24, 4), 0);
	ddekit_host_irq_detach(irq);
	edu_close(regs);
}

static void test_edu_factorial_without_status_bit_stays_quiet(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	wr(regs, 0x08, 4, 5);
	assert_int_equal(rd(regs, 0x08, 4), 120);
	assert_int_equal(rd(regs, 0x24, 4), 0);
	assert_false(cfg_read(edu(), 0x06, 2) & 0x08);
	edu_close(regs);
}

static void test_edu_raise_and_acknowledge_drive_intx(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	wr(regs, 0x60, 4, 0x5);
	assert_int_equal(rd(regs, 0x24, 4), 0x5);
	assert_true(cfg_read(edu(), 0x06, 2) & 0x08);
	wr(regs, 0x64, 4, 0x1);
	assert_int_equal(rd(regs, 0x24, 4), 0x4);
	assert_true(cfg_read(edu(), 0x06, 2) & 0x08);
	wr(regs, 0x64, 4, 0x4);
	assert_false(cfg_read(edu(), 0x06, 2) & 0x08);
	edu_close(regs);
}

static void test_edu_buffer_is_visible_in_bar0(void **state)
{
	volatile uint8_t *regs = edu_open();

	(void)state;
	wr(regs, 0x40000, 8, 0x0102030405060708ull);
	assert_int_equal(rd(regs, 0x40000, 1), 0x08);
	assert_int_equal(rd(regs, 0x40004, 4), 0x01020304);
	edu_close(regs);
}

static void test_edu_dma_copies_ram_to_buffer_and_back(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf src, dst;

	(void)state;
	dma_alloc(&src, PAGE);
	dma_alloc(&dst, PAGE);
	for (unsigned i = 0; i < 256; i++)
		((uint8_t *)src.virt)[i] = (uint8_t)(i ^ 0x5a);

	edu_dma(regs, src.bus, 0x100, 256, 0, 0);
	assert_int_equal(rd(regs, 0x98, 8) & 0x1, 0);
	assert_int_equal(rd(regs, 0x40100, 1), 0x5a);
	assert_int_equal(rd(regs, 0x401ff, 1), 0xff ^ 0x5a);

	edu_dma(regs, dst.bus + 16, 0x100, 256, 1, 0);
	assert_memory_equal((uint8_t *)dst.virt + 16, src.virt, 256);
	assert_int_equal(((uint8_t *)dst.virt)[15], 0);
	assert_int_not_equal(mock_trace_find(MOCK_DMA_READ, src.bus, 0),
	                     (size_t)-1);
	assert_int_not_equal(mock_trace_find(MOCK_DMA_WRITE, dst.bus + 16, 0),
	                     (size_t)-1);
	dma_free(&src);
	dma_free(&dst);
	edu_close(regs);
}

static void test_edu_dma_completion_raises_interrupt_0x100(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, PAGE);
	edu_dma(regs, b.bus, 0, 64, 0, 1);
	assert_int_equal(rd(regs, 0x24, 4), 0x100);
	wr(regs, 0x64, 4, 0x100);
	dma_free(&b);
	edu_close(regs);
}

static void test_edu_dma_to_unmapped_address_faults(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;
	size_t i;

	(void)state;
	dma_alloc(&b, PAGE);
	mock_trace_clear();
	/* one byte past the block */
	edu_dma(regs, b.bus + PAGE - 8, 0, 16, 1, 0);
	i = mock_trace_find(MOCK_DMA_FAULT, b.bus + PAGE - 8, 0);
	assert_int_not_equal(i, (size_t)-1);
	assert_string_equal(mock_trace_get(i)->device, "edu");
	assert_int_equal(mock_trace_find(MOCK_DMA_WRITE, b.bus + PAGE - 8, 0),
	                 (size_t)-1);
	dma_free(&b);
	edu_close(regs);
}

static void
test_edu_dma_ending_at_the_buffer_end_is_refused_as_qemu_does(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, 2 * PAGE);
	mock_console_capture(1);
	mock_trace_clear();
	edu_dma(regs, b.bus, 0, 4096, 0, 0);
	assert_int_equal(mock_trace_find(MOCK_DMA_READ, b.bus, 0), (size_t)-1);
	assert_non_null(
	    strstr(mock_console_text(), "outside the device buffer"));
	edu_dma(regs, b.bus, 1, 4094, 0, 0);
	assert_int_not_equal(mock_trace_find(MOCK_DMA_READ, b.bus, 0),
	                     (size_t)-1);
	mock_console_capture(0);
	dma_free(&b);
	edu_close(regs);
}

static void test_edu_dma_to_freed_block_faults(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, PAGE);
	dma_free(&b);
	edu_dma(regs, b.bus, 0, 16, 1, 0);
	assert_int_not_equal(mock_trace_find(MOCK_DMA_FAULT, b.bus, 0),
	                     (size_t)-1);
	edu_close(regs);
}

static void test_edu_dma_without_bus_mastering_moves_nothing(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, PAGE);
	wr(regs, 0x40000, 4, 0xcafef00d);
	set_master(edu(), 0);
	mock_trace_clear();
	edu_dma(regs, b.bus, 0, 4, 1, 0);
	assert_int_equal(*(uint32_t *)b.virt, 0);
	assert_int_equal(mock_trace_find(MOCK_DMA_WRITE, b.bus, 0), (size_t)-1);
	dma_free(&b);
	edu_close(regs);
}

static void test_edu_dma_masks_addresses_to_28_bits(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, PAGE);
	wr(regs, 0x40000, 4, 0x600dcafe);
	edu_dma(regs, b.bus | 0x70000000u, 0, 4, 1, 0);
	assert_int_equal(*(uint32_t *)b.virt, 0x600dcafe);
	dma_free(&b);
	edu_close(regs);
}

/* ======================================================================== */
/* Memory and the simulated IOMMU                                            */

static void test_heap_memory_is_zeroed_and_has_no_bus_address(void **state)
{
	struct ddekit_host_mem_req req = {.size = 100};
	uint64_t phys = 1, bus = 1;
	void *p = NULL;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, &phys, &bus), 0);
	assert_non_null(p);
	for (unsigned i = 0; i < 100; i++)
		assert_int_equal(((uint8_t *)p)[i], 0);
	assert_int_equal(bus, 0);
	ddekit_host_mem_free(p, 100);
}

static void test_dma_memory_behind_iommu_has_bus_unlike_phys(void **state)
{
	struct dma_buf b;

	(void)state;
	dma_alloc(&b, 3 * PAGE);
	assert_int_not_equal(b.bus, 0);
	assert_int_not_equal(b.phys, 0);
	assert_int_not_equal(b.bus, b.phys);
	assert_int_equal((uintptr_t)b.virt % PAGE, 0);
	assert_int_equal(b.bus % PAGE, 0);
	dma_free(&b);
}

static void test_device_cannot_reach_phys_behind_iommu(void **state)
{
	struct mock_device *dev = edu()->host;
	struct dma_buf b;
	uint32_t v = 0;

	(void)state;
	set_master(edu(), 1);
	dma_alloc(&b, PAGE);
	assert_int_equal(mock_device_dma_read(dev, b.phys, &v, 4),
	                 -DDEKIT_EFAULT);
	assert_int_equal(mock_device_dma_read(dev, b.bus, &v, 4), 0);
	dma_free(&b);
}

static void test_dma_memory_without_iommu_has_bus_equal_phys(void **state)
{
	struct mock_device *dev;
	struct dma_buf b;
	uint32_t v = 0x11223344;

	(void)state;
	mock_set_iommu(0);
	assert_int_equal(start_machine("pc"), 0);
	dev = edu()->host;
	set_master(edu(), 1);
	dma_alloc(&b, PAGE);
	assert_int_equal(b.bus, b.phys);
	assert_int_equal(mock_device_dma_write(dev, b.bus, &v, 4), 0);
	assert_int_equal(*(uint32_t *)b.virt, 0x11223344);
	dma_free(&b);
	assert_int_equal(teardown(NULL), 0);
}

static void test_dma_alloc_honours_alignment(void **state)
{
	struct ddekit_host_mem_req req = {
	    .size = PAGE,
	    .align = 0x10000,
	    .bus_high = UINT64_MAX,
	    .flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG,
	};
	void *a, *b;
	uint64_t bus_a, bus_b;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &a, NULL, &bus_a), 0);
	assert_int_equal(ddekit_host_mem_alloc(&req, &b, NULL, &bus_b), 0);
	assert_int_equal(bus_a % 0x10000, 0);
	assert_int_equal(bus_b % 0x10000, 0);
	assert_int_equal((uintptr_t)a % 0x10000, 0);
	assert_int_not_equal(bus_a, bus_b);
	ddekit_host_mem_free(a, PAGE);
	ddekit_host_mem_free(b, PAGE);
}

static void test_dma_alloc_honours_bus_window(void **state)
{
	struct ddekit_host_mem_req req = {
	    .size = 2 * PAGE,
	    .bus_low = 0x08000000,
	    .bus_high = 0x08ffffff,
	    .flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG,
	};
	uint64_t bus;
	void *p;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, NULL, &bus), 0);
	assert_true(bus >= 0x08000000);
	assert_true(bus + 2 * PAGE - 1 <= 0x08ffffff);
	ddekit_host_mem_free(p, 2 * PAGE);
}

static void test_dma_alloc_honours_boundary(void **state)
{
	struct ddekit_host_mem_req req = {
	    .size = 3 * PAGE,
	    .bus_high = UINT64_MAX,
	    .boundary = 4 * PAGE,
	    .flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG,
	};
	uint64_t bus[4];
	void *p[4];

	(void)state;
	/* consecutive blocks would cross a 16 KiB line without the rule */
	for (int i = 0; i < 4; i++) {
		assert_int_equal(
		    ddekit_host_mem_alloc(&req, &p[i], NULL, &bus[i]), 0);
		assert_int_equal(bus[i] / (4 * PAGE),
		                 (bus[i] + 3 * PAGE - 1) / (4 * PAGE));
	}
	for (int i = 0; i < 4; i++)
		ddekit_host_mem_free(p[i], 3 * PAGE);
}

static void test_dma_alloc_with_impossible_constraints_is_erange(void **state)
{
	struct ddekit_host_mem_req req = {
	    .size = 2 * PAGE,
	    .bus_high = UINT64_MAX,
	    .boundary = PAGE,
	    .flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG,
	};
	void *p;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, NULL, NULL),
	                 -DDEKIT_ERANGE);
	req.boundary = 0;
	req.bus_high = 0xfff; /* below every simulated address */
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, NULL, NULL),
	                 -DDEKIT_ERANGE);
}

static void test_fail_alloc_after_fails_exactly_that_call(void **state)
{
	struct ddekit_host_mem_req req = {.size = 16};
	void *p[3];

	(void)state;
	mock_fail_alloc_after(1);
	assert_int_equal(ddekit_host_mem_alloc(&req, &p[0], NULL, NULL), 0);
	assert_int_equal(ddekit_host_mem_alloc(&req, &p[1], NULL, NULL),
	                 -DDEKIT_ENOMEM);
	assert_int_equal(ddekit_host_mem_alloc(&req, &p[2], NULL, NULL), 0);
	ddekit_host_mem_free(p[0], 16);
	ddekit_host_mem_free(p[2], 16);
}

static void test_dma_map_reaches_exactly_the_mapped_bytes(void **state)
{
	struct mock_device *dev = edu()->host;
	uint8_t *mem = calloc(1, 64);
	uint8_t out[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	uint64_t bus;

	(void)state;
	set_master(edu(), 1);
	assert_int_equal(ddekit_host_dma_map(mem + 8, 16, &bus), 0);
	assert_int_equal(mock_device_dma_write(dev, bus + 8, out, 8), 0);
	assert_memory_equal(mem + 16, out, 8);
	assert_int_equal(mock_device_dma_write(dev, bus + 12, out, 8),
	                 -DDEKIT_EFAULT);
	assert_int_equal(mock_device_dma_read(dev, bus - 1, out, 1),
	                 -DDEKIT_EFAULT);
	assert_int_equal(ddekit_host_dma_unmap(bus, 16), 0);
	assert_int_equal(mock_device_dma_read(dev, bus, out, 1),
	                 -DDEKIT_EFAULT);
	free(mem);
}

static void test_dma_map_keeps_the_offset_within_the_page(void **state)
{
	uint8_t mem[32];
	uint64_t bus;

	(void)state;
	assert_int_equal(ddekit_host_dma_map(mem, sizeof(mem), &bus), 0);
	assert_int_not_equal(bus, 0);
	assert_int_equal(bus % PAGE, (uintptr_t)mem % PAGE);
	assert_int_equal(ddekit_host_dma_unmap(bus, sizeof(mem)), 0);
}

static void test_dma_unmap_of_unknown_range_is_enoent(void **state)
{
	uint8_t mem[32];
	uint64_t bus;

	(void)state;
	assert_int_equal(ddekit_host_dma_unmap(0x1234000, 16), -DDEKIT_ENOENT);
	assert_int_equal(ddekit_host_dma_map(mem, sizeof(mem), &bus), 0);
	assert_int_equal(ddekit_host_dma_unmap(bus, 16), -DDEKIT_ENOENT);
	assert_int_equal(ddekit_host_dma_unmap(bus, sizeof(mem)), 0);
}

/* ======================================================================== */
/* Interrupts                                                                */

static void test_raised_line_is_reported_once_and_masks(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 11, NULL, &irq), 0);
	assert_int_equal(mock_irq_masked(11), 0);
	mock_irq_raise(11);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	assert_int_equal(mock_irq_masked(11), 1);
	assert_int_equal(mock_irq_delivered(11), 1);
	assert_int_equal(ddekit_host_irq_unmask(irq), 0);
	assert_int_equal(mock_irq_masked(11), 0);
	assert_int_equal(wait_briefly(irq), -DDEKIT_ECANCELED);
	assert_int_equal(mock_irq_delivered(11), 1);
	ddekit_host_irq_detach(irq);
}

static void test_edges_raised_while_masked_arrive_on_unmask(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 7, NULL, &irq), 0);
	mock_irq_raise(7);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	mock_irq_raise(7);
	mock_irq_raise(7);
	assert_int_equal(wait_briefly(irq), -DDEKIT_ECANCELED);
	ddekit_host_irq_unmask(irq);
	assert_int_equal(ddekit_host_irq_wait(irq), 2);
	assert_int_equal(mock_irq_delivered(7), 3);
	ddekit_host_irq_detach(irq);
}

static void test_wait_blocks_until_the_line_is_raised(void **state)
{
	struct ddekit_host_irq *irq;
	struct waiter w;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 5, NULL, &irq), 0);
	waiter_start(&w, irq);
	mock_irq_raise(5);
	assert_int_equal(waiter_join(&w), 1);
	ddekit_host_irq_detach(irq);
}

static void test_level_is_reported_again_after_unmask_while_held(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	assert_int_equal(ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE,
	                                        SCRATCH_LINE, NULL, &irq),
	                 0);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 1);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	ddekit_host_irq_unmask(irq);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 0);
	ddekit_host_irq_unmask(irq);
	assert_int_equal(wait_briefly(irq), -DDEKIT_ECANCELED);
	ddekit_host_irq_detach(irq);
}

static void test_intx_source_follows_its_function(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	assert_int_equal(ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_INTX, 0,
	                                        scratch(0), &irq),
	                 0);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 1);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	assert_int_equal(mock_irq_masked(SCRATCH_LINE), 1);
	assert_int_equal(mock_irq_delivered(SCRATCH_LINE), 1);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 0);
	ddekit_host_irq_unmask(irq);
	ddekit_host_irq_detach(irq);
}

static void test_intx_disable_bit_keeps_the_line_quiet(void **state)
{
	struct ddekit_host_irq *irq;
	uint32_t cmd;

	(void)state;
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	cmd = cfg_read(scratch(0), 0x04, 2);
	cfg_write(scratch(0), 0x04, 2, cmd | 0x400);
	assert_int_equal(ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE,
	                                        SCRATCH_LINE, NULL, &irq),
	                 0);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 1);
	assert_true(cfg_read(scratch(0), 0x06, 2) & 0x08);
	assert_int_equal(wait_briefly(irq), -DDEKIT_ECANCELED);
	cfg_write(scratch(0), 0x04, 2, cmd);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 0);
	ddekit_host_irq_detach(irq);
}

static void test_shared_line_is_asserted_while_any_device_holds_it(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(ddekit_host_pci_enable(&fns[0]), 0);
	assert_int_equal(ddekit_host_pci_enable(&fns[1]), 0);
	assert_int_equal(ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE,
	                                        SCRATCH_LINE, NULL, &irq),
	                 0);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 1);
	ddekit_host_io_write(SCRATCH_PORT + 0x20 + 0x1c, 4, 1);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	ddekit_host_io_write(SCRATCH_PORT + 0x1c, 4, 0);
	ddekit_host_irq_unmask(irq);
	assert_int_equal(ddekit_host_irq_wait(irq), 1); /* scratch1 holds it */
	ddekit_host_io_write(SCRATCH_PORT + 0x20 + 0x1c, 4, 0);
	ddekit_host_irq_unmask(irq);
	assert_int_equal(wait_briefly(irq), -DDEKIT_ECANCELED);
	ddekit_host_irq_detach(irq);
}

static void test_msi_counts_one_message_per_rising_edge(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct ddekit_host_irq *irq;
	unsigned cap = cfg_read(edu(), 0x34, 1);

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSI, 0, edu(), &irq), 0);
	assert_true(cfg_read(edu(), cap + 2, 2) & 0x1);
	wr(regs, 0x60, 4, 0x1);
	wr(regs, 0x60, 4, 0x2); /* still high: no new message */
	wr(regs, 0x64, 4, 0x3);
	wr(regs, 0x60, 4, 0x1);
	assert_int_equal(ddekit_host_irq_wait(irq), 2);
	/* MSI does not mask, and INTx stays silent meanwhile */
	assert_int_equal(mock_irq_masked(EDU_LINE), -1);
	wr(regs, 0x64, 4, 0x1);
	wr(regs, 0x60, 4, 0x1);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	wr(regs, 0x64, 4, 0x1);
	ddekit_host_irq_detach(irq);
	assert_false(cfg_read(edu(), cap + 2, 2) & 0x1);
	edu_close(regs);
}

static void test_intx_is_silent_while_msi_is_attached(void **state)
{
	volatile uint8_t *regs = edu_open();
	struct ddekit_host_irq *msi, *line;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSI, 0, edu(), &msi), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, EDU_LINE, NULL, &line),
	    0);
	wr(regs, 0x60, 4, 0x1);
	assert_int_equal(wait_briefly(line), -DDEKIT_ECANCELED);
	assert_int_equal(ddekit_host_irq_wait(msi), 1);
	wr(regs, 0x64, 4, 0x1);
	ddekit_host_irq_detach(line);
	ddekit_host_irq_detach(msi);
	edu_close(regs);
}

static void test_msi_needs_a_vector_the_function_has(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSI, 1, edu(), &irq),
	    -DDEKIT_ENODEV);
	assert_int_equal(ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSI, 0,
	                                        scratch(0), &irq),
	                 -DDEKIT_ENODEV);
}

static void test_attaching_a_source_twice_is_ebusy(void **state)
{
	struct ddekit_host_irq *a, *b;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 3, NULL, &a), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 3, NULL, &b),
	    -DDEKIT_EBUSY);
	ddekit_host_irq_detach(a);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 3, NULL, &b), 0);
	ddekit_host_irq_detach(b);
}

static void test_any_line_below_256_can_be_attached(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 255, NULL, &irq), 0);
	ddekit_host_irq_detach(irq);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 256, NULL, &irq),
	    -DDEKIT_ENODEV);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSIX, 0, edu(), &irq),
	    -DDEKIT_ENOSYS);
}

static void test_cancel_ends_a_blocked_wait(void **state)
{
	struct ddekit_host_irq *irq;
	struct waiter w;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 6, NULL, &irq), 0);
	waiter_start(&w, irq);
	ddekit_host_irq_cancel(irq);
	assert_int_equal(waiter_join(&w), -DDEKIT_ECANCELED);
	ddekit_host_irq_detach(irq);
}

static void test_cancel_before_wait_cancels_that_wait_only(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 6, NULL, &irq), 0);
	ddekit_host_irq_cancel(irq);
	assert_int_equal(ddekit_host_irq_wait(irq), -DDEKIT_ECANCELED);
	mock_irq_raise(6);
	assert_int_equal(ddekit_host_irq_wait(irq), 1);
	ddekit_host_irq_detach(irq);
}

static void test_irq_masked_is_minus_one_without_a_source(void **state)
{
	(void)state;
	assert_int_equal(mock_irq_masked(9), -1);
	assert_int_equal(mock_irq_delivered(9), 0);
}

/* ======================================================================== */
/* Ports, UART and scratch models                                            */

static void test_io_request_of_denied_range_is_eacces(void **state)
{
	(void)state;
	mock_io_deny(0x60, 1);
	mock_console_capture(1);
	assert_int_equal(ddekit_host_io_request(0x60, 4), -DDEKIT_EACCES);
	assert_non_null(strstr(mock_console_text(), "0x60"));
	mock_console_capture(0);
	assert_int_equal(ddekit_host_io_request(0x61, 4), 0);
	ddekit_host_io_release(0x61, 4);
}

static void test_io_request_past_the_port_space_is_einval(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_io_request(0xfffe, 4), -DDEKIT_EINVAL);
}

static void test_unclaimed_port_reads_all_ones(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_io_read(0x2f8, 1), 0xff);
	assert_int_equal(ddekit_host_io_read(0x2f8, 2), 0xffff);
	assert_int_equal(ddekit_host_io_read(0x2f8, 4), 0xffffffff);
}

static void test_uart_scratch_register_and_line_status(void **state)
{
	(void)state;
	ddekit_host_io_write(UART_PORT + 7, 1, 0xa5);
	assert_int_equal(ddekit_host_io_read(UART_PORT + 7, 1), 0xa5);
	assert_int_equal(ddekit_host_io_read(UART_PORT + 5, 1) & 0x60, 0x60);
}

static void test_uart_transmit_is_traced_to_the_uart(void **state)
{
	const struct mock_access *a;
	size_t i;

	(void)state;
	mock_trace_clear();
	ddekit_host_io_write(UART_PORT, 1, 'A');
	i = mock_trace_find(MOCK_IO_WRITE, UART_PORT, 0);
	assert_int_not_equal(i, (size_t)-1);
	a = mock_trace_get(i);
	assert_string_equal(a->device, "uart");
	assert_int_equal(a->value, 'A');
	assert_int_equal(a->width, 1);
}

static void test_scratch_register_6_counts_its_reads(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT + 0x18, 4), 1);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT + 0x18, 4), 2);
	ddekit_host_io_write(SCRATCH_PORT + 0x18, 4, 10);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT + 0x18, 4), 11);
}

static void test_scratch_registers_store_bytes_and_words(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_pci_enable(scratch(0)), 0);
	ddekit_host_io_write(SCRATCH_PORT + 0x4, 4, 0x11223344);
	ddekit_host_io_write(SCRATCH_PORT + 0x5, 1, 0xaa);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT + 0x4, 4),
	                 0x1122aa44);
	assert_int_equal(ddekit_host_io_read(SCRATCH_PORT + 0x6, 2), 0x1122);
}

/* ======================================================================== */
/* Trace, console, abort, leaks                                              */

static void test_trace_keeps_the_newest_65536_accesses(void **state)
{
	(void)state;
	mock_trace_clear();
	for (unsigned i = 0; i < 65536 + 10; i++)
		ddekit_host_io_write(0x80, 1, i & 0xff);
	assert_int_equal(mock_trace_count(), 65536);
	assert_int_equal(mock_trace_get(0)->value, 10);
	assert_null(mock_trace_get(65536));
	mock_trace_clear();
	assert_int_equal(mock_trace_count(), 0);
	assert_null(mock_trace_get(0));
}

static void test_trace_find_starts_at_the_given_index(void **state)
{
	size_t first, second;

	(void)state;
	mock_trace_clear();
	ddekit_host_io_read(0x80, 1);
	ddekit_host_io_read(0x81, 1);
	ddekit_host_io_read(0x80, 1);
	first = mock_trace_find(MOCK_IO_READ, 0x80, 0);
	second = mock_trace_find(MOCK_IO_READ, 0x80, first + 1);
	assert_int_equal(first, 0);
	assert_int_equal(second, 2);
	assert_int_equal(mock_trace_find(MOCK_IO_READ, 0x80, 3), (size_t)-1);
	assert_null(mock_trace_get(first)->device);
}

static void test_console_capture_keeps_output(void **state)
{
	(void)state;
	mock_console_capture(1);
	ddekit_host_console_write("hello ", 6);
	ddekit_host_console_write("world", 5);
	assert_string_equal(mock_console_text(), "hello world");
	mock_console_clear();
	assert_string_equal(mock_console_text(), "");
	mock_console_capture(0);
}

static void test_expected_abort_returns_to_the_test(void **state)
{
	jmp_buf env;
	volatile int aborted = 0;

	(void)state;
	if (setjmp(env) == 0) {
		mock_expect_abort(&env);
		ddekit_host_abort();
	} else {
		aborted = 1;
	}
	assert_int_equal(aborted, 1);
}

static void test_unexpected_abort_ends_the_process_with_failure(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", 1);

		dup2(fd, STDERR_FILENO);
		ddekit_host_abort();
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 134);
}

static void test_leaks_count_every_kind_of_live_object(void **state)
{
	struct ddekit_host_mem_req req = {.size = 8};
	struct ddekit_host_irq *irq;
	struct ddekit_host_mutex *m;
	struct ddekit_host_event *e;
	struct mock_leaks l;
	uint8_t mem[16];
	uint64_t bus;
	void *p, *mmio;
	char buf[256];

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, NULL, NULL), 0);
	assert_int_equal(ddekit_host_dma_map(mem, sizeof(mem), &bus), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 1, NULL, &irq), 0);
	assert_int_equal(ddekit_host_io_request(0x70, 2), 0);
	assert_int_equal(ddekit_host_mmio_map(EDU_BAR0, 4096, &mmio), 0);
	assert_int_equal(ddekit_host_mutex_create(&m), 0);
	assert_int_equal(ddekit_host_event_create(&e), 0);

	mock_leaks(&l);
	assert_int_equal(l.mem_blocks, 1);
	assert_int_equal(l.dma_maps, 1);
	assert_int_equal(l.irqs, 1);
	assert_int_equal(l.io_ranges, 1);
	assert_int_equal(l.mmio_maps, 1);
	assert_int_equal(l.mutexes, 1);
	assert_int_equal(l.events, 1);
	assert_int_equal(l.threads, 0);
	assert_int_equal(mock_leak_report(buf, sizeof(buf)), 7);
	assert_non_null(strstr(buf, "1 memory blocks"));
	assert_non_null(strstr(buf, "1 interrupt sources"));

	ddekit_host_mem_free(p, 8);
	ddekit_host_dma_unmap(bus, sizeof(mem));
	ddekit_host_irq_detach(irq);
	ddekit_host_io_release(0x70, 2);
	ddekit_host_mmio_unmap(mmio, 4096);
	ddekit_host_mutex_destroy(m);
	ddekit_host_event_destroy(e);
	assert_int_equal(mock_leak_report(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

static void test_unload_releases_what_a_test_left_behind(void **state)
{
	struct ddekit_host_mem_req req = {
	    .size = PAGE,
	    .bus_high = UINT64_MAX,
	    .flags = DDEKIT_HOST_MEM_DMA,
	};
	struct ddekit_host_irq *irq;
	struct mock_leaks l;
	void *p, *mmio;

	(void)state;
	assert_int_equal(start_machine("pc"), 0);
	assert_int_equal(ddekit_host_mem_alloc(&req, &p, NULL, NULL), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 1, NULL, &irq), 0);
	assert_int_equal(ddekit_host_mmio_map(EDU_BAR0, 4096, &mmio), 0);
	ddekit_host_fini();
	mock_machine_unload();
	mock_leaks(&l);
	assert_int_equal(l.mem_blocks + l.irqs + l.mmio_maps, 0);
}

static void *thread_body_arg;

static void short_thread(void *arg)
{
	thread_body_arg = arg;
}

static void test_leaks_wait_for_ending_threads_after_fini(void **state)
{
	struct mock_leaks l;

	(void)state;
	assert_int_equal(ddekit_host_thread_start("short",
	                                          DDEKIT_HOST_PRIO_NORMAL,
	                                          short_thread, &l),
	                 0);
	ddekit_host_fini();
	mock_leaks(&l);
	assert_int_equal(l.threads, 0);
	assert_ptr_equal(thread_body_arg, &l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define HOST_PC(t) cmocka_unit_test_setup_teardown(t, setup_pc, teardown)
#define HOST_SHARED(t)                                                         \
	cmocka_unit_test_setup_teardown(t, setup_shared, teardown)
#define BARE(t) cmocka_unit_test_teardown(t, teardown_unloaded)
	    HOST_PC(test_pc_enumerates_edu_and_scratch_in_bdf_order),
	    HOST_PC(test_enumerate_with_max_zero_only_counts),
	    HOST_PC(test_enumerate_fills_at_most_max_records),
	    BARE(test_empty_machine_has_no_pci_functions),
	    BARE(test_load_of_missing_machine_fails_with_message),
	    BARE(test_load_of_malformed_dtb_fails_with_message),
	    BARE(test_load_of_unknown_compatible_names_it),
	    BARE(test_load_of_tree_for_another_machine_fails),
	    BARE(test_host_init_without_machine_fails),
	    BARE(test_host_init_refuses_another_major_version),

	    HOST_PC(test_cfg_header_carries_ids_class_and_interrupt),
	    HOST_PC(test_cfg_bar_sizing_reads_back_the_size_mask),
	    HOST_PC(test_cfg_unused_bar_reads_zero_even_after_sizing),
	    HOST_PC(test_cfg_read_only_ids_ignore_writes),
	    HOST_PC(test_cfg_rejects_bad_width_and_misalignment),
	    HOST_PC(test_cfg_of_unknown_function_is_enodev),
	    HOST_PC(test_cfg_msi_capability_only_with_msi_vectors),
	    HOST_PC(test_cfg_accesses_are_traced),
	    HOST_PC(test_pci_enable_turns_on_io_and_memory_decode),
	    HOST_PC(test_io_bar_answers_only_while_io_decode_is_on),
	    HOST_PC(test_mmio_bar_answers_only_while_memory_decode_is_on),

	    HOST_PC(test_mmio_map_outside_every_bar_is_enodev),
	    HOST_PC(test_mmio_map_inside_a_bar_keeps_the_offset),
	    HOST_PC(test_direct_load_from_mmio_mapping_crashes),

	    HOST_PC(test_edu_identification_register),
	    HOST_PC(test_edu_liveness_register_inverts),
	    HOST_PC(test_edu_registers_below_0x80_take_only_4_bytes),
	    HOST_PC(test_edu_computes_factorial),
	    HOST_PC(test_edu_factorial_raises_interrupt_when_asked),
	    HOST_PC(test_edu_factorial_without_status_bit_stays_quiet),
	    HOST_PC(test_edu_raise_and_acknowledge_drive_intx),
	    HOST_PC(test_edu_buffer_is_visible_in_bar0),
	    HOST_PC(test_edu_dma_copies_ram_to_buffer_and_back),
	    HOST_PC(test_edu_dma_completion_raises_interrupt_0x100),
	    HOST_PC(test_edu_dma_to_unmapped_address_faults),
	    HOST_PC(
	        test_edu_dma_ending_at_the_buffer_end_is_refused_as_qemu_does),
	    HOST_PC(test_edu_dma_to_freed_block_faults),
	    HOST_PC(test_edu_dma_without_bus_mastering_moves_nothing),
	    HOST_PC(test_edu_dma_masks_addresses_to_28_bits),

	    HOST_PC(test_heap_memory_is_zeroed_and_has_no_bus_address),
	    HOST_PC(test_dma_memory_behind_iommu_has_bus_unlike_phys),
	    HOST_PC(test_device_cannot_reach_phys_behind_iommu),
	    BARE(test_dma_memory_without_iommu_has_bus_equal_phys),
	    HOST_PC(test_dma_alloc_honours_alignment),
	    HOST_PC(test_dma_alloc_honours_bus_window),
	    HOST_PC(test_dma_alloc_honours_boundary),
	    HOST_PC(test_dma_alloc_with_impossible_constraints_is_erange),
	    HOST_PC(test_fail_alloc_after_fails_exactly_that_call),
	    HOST_PC(test_dma_map_reaches_exactly_the_mapped_bytes),
	    HOST_PC(test_dma_map_keeps_the_offset_within_the_page),
	    HOST_PC(test_dma_unmap_of_unknown_range_is_enoent),

	    HOST_PC(test_raised_line_is_reported_once_and_masks),
	    HOST_PC(test_edges_raised_while_masked_arrive_on_unmask),
	    HOST_PC(test_wait_blocks_until_the_line_is_raised),
	    HOST_PC(test_level_is_reported_again_after_unmask_while_held),
	    HOST_PC(test_intx_source_follows_its_function),
	    HOST_PC(test_intx_disable_bit_keeps_the_line_quiet),
	    HOST_SHARED(test_shared_line_is_asserted_while_any_device_holds_it),
	    HOST_PC(test_msi_counts_one_message_per_rising_edge),
	    HOST_PC(test_intx_is_silent_while_msi_is_attached),
	    HOST_PC(test_msi_needs_a_vector_the_function_has),
	    HOST_PC(test_attaching_a_source_twice_is_ebusy),
	    HOST_PC(test_any_line_below_256_can_be_attached),
	    HOST_PC(test_cancel_ends_a_blocked_wait),
	    HOST_PC(test_cancel_before_wait_cancels_that_wait_only),
	    HOST_PC(test_irq_masked_is_minus_one_without_a_source),

	    HOST_PC(test_io_request_of_denied_range_is_eacces),
	    HOST_PC(test_io_request_past_the_port_space_is_einval),
	    HOST_PC(test_unclaimed_port_reads_all_ones),
	    HOST_PC(test_uart_scratch_register_and_line_status),
	    HOST_PC(test_uart_transmit_is_traced_to_the_uart),
	    HOST_PC(test_scratch_register_6_counts_its_reads),
	    HOST_PC(test_scratch_registers_store_bytes_and_words),

	    HOST_PC(test_trace_keeps_the_newest_65536_accesses),
	    HOST_PC(test_trace_find_starts_at_the_given_index),
	    HOST_PC(test_console_capture_keeps_output),
	    HOST_PC(test_expected_abort_returns_to_the_test),
	    HOST_PC(test_unexpected_abort_ends_the_process_with_failure),
	    HOST_PC(test_leaks_count_every_kind_of_live_object),
	    BARE(test_unload_releases_what_a_test_left_behind),
	    HOST_PC(test_leaks_wait_for_ending_threads_after_fini),
#undef HOST_PC
#undef HOST_SHARED
#undef BARE
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
