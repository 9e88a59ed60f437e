/*
 * fpu.c — SSE for one thread.
 *
 * Everything in the image is built with -mgeneral-regs-only, so a context
 * switch saves general registers only. A program that needs floating
 * point (printing a rate with %.1f) may still have it in one thread: that
 * thread claims the FPU, its code is compiled with SSE, and nobody else
 * touches the SSE registers, so they need no saving. CR0.TS is kept set
 * while any other thread runs, which turns a stray SSE instruction there
 * into a "device not available" exception naming the culprit instead of
 * silently corrupting the owner's registers (SDM vol. 3A, 2.5 and 13.1).
 */
#include "baremetal.h"
#include "bm.h"

#define CR0_MP     (1ull << 1)
#define CR0_EM     (1ull << 2)
#define CR0_TS     (1ull << 3)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMM  (1ull << 10)

static struct bm_thread *owner;

static void set_ts(int on)
{
	uint64_t cr0;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	if (!!(cr0 & CR0_TS) == on)
		return;
	cr0 = on ? cr0 | CR0_TS : cr0 & ~CR0_TS;
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0) : "memory");
}

void bm_fpu_init(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("mov %%cr0, %0; mov %%cr4, %1" : "=r"(cr0), "=r"(cr4));
	cr0 = (cr0 | CR0_MP) & ~CR0_EM;
	cr4 |= CR4_OSFXSR | CR4_OSXMM;
	__asm__ volatile("mov %0, %%cr0; mov %1, %%cr4; fninit"
	                 :
	                 : "r"(cr0), "r"(cr4)
	                 : "memory");
	set_ts(1);
}

void bm_fpu_switch(struct bm_thread *next)
{
	set_ts(!owner || next != owner);
}

struct bm_thread *bm_fpu_owner(void)
{
	return owner;
}

int baremetal_fpu_claim(void)
{
	uint64_t flags = bm_irq_save();
	int rc = 0;

	if (owner && owner != bm_current()) {
		rc = -1;
		goto out;
	}
	owner = bm_current();
	set_ts(0);
out:
	bm_irq_restore(flags);
	return rc;
}
