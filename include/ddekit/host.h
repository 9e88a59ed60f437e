/*
 * ddekit/host.h — the host interface.
 *
 * This is the one thing a platform implements to run libdde: lib/ddekit
 * builds the whole DDEKit ABI (slabs, timers, interrupt threads, condvars,
 * semaphores, pgtab, printf, resource accounting) on these calls and nothing
 * else. The reference page with every call's contract is
 * docs/host-interface.md; the comments here are the short form.
 *
 * Rules for every call:
 *  - Returns 0 (or a documented non-negative value) on success and a negative
 *    DDEKIT_E* code from <ddekit/errno.h> on failure. Nothing sets errno.
 *  - Handles are opaque; a host defines struct ddekit_host_mutex etc. itself.
 *  - "May block" means the call may put the calling thread to sleep. Calls
 *    that do not say so must return promptly and may be used by interrupt
 *    threads and the timer thread.
 *  - Only lib/ddekit calls these functions; drivers and emulations never do.
 *
 * No OS header is included here: only <stddef.h> and <stdint.h>.
 */
#ifndef DDEKIT_HOST_H
#define DDEKIT_HOST_H

#include <ddekit/errno.h>
#include <ddekit/types.h>

/*
 * The interface version. lib/ddekit passes it to ddekit_host_init(); a host
 * built for another major version refuses with -DDEKIT_EPROTO.
 */
#define DDEKIT_HOST_VERSION_MAJOR 1
#define DDEKIT_HOST_VERSION_MINOR 0
#define DDEKIT_HOST_VERSION                                                    \
	((DDEKIT_HOST_VERSION_MAJOR << 16) | DDEKIT_HOST_VERSION_MINOR)

/** A deadline meaning "wait forever" for ddekit_host_event_wait(). */
#define DDEKIT_HOST_FOREVER UINT64_MAX

/** Page size all host memory calls work in. */
#define DDEKIT_HOST_PAGE_SIZE 4096u

DDEKIT_BEGIN_DECLS

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

/**
 * ddekit_host_init() - bring the host up.
 * @version: DDEKIT_HOST_VERSION of the caller.
 *
 * Called once by ddekit_init() before any other call (except console_write and
 * abort, which must always work). Returns -DDEKIT_EPROTO if the major version
 * differs, or another error if the platform cannot be used (the host prints
 * why on the console). May block.
 */
int ddekit_host_init(unsigned version);

/**
 * ddekit_host_fini() - release everything ddekit_host_init() acquired.
 *
 * Called by ddekit_deinit() after lib/ddekit has released every handle it
 * held. After it, ddekit_host_init() may be called again. May block.
 */
void ddekit_host_fini(void);

/* ------------------------------------------------------------------------ */
/* Console, abort, time                                                      */

/** ddekit_host_console_write() - write @len bytes to the console. Any
 * context; never fails visibly (output may be dropped). */
void ddekit_host_console_write(const char *buf, size_t len);

/** ddekit_host_abort() - stop the driver server after a fatal error; the
 * host reports failure to whoever started it (exit code, QEMU exit). */
DDEKIT_NORETURN void ddekit_host_abort(void);

/** ddekit_host_clock_ns() - monotonic nanoseconds since an arbitrary epoch.
 * Any context; never goes backwards. */
uint64_t ddekit_host_clock_ns(void);

/* ------------------------------------------------------------------------ */
/* Memory                                                                    */

/** Memory must be reachable by device DMA: pinned, with a bus address. */
#define DDEKIT_HOST_MEM_DMA 0x1u
/** Memory must be contiguous in bus (and physical) address space. */
#define DDEKIT_HOST_MEM_CONTIG 0x2u

/**
 * struct ddekit_host_mem_req - what ddekit_host_mem_alloc() is asked for.
 * @size:     bytes; hosts round up to whole pages.
 * @align:    alignment of the bus address (and of the virtual address); 0 or
 *            a power of two, at least DDEKIT_HOST_PAGE_SIZE when DMA is set.
 * @bus_low:  lowest acceptable bus address (DMA only).
 * @bus_high: highest acceptable bus address of the last byte (DMA only);
 *            UINT64_MAX for no limit.
 * @boundary: 0, or a power of two the bus range must not cross (DMA only).
 * @flags:    DDEKIT_HOST_MEM_*; 0 asks for ordinary heap memory of any size.
 */
struct ddekit_host_mem_req {
	size_t size;
	size_t align;
	uint64_t bus_low;
	uint64_t bus_high;
	uint64_t boundary;
	unsigned flags;
};

/**
 * ddekit_host_mem_alloc() - allocate zero-filled memory.
 * @req:  the request.
 * @virt: out: the address the caller uses.
 * @phys: out (may be NULL): physical address of the first byte, 0 if unknown.
 * @bus:  out (may be NULL): the address a device uses for the first byte; 0
 *        unless DDEKIT_HOST_MEM_DMA. Differs from @phys behind an IOMMU.
 *
 * With DMA|CONTIG the whole range is contiguous at @bus. With DMA alone a host
 * may still return contiguous memory; lib/ddekit always asks for CONTIG when
 * it needs one bus address per allocation. Returns -DDEKIT_ENOMEM, or
 * -DDEKIT_ERANGE when the bus constraints cannot be met, or -DDEKIT_ENOSYS
 * when the host has no DMA-able memory (with a console message saying why).
 * May block.
 */
int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus);

/** ddekit_host_mem_free() - free memory from ddekit_host_mem_alloc(); @size
 * is the requested size. May block. */
void ddekit_host_mem_free(void *virt, size_t size);

/**
 * ddekit_host_dma_map() - make existing memory reachable by devices.
 * @virt, @size: any range of the caller's memory (need not be page aligned).
 * @bus:  out: the bus address of @virt; the range is contiguous in bus space.
 *
 * Behind an IOMMU this maps the pages; without one it pins them and returns
 * their physical address, failing with -DDEKIT_EFAULT when the range is not
 * physically contiguous. Each successful map is undone by exactly one unmap.
 * May block.
 */
int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus);

/** ddekit_host_dma_unmap() - undo ddekit_host_dma_map(); -DDEKIT_ENOENT if
 * (@bus, @size) was not mapped. May block. */
int ddekit_host_dma_unmap(uint64_t bus, size_t size);

/* ------------------------------------------------------------------------ */
/* Threads                                                                   */

/** Thread priorities; hosts without priorities may ignore them. */
enum ddekit_host_prio {
	DDEKIT_HOST_PRIO_NORMAL = 0,
	DDEKIT_HOST_PRIO_TIMER = 1, /* above drivers' own threads */
	DDEKIT_HOST_PRIO_IRQ = 2,   /* interrupt threads: above everything */
};

/**
 * ddekit_host_thread_start() - start a thread running @fn(@arg).
 * @name: for debugging (may be truncated).
 *
 * Threads are detached: when @fn returns or the thread calls
 * ddekit_host_thread_exit(), the host frees everything it held for it.
 * Returns -DDEKIT_ENOMEM / -DDEKIT_EAGAIN on failure. May block.
 */
int ddekit_host_thread_start(const char *name, enum ddekit_host_prio prio,
                             void (*fn)(void *), void *arg);

/** ddekit_host_thread_exit() - end the calling thread (one started with
 * ddekit_host_thread_start()). */
DDEKIT_NORETURN void ddekit_host_thread_exit(void);

/** ddekit_host_thread_yield() - let other runnable threads run. */
void ddekit_host_thread_yield(void);

/** ddekit_host_thread_set_data() - set the calling thread's one per-thread
 * pointer, which lib/ddekit uses for its thread record. Never blocks. */
void ddekit_host_thread_set_data(void *data);

/** ddekit_host_thread_get_data() - the calling thread's per-thread pointer;
 * NULL if never set (also for threads the host did not start). */
void *ddekit_host_thread_get_data(void);

/* ------------------------------------------------------------------------ */
/* Synchronisation: one mutex, one event                                     */

struct ddekit_host_mutex;

/**
 * A mutex guards short critical sections inside lib/ddekit (never held across
 * a sleep). It is not recursive; it is unlocked by the thread that locked it.
 */
int ddekit_host_mutex_create(struct ddekit_host_mutex **out);
void ddekit_host_mutex_destroy(struct ddekit_host_mutex *m);
void ddekit_host_mutex_lock(struct ddekit_host_mutex *m);
void ddekit_host_mutex_unlock(struct ddekit_host_mutex *m);

struct ddekit_host_event;

/**
 * An event is a binary semaphore that one thread waits on and any thread
 * signals: signal sets it, a wait consumes it, signals do not count (two
 * signals before a wait wake it once). lib/ddekit gives each thread one event
 * and builds locks, semaphores, condvars and sleeping on it. Waits may return
 * 0 spuriously; lib/ddekit always rechecks its condition.
 */
int ddekit_host_event_create(struct ddekit_host_event **out);
void ddekit_host_event_destroy(struct ddekit_host_event *e);

/**
 * ddekit_host_event_wait() - block until @e is signalled or the monotonic
 * clock reaches @deadline_ns (DDEKIT_HOST_FOREVER: no deadline).
 *
 * Returns 0 when signalled (consuming the signal) or -DDEKIT_ETIMEDOUT.
 * May block.
 */
int ddekit_host_event_wait(struct ddekit_host_event *e, uint64_t deadline_ns);

/** ddekit_host_event_signal() - set @e, waking its waiter. Any context. */
void ddekit_host_event_signal(struct ddekit_host_event *e);

/* ------------------------------------------------------------------------ */
/* PCI                                                                       */

#define DDEKIT_HOST_BAR_IO       0x1u /* I/O port BAR (else memory) */
#define DDEKIT_HOST_BAR_MEM64    0x2u /* 64-bit memory BAR */
#define DDEKIT_HOST_BAR_PREFETCH 0x4u /* prefetchable memory BAR */

/** One BAR as the host found it; size 0 means unused. */
struct ddekit_host_pci_bar {
	uint64_t base;
	uint64_t size;
	uint32_t flags;
};

/**
 * struct ddekit_host_pci_fn - one PCI function the driver server may use.
 * @host: the host's own cookie (lib/ddekit never looks inside it).
 */
struct ddekit_host_pci_fn {
	uint16_t segment;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint16_t subvendor, subdevice;
	uint32_t class_code; /* base class << 16 | subclass << 8 | prog-if */
	uint8_t revision;
	uint8_t irq_line; /* legacy line (0xff: none) */
	uint8_t irq_pin;  /* 1..4 = INTA..INTD, 0: none */
	struct ddekit_host_pci_bar bar[6];
	void *host;
};

/**
 * ddekit_host_pci_enumerate() - list the PCI functions this server may use.
 * @fns:   array to fill (may be NULL when @max is 0).
 * @max:   its length.
 * @count: out: how many functions exist.
 *
 * Fills min(@max, *@count) entries in bus/dev/fn order; the records (and their
 * @host cookies) stay valid until ddekit_host_fini(). Call with @max = 0 to
 * learn the count. May block.
 */
int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *fns, unsigned max,
                              unsigned *count);

/**
 * ddekit_host_pci_cfg_read() / _write() - configuration space access.
 * @width: 1, 2 or 4 bytes; @off must be aligned to it.
 *
 * Returns -DDEKIT_EINVAL for bad width/offset, -DDEKIT_EIO if the access
 * failed. Never blocks for long (usable from interrupt threads).
 */
int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val);
int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val);

/**
 * ddekit_host_pci_enable() - prepare @fn for use: power it up and enable
 * decoding of its I/O and memory BARs (bus mastering is lib/ddekit's job,
 * through the command register). May block.
 */
int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn);

/* ------------------------------------------------------------------------ */
/* Interrupts                                                                */

enum ddekit_host_irq_kind {
	DDEKIT_HOST_IRQ_LINE = 0,     /* a legacy/GSI line number */
	DDEKIT_HOST_IRQ_PCI_INTX = 1, /* the INTx pin of a PCI function */
	DDEKIT_HOST_IRQ_PCI_MSI = 2,  /* MSI vector of a PCI function */
	DDEKIT_HOST_IRQ_PCI_MSIX = 3, /* MSI-X vector of a PCI function */
};

struct ddekit_host_irq;

/**
 * ddekit_host_irq_attach() - get an interrupt source.
 * @kind:   what @number and @fn mean.
 * @number: the line for DDEKIT_HOST_IRQ_LINE, the vector index for MSI/MSI-X,
 *          ignored for INTx.
 * @fn:     the PCI function (NULL for a line).
 *
 * The source starts unmasked. Level-triggered sources are masked by the host
 * when it reports an interrupt and stay masked until ddekit_host_irq_unmask().
 * Returns -DDEKIT_ENODEV (no such source), -DDEKIT_EBUSY (attached already),
 * -DDEKIT_ENOSYS (kind unsupported), -DDEKIT_EACCES. May block.
 */
int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out);

/**
 * ddekit_host_irq_wait() - block until the source fires.
 *
 * Only one thread waits on a source. Returns the number of interrupts since
 * the last wait (>= 1), or -DDEKIT_ECANCELED after ddekit_host_irq_cancel().
 * May block.
 */
int ddekit_host_irq_wait(struct ddekit_host_irq *irq);

/** ddekit_host_irq_unmask() - re-enable a source after it fired (and after
 * the handlers ran). Never blocks. */
int ddekit_host_irq_unmask(struct ddekit_host_irq *irq);

/** ddekit_host_irq_cancel() - make the waiter's current or next
 * ddekit_host_irq_wait() return -DDEKIT_ECANCELED. Any thread. */
void ddekit_host_irq_cancel(struct ddekit_host_irq *irq);

/** ddekit_host_irq_detach() - release the source; nobody may be waiting. */
void ddekit_host_irq_detach(struct ddekit_host_irq *irq);

/* ------------------------------------------------------------------------ */
/* I/O ports and device memory                                               */

/**
 * ddekit_host_io_request() - get access to ports [@port, @port + @count).
 * Returns -DDEKIT_EACCES / -DDEKIT_EPERM if the host refuses (with a console
 * message saying what is missing). lib/ddekit does the bookkeeping of who
 * requested what; the host only grants access. May block.
 */
int ddekit_host_io_request(uint64_t port, uint64_t count);
void ddekit_host_io_release(uint64_t port, uint64_t count);

/** ddekit_host_io_read() / _write() - port access; @width is 1, 2 or 4. */
uint32_t ddekit_host_io_read(uint64_t port, unsigned width);
void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val);

/**
 * ddekit_host_mmio_map() - map device memory at physical (BAR) address @phys.
 * Returns -DDEKIT_ENODEV when no device the server owns decodes the range,
 * -DDEKIT_EACCES when the host refuses. May block.
 */
int ddekit_host_mmio_map(uint64_t phys, uint64_t size, void **virt);
void ddekit_host_mmio_unmap(void *virt, uint64_t size);

/**
 * ddekit_host_mmio_read() / _write() - one device-memory access of @width
 * 1, 2, 4 or 8 bytes at @addr inside a mapping. Accesses are not merged,
 * split or reordered with respect to each other or to DMA memory accesses
 * (each one carries the barrier it needs). Any context.
 */
uint64_t ddekit_host_mmio_read(const volatile void *addr, unsigned width);
void ddekit_host_mmio_write(volatile void *addr, unsigned width, uint64_t val);

DDEKIT_END_DECLS

#endif /* DDEKIT_HOST_H */
