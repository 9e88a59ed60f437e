/*
 * stack_guard.c — what code built with -fstack-protector expects of its
 * environment: Debian's libfdt.a (fdt.c) is such code. The x86_64 System V
 * convention reads the canary at %fs:0x28 (the thread control block of a
 * hosted libc) and calls __stack_chk_fail when a frame's copy changed.
 *
 * One CPU, one address space: a single block, set as the FS base once and
 * never switched, serves every thread. The canary's value only has to stay
 * the same while any protected frame is live, so it is fixed at boot.
 */
#include "bm.h"

#define MSR_FS_BASE 0xc0000100u /* Intel SDM vol. 4, table 2-2 */
#define CANARY_SLOT (0x28 / sizeof(uint64_t))

static uint64_t tcb[CANARY_SLOT + 1] __attribute__((aligned(64)));

void __stack_chk_fail(void);

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
	                 :
	                 : "c"(msr), "a"((uint32_t)v),
	                   "d"((uint32_t)(v >> 32)));
}

void bm_stack_guard_init(void)
{
	/* Not a secret here (ring 0, one image): a low byte of 0 still
	 * stops string overruns from reproducing it, as glibc's does. */
	tcb[CANARY_SLOT] = (bm_rdtsc() * 0x9e3779b97f4a7c15ull) & ~0xffull;
	wrmsr(MSR_FS_BASE, (uint64_t)(uintptr_t)tcb);
}

void __stack_chk_fail(void)
{
	bm_panic("stack protector: a frame's canary was overwritten");
}
