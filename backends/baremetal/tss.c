/*
 * tss.c — a task-state segment, for its interrupt stack table only.
 *
 * A ring-0 exception stays on the current stack, so a thread that has run
 * into its guard page could not even take the page fault: the CPU's push
 * of the exception frame would fault again (a double fault) and then
 * reset the machine. Vectors with an IST index switch to a stack of their
 * own instead (SDM vol. 3A, 6.14.5): the page fault and the double fault
 * get one each, so that a fault while reporting a fault still reports.
 * boot.S's GDT has no room for the TSS descriptor: this one replaces it,
 * with the same code and data selectors.
 */
#include "bm.h"

#define IST_SIZE 8192

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iomap_base;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[5] __attribute__((aligned(16)));
static uint8_t ist_stacks[2][IST_SIZE] __attribute__((aligned(16)));

void bm_tss_init(void)
{
	uint64_t base = (uintptr_t)&tss, limit = sizeof(tss) - 1;
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = {sizeof(gdt) - 1, (uintptr_t)gdt};

	tss.ist[BM_IST_PAGE_FAULT - 1] = (uintptr_t)ist_stacks[0] + IST_SIZE;
	tss.ist[BM_IST_DOUBLE_FAULT - 1] = (uintptr_t)ist_stacks[1] + IST_SIZE;
	tss.iomap_base = sizeof(tss); /* no I/O bitmap: ring 0 only */

	gdt[1] = 0x00af9a000000ffffull; /* 64-bit code, as in boot.S */
	gdt[2] = 0x00cf92000000ffffull; /* data */
	/* Available 64-bit TSS (type 9), present: SDM vol. 3A, 7.2.3. */
	gdt[3] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
	         (limit >> 16 & 0xf) << 48 | (base >> 24 & 0xff) << 56;
	gdt[4] = base >> 32;
	__asm__ volatile("lgdt %0; ltr %w1"
	                 :
	                 : "m"(ptr), "r"(BM_SEL_TSS)
	                 : "memory");
}
