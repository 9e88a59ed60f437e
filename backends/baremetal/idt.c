/*
 * idt.c — the interrupt descriptor table and the C side of every trap.
 *
 * Vectors: 0-31 CPU exceptions (fatal here: a driver server has nothing to
 * recover with), 0x20-0x2f the ISA lines (8259 or IOAPIC), 0x40-0x4f MSI, 0xff
 * the local APIC's spurious vector. All are interrupt gates (SDM vol. 3A,
 * 6.12.1.2), so handlers run with interrupts off and never nest. The page
 * fault and the double fault run on stacks of their own (tss.c), so that a
 * thread that overflowed into its guard page can still be reported.
 */
#include "bm.h"

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type;
	uint16_t off_mid;
	uint32_t off_hi, zero;
} __attribute__((packed));

extern char bm_isr_stubs[];
static struct idt_gate idt[256] __attribute__((aligned(16)));

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "BOUND range",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor overrun",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection",
    "page fault",
    "reserved",
    "x87 FP error",
    "alignment check",
    "machine check",
    "SIMD FP error",
    "virtualization",
    "control protection",
};

void bm_idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = {sizeof(idt) - 1, (uintptr_t)idt};

	for (int v = 0; v < 256; v++) {
		uint64_t off = (uintptr_t)bm_isr_stubs + 16 * v;

		idt[v].off_lo = (uint16_t)off;
		idt[v].sel = 0x08;  /* boot.S's code segment */
		idt[v].type = 0x8e; /* present, DPL 0, 64-bit interrupt gate */
		idt[v].off_mid = (uint16_t)(off >> 16);
		idt[v].off_hi = (uint32_t)(off >> 32);
	}
	bm_tss_init();
	idt[14].ist = BM_IST_PAGE_FAULT;
	idt[8].ist = BM_IST_DOUBLE_FAULT;
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

/* Page-fault error code bits: SDM vol. 3A, 4.7. */
#define PF_WRITE 0x2
#define PF_FETCH 0x10

/* Names the two page faults that have a cause we know; 1 if it did. */
static int page_fault_cause(const struct bm_frame *f, uint64_t cr2)
{
	const char *access = f->error & PF_FETCH   ? "call"
	                     : f->error & PF_WRITE ? "write"
	                                           : "read";
	struct bm_thread *t;

	if (cr2 < BM_PAGE) {
		bm_printf("\nPANIC: NULL pointer dereference (%s at 0x%lx)\n",
		          access, cr2);
		return 1;
	}
	t = bm_stack_guard_owner(cr2);
	if (t) {
		bm_printf("\nPANIC: stack overflow in thread %s (%s at 0x%lx, "
		          "its guard page)\n",
		          bm_thread_name(t), access, cr2);
		return 1;
	}
	return 0;
}

static BM_NORETURN void exception(const struct bm_frame *f)
{
	uint64_t cr2;
	const char *name = f->vector < 32 && exception_names[f->vector]
	                       ? exception_names[f->vector]
	                       : "reserved";
	int known;

	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	known = f->vector == 14 && page_fault_cause(f, cr2);
	if (f->vector == 7) { /* CR0.TS: see fpu.c */
		bm_printf("\nPANIC: SSE instruction in thread %s, which does "
		          "not own the FPU (baremetal_fpu_claim())\n",
		          bm_thread_name(bm_current()));
		known = 1;
	}
	bm_printf("%sCPU exception %lu (%s), error code 0x%lx, in "
	          "thread \"%s\"\n",
	          known ? "  " : "\nPANIC: ", f->vector, name, f->error,
	          bm_thread_name(bm_current()));
	bm_printf("  rip %016lx  rsp %016lx  rflags %016lx  cr2 %016lx\n",
	          f->rip, f->rsp, f->rflags, cr2);
	bm_printf("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", f->rax,
	          f->rbx, f->rcx, f->rdx);
	bm_printf("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", f->rsi,
	          f->rdi, f->rbp, f->r8);
	bm_printf("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", f->r9,
	          f->r10, f->r11, f->r12);
	bm_printf("  r13 %016lx  r14 %016lx  r15 %016lx\n", f->r13, f->r14,
	          f->r15);
	bm_printf("  at 0x%lx\n", f->rip);
	bm_backtrace(f->rbp);
	bm_exit(BM_EXIT_FAILURE);
}

void bm_trap(struct bm_frame *f);
void bm_trap(struct bm_frame *f)
{
	uint64_t v = f->vector;

	if (v < 32)
		exception(f);
	bm_in_irq++;
	if (v >= BM_VEC_PIC && v < BM_VEC_PIC + 16) {
		unsigned line = v - BM_VEC_PIC;

		if (bm_line_spurious(line))
			goto out;
		if (line == 0) {
			bm_line_eoi(0);
			bm_sched_tick();
		} else {
			/* Level-triggered lines stay asserted until a driver
			 * serviced the device: masked until irq_unmask. */
			bm_line_ack(line);
			bm_irq_line_fired(line);
		}
	} else if (v >= BM_VEC_MSI && v < BM_VEC_MSI + BM_NR_MSI) {
		bm_lapic_eoi();
		bm_irq_msi_fired(v - BM_VEC_MSI);
	} else if (v != BM_VEC_SPUR) { /* spurious: no EOI (SDM 10.9) */
		bm_printf("bare metal: unexpected interrupt vector 0x%lx\n", v);
	}
out:
	bm_in_irq--;
	bm_sched_irq_exit();
}
