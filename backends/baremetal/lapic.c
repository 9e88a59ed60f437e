/*
 * lapic.c — the local APIC, for MSI only: an MSI is a memory write to
 * 0xfee00000 | (APIC ID << 12) with the vector in the data (SDM vol. 3A,
 * 10.11), which the local APIC delivers and which wants an EOI there.
 * Legacy lines keep going through the 8259, which reaches the CPU through
 * LINT0 in ExtINT mode ("virtual wire", MP spec 3.6.2.2).
 */
#include "bm.h"

#define IA32_APIC_BASE 0x1b
#define APIC_BASE_EN   (1u << 11)
#define REG_ID         0x020
#define REG_EOI        0x0b0
#define REG_SVR        0x0f0
#define REG_LINT0      0x350
#define REG_LINT1      0x360
#define SVR_ENABLE     0x100
#define LVT_EXTINT     0x700
#define LVT_NMI        0x400
#define LVT_MASKED     0x10000

static volatile uint32_t *apic;

static uint32_t rd(unsigned reg)
{
	return apic[reg / 4];
}

static void wr(unsigned reg, uint32_t v)
{
	apic[reg / 4] = v;
}

int bm_lapic_init(void)
{
	uint32_t a, b, c, d, lo, hi;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
	if (!(d & (1u << 9))) /* CPUID.01H:EDX.APIC */
		return -1;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(IA32_APIC_BASE));
	if (!(lo & APIC_BASE_EN))
		return -1;
	apic = (volatile uint32_t *)(uintptr_t)(((uint64_t)hi << 32) |
	                                        (lo & 0xfffff000u));
	if (bm_map_device((uintptr_t)apic, BM_PAGE) < 0)
		return -1;
	/* Enabling the APIC may leave the LVT entries masked: route the 8259
	 * through LINT0 and NMI through LINT1 explicitly. */
	wr(REG_SVR, SVR_ENABLE | BM_VEC_SPUR);
	wr(REG_LINT0, LVT_EXTINT);
	wr(REG_LINT1, LVT_NMI);
	return 0;
}

/* With the IOAPIC in charge the 8259 must not reach the CPU as well. */
void bm_lapic_disable_extint(void)
{
	wr(REG_LINT0, LVT_MASKED | LVT_EXTINT);
}

void bm_lapic_eoi(void)
{
	if (apic)
		wr(REG_EOI, 0);
}

uint32_t bm_lapic_id(void)
{
	return apic ? rd(REG_ID) >> 24 : 0;
}

int bm_lapic_present(void)
{
	return apic != NULL;
}
