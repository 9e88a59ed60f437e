/*
 * tests/mock/mock.h — controlling the simulated machine from a test.
 *
 * The mock backend implements include/ddekit/host.h inside the test process.
 * Its hardware comes from a device tree (tests/mock/machines/<name>.dts,
 * compiled to .dtb at build time): PCI functions with config space and BARs
 * backed by C device models, ISA devices at fixed ports, interrupt lines.
 * Threads, mutexes, events and the clock are the real POSIX ones (shared
 * with backends/posix_uio).
 *
 * Typical test:
 *   mock_machine_load("pc");       // before ddekit_init()
 *   ddekit_init();
 *   ... drive the device through the ddekit ABI ...
 *   mock_irq_raise(11);            // inject an interrupt
 *   assert on mock_trace_*()       // register traffic the models saw
 *   ddekit_deinit();
 *   assert_int_equal(mock_leak_report(buf, sizeof buf), 0);
 *   mock_machine_unload();
 */
#ifndef TESTS_MOCK_MOCK_H
#define TESTS_MOCK_MOCK_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

/* ---- machine ------------------------------------------------------------ */

/**
 * mock_machine_load() - describe the machine for the next ddekit_init().
 * @name: a machine under tests/mock/machines ("pc", "shared-irq", "empty"),
 *        or a path ending in ".dtb".
 * Returns 0, or a negative errno-style code with a message on stderr
 * (missing file, malformed tree, unknown "compatible").
 */
int mock_machine_load(const char *name);

/** mock_machine_unload() - drop the machine (after ddekit_deinit()). */
void mock_machine_unload(void);

/** mock_set_iommu() - on: bus addresses differ from physical ones and DMA
 * to unmapped bus addresses faults (default on). Before ddekit_init(). */
void mock_set_iommu(int on);

/* ---- interrupts --------------------------------------------------------- */

/** mock_irq_raise() - one edge on legacy line @line: delivered to its
 * attached source (now, or when it is next unmasked). */
void mock_irq_raise(unsigned line);

/** mock_irq_delivered() - how many interrupts ddekit_host_irq_wait() has
 * reported for line @line since the machine was loaded. */
unsigned long mock_irq_delivered(unsigned line);

/** mock_irq_masked() - 1 while the source of @line is masked (reported and
 * not yet unmasked), 0 otherwise, -1 if nothing is attached to it. */
int mock_irq_masked(unsigned line);

/* ---- register traffic --------------------------------------------------- */

enum mock_access_kind {
	MOCK_IO_READ,
	MOCK_IO_WRITE,
	MOCK_MMIO_READ,
	MOCK_MMIO_WRITE,
	MOCK_CFG_READ,
	MOCK_CFG_WRITE,
	MOCK_DMA_READ,  /* a device read memory */
	MOCK_DMA_WRITE, /* a device wrote memory */
	MOCK_DMA_FAULT, /* a device touched an unmapped bus address */
};

struct mock_access {
	enum mock_access_kind kind;
	const char *device; /* node name in the tree, e.g. "edu" */
	uint64_t addr;  /* port; BAR offset (MMIO); config offset; bus addr */
	unsigned bar;   /* MMIO: BAR index */
	unsigned width; /* bytes (DMA: length) */
	uint64_t value; /* DMA: 0 */
};

/** Number of accesses recorded since load or mock_trace_clear(). The trace
 * keeps the most recent 65536 accesses. */
size_t mock_trace_count(void);
/** The @i-th recorded access (0 = oldest kept); NULL when out of range. */
const struct mock_access *mock_trace_get(size_t i);
void mock_trace_clear(void);
/** Index of the first access at or after @from with this kind and address,
 * or (size_t)-1. */
size_t mock_trace_find(enum mock_access_kind kind, uint64_t addr, size_t from);

/* ---- failure injection -------------------------------------------------- */

/** mock_fail_alloc_after() - the allocation @n calls from now (0 = the next
 * one) to ddekit_host_mem_alloc() fails with -ENOMEM, once; -1 disarms. */
void mock_fail_alloc_after(int n);

/** mock_io_deny() - ddekit_host_io_request() of any port in the range fails
 * with -EACCES until the machine is unloaded. */
void mock_io_deny(uint64_t port, uint64_t count);

/* ---- console and abort --------------------------------------------------- */

/** mock_console_capture() - on: console output is kept (and not printed)
 * until mock_console_text() returns it; off: printed to stderr. */
void mock_console_capture(int on);
/** Everything captured so far, NUL-terminated (valid until the next console
 * write or mock_console_clear()). */
const char *mock_console_text(void);
void mock_console_clear(void);

/**
 * mock_expect_abort() - make the next ddekit_host_abort() longjmp to @env
 * (with value 1) instead of ending the process; NULL restores the default.
 * Only for aborts on the thread that armed it; used to test panics.
 */
void mock_expect_abort(jmp_buf *env);

/* ---- leak accounting ---------------------------------------------------- */

struct mock_leaks {
	unsigned long mem_blocks; /* live ddekit_host_mem_alloc() blocks */
	unsigned long dma_maps;   /* live ddekit_host_dma_map() mappings */
	unsigned long threads;    /* host threads still running */
	unsigned long mutexes;
	unsigned long events;
	unsigned long irqs;      /* attached interrupt sources */
	unsigned long io_ranges; /* requested port ranges */
	unsigned long mmio_maps;
};

/** mock_leaks() - current counts of live host objects. After
 * ddekit_host_fini(), host threads are given up to 1 s to finish before they
 * are counted; while the host is up they are counted as they are. */
void mock_leaks(struct mock_leaks *out);

/** mock_leak_report() - 0 when every count is 0; otherwise the number of
 * leaked objects, with a description written to @buf. */
int mock_leak_report(char *buf, size_t len);

#endif /* TESTS_MOCK_MOCK_H */
