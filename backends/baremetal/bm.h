/*
 * bm.h — what the files of the bare-metal backend share.
 *
 * One CPU, one address space mapped 1:1 (virtual = physical = bus), ring 0.
 * Mutual exclusion inside the backend is "interrupts off" (bm_irq_save()):
 * with one CPU, nothing else can run while they are.
 */
#ifndef BAREMETAL_BM_H
#define BAREMETAL_BM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define BM_NORETURN __attribute__((noreturn))

/* ---- CPU --------------------------------------------------------------- */

static inline void bm_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void bm_outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void bm_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint8_t bm_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint16_t bm_inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint32_t bm_inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint64_t bm_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Interrupts off; returns the previous RFLAGS for bm_irq_restore(). */
static inline uint64_t bm_irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void bm_irq_restore(uint64_t flags)
{
	if (flags & 0x200) /* RFLAGS.IF */
		__asm__ volatile("sti" : : : "memory");
}

/* ---- exit, console, panic ---------------------------------------------- */

/*
 * Values written to QEMU's isa-debug-exit port (0xf4); QEMU exits with
 * status (value << 1) | 1, so success is 33 and failure 35 (a status of 0
 * is impossible on purpose: it would look like a normal QEMU exit).
 */
#define BM_DEBUG_EXIT_PORT 0xf4
#define BM_EXIT_SUCCESS    0x10
#define BM_EXIT_FAILURE    0x11

BM_NORETURN void bm_exit(unsigned code);

void bm_serial_init(void);
/* Moves the console to the 16550 at @port with the given divisor of
 * 115200 baud (the hardware description's stdout-path). */
void bm_serial_setup(uint16_t port, unsigned divisor);
void bm_serial_write(const char *buf, size_t len);

void bm_vprintf(const char *fmt, va_list ap);
__attribute__((format(printf, 1, 2))) void bm_printf(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) BM_NORETURN void bm_panic(const char *fmt,
                                                                ...);
void bm_backtrace(uint64_t rbp);

/* ---- boot information (multiboot.c) ------------------------------------ */

void bm_multiboot_parse(uint32_t magic, uint32_t info);
extern int bm_argc;
extern char **bm_argv;

/* The loader's modules (qemu -initrd), in their order; reserved memory. */
#define BM_MAX_MODULES 8
struct bm_module {
	const void *data;
	size_t len;
};
extern struct bm_module bm_modules[BM_MAX_MODULES];
extern unsigned bm_module_count;

/* ---- hardware description (fdt.c, stack_guard.c) ----------------------- */

/* Picks the flattened device tree (a module, else the built-in one) and
 * moves the console to its /chosen/stdout-path. After bm_multiboot_parse. */
void bm_fdt_init(void);
/* Gives prebuilt code compiled with -fstack-protector (libfdt.a) its
 * canary at %fs:0x28. First thing at boot. */
void bm_stack_guard_init(void);

/* ---- memory (pages.c, heap.c, paging.c) -------------------------------- */

#define BM_PAGE 4096u
/* The frame allocator covers RAM below 4 GiB, all of it identity mapped. */
#define BM_MAX_PHYS (4ull << 30)

void bm_pages_add(uint64_t base, uint64_t len);
void bm_pages_reserve(uint64_t base, uint64_t len);
int bm_pages_alloc(size_t npages, uint64_t low, uint64_t high, uint64_t align,
                   uint64_t boundary, uint64_t *out);
void bm_pages_free(uint64_t addr, size_t npages);
size_t bm_pages_free_count(void);
int bm_pages_is_ram(uint64_t addr, uint64_t size);

void *bm_heap_alloc(size_t size, size_t align);
void bm_heap_free(void *p, size_t size);
long bm_heap_live(void);
/* Whole zeroed pages under bus constraints (DMA memory); freed with
 * bm_heap_free(). 0 or a negative DDEKIT_E* code. */
int bm_heap_alloc_pages(size_t size, uint64_t low, uint64_t high,
                        uint64_t align, uint64_t boundary, uint64_t *out);

int bm_map_device(uint64_t phys, uint64_t size);
/* Takes the 4 KiB page at @addr (below 4 GiB) out of the map, or puts it
 * back; 0 or a negative DDEKIT_E* code. */
int bm_page_set_present(uint64_t addr, int present);
/* Whether a read of @addr would not fault (for the backtrace walker). */
int bm_page_present(uint64_t addr);
/* Unmaps page 0 and the boot stack's guard page: after the last read of
 * the BIOS data area (acpi.c, from bm_intc_init()). */
void bm_paging_protect(void);

/* ---- interrupts (idt.c, pic.c, lapic.c) -------------------------------- */

struct bm_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

#define BM_VEC_PIC  0x20 /* the 16 ISA lines: 0x20..0x2f */
#define BM_VEC_MSI  0x40 /* MSI vectors: 0x40..0x4f */
#define BM_NR_MSI   16
#define BM_VEC_SPUR 0xff /* local APIC spurious vector */

/* The IST stacks of the page fault and double fault (tss.c). */
#define BM_IST_PAGE_FAULT   1
#define BM_IST_DOUBLE_FAULT 2
#define BM_SEL_TSS          0x18
void bm_tss_init(void);
void bm_idt_init(void);

void bm_pic_init(void);
void bm_pic_mask(unsigned line);
void bm_pic_unmask(unsigned line);
void bm_pic_eoi(unsigned line);
int bm_pic_spurious(unsigned line);

/* ISA lines 0-15 on whichever controller carries them (intc.c). */
void bm_intc_init(void);
void bm_line_mask(unsigned line);
void bm_line_unmask(unsigned line);
void bm_line_ack(unsigned line); /* mask if level-triggered, and EOI */
void bm_line_eoi(unsigned line);
int bm_line_spurious(unsigned line);

#define BM_NO_GSI UINT32_MAX /* an ISA line that reaches no IOAPIC pin */

struct bm_madt {
	uint32_t ioapic, gsi_base, overrides;
	uint32_t isa_gsi[16];
	uint16_t isa_flags[16]; /* MPS INTI flags: polarity, trigger */
};

int bm_acpi_madt(struct bm_madt *out);
int bm_ioapic_init(void);
void bm_ioapic_mask(unsigned line);
void bm_ioapic_unmask(unsigned line);
int bm_ioapic_level(unsigned line);

int bm_lapic_init(void);
void bm_lapic_disable_extint(void);
void bm_lapic_eoi(void);
uint32_t bm_lapic_id(void);
int bm_lapic_present(void);

/* Called by the trap dispatcher with interrupts off (host_irq.c). */
void bm_irq_line_fired(unsigned line);
void bm_irq_msi_fired(unsigned index);

/* ---- time (pit.c, tsc.c) ----------------------------------------------- */

#define BM_TICK_HZ 1000u

void bm_pit_start_tick(unsigned hz);
uint64_t bm_pit_measure_tsc(unsigned ms);
void bm_tsc_init(void);
uint64_t bm_clock_ns(void);

/* ---- threads (sched.c) ------------------------------------------------- */

#define BM_PRIO_IDLE    (-1)
#define BM_NR_PRIO      3
#define BM_WAKE_SIGNAL  1
#define BM_WAKE_TIMEOUT 2
#define BM_FOREVER      UINT64_MAX

struct bm_thread;

/* A FIFO of blocked threads; lives inside mutexes, events, irq sources. */
struct bm_waitq {
	struct bm_thread *head, *tail;
};

void bm_sched_init(void);
int bm_thread_create(const char *name, int prio, void (*fn)(void *), void *arg);
BM_NORETURN void bm_thread_exit(void);
void bm_thread_yield(void);
struct bm_thread *bm_current(void);
void **bm_thread_data(struct bm_thread *t);
const char *bm_thread_name(struct bm_thread *t);
long bm_thread_count(void);
/* SSE for the one thread that claimed it (fpu.c): CR0.TS set for every
 * other; bm_fpu_switch() from the scheduler before running @next. */
void bm_fpu_init(void);
void bm_fpu_switch(struct bm_thread *next);
struct bm_thread *bm_fpu_owner(void);
/* The thread whose stack guard page holds @addr, or NULL. */
struct bm_thread *bm_stack_guard_owner(uint64_t addr);

/* With interrupts off: block on @q until woken or @deadline (BM_FOREVER:
 * none); returns BM_WAKE_SIGNAL or BM_WAKE_TIMEOUT. */
int bm_block(struct bm_waitq *q, uint64_t deadline);
/* With interrupts off: the first waiter of @q, removed, or NULL. */
struct bm_thread *bm_waitq_pop(struct bm_waitq *q);
/* With interrupts off: make @t runnable, reporting BM_WAKE_SIGNAL. */
void bm_wake(struct bm_thread *t);
/* With interrupts on or off: switch now if a wakeup asked for it and we
 * are not inside an interrupt handler. */
void bm_preempt_check(void);

/* Timer tick and end-of-interrupt hook, from the trap dispatcher. */
void bm_sched_tick(void);
void bm_sched_irq_exit(void);
extern int bm_in_irq;

/* ---- PCI (pci.c) ------------------------------------------------------- */

uint32_t bm_pci_read(unsigned bus, unsigned dev, unsigned fn, unsigned off,
                     unsigned width);
void bm_pci_write(unsigned bus, unsigned dev, unsigned fn, unsigned off,
                  unsigned width, uint32_t val);

/* ---- counters for the leak report at ddekit_host_fini() ------------------ */

struct bm_counts {
	long threads; /* started by ddekit_host_thread_start(), still alive */
	long mutexes;
	long events;
	long irqs;
	long dma_maps;
};

extern struct bm_counts bm_live;

#endif /* BAREMETAL_BM_H */
