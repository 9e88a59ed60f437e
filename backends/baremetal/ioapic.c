/*
 * ioapic.c — the I/O APIC (82093AA datasheet, 3.2): one redirection entry
 * per GSI, each naming a vector, a trigger mode, a polarity and a mask.
 * An ISA line n arrives at GSI isa_gsi[n] (MADT overrides) and is given
 * vector 0x20 + n, so the trap dispatcher sees the same line numbers as
 * with the 8259. End of interrupt goes to the local APIC, which for a
 * level-triggered entry also clears its Remote IRR.
 */
#include "bm.h"

#define IOREGSEL    0x00
#define IOWIN       0x10
#define REG_VER     0x01
#define REG_REDIR   0x10
#define RED_LOW_LVL (1u << 15)
#define RED_ACT_LOW (1u << 13)
#define RED_MASKED  (1u << 16)
#define POL_MASK    0x3
#define POL_LOW     0x3
#define TRIG_MASK   0xc
#define TRIG_LEVEL  0xc

static volatile uint32_t *ioapic;
static struct bm_madt madt;
static unsigned npins;

static uint32_t rd(unsigned reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

static void wr(unsigned reg, uint32_t v)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = v;
}

static unsigned pin_of(unsigned line)
{
	return madt.isa_gsi[line] - madt.gsi_base;
}

int bm_ioapic_level(unsigned line)
{
	return (madt.isa_flags[line] & TRIG_MASK) == TRIG_LEVEL;
}

static void set_mask(unsigned line, int masked)
{
	uint64_t flags;
	unsigned reg;
	uint32_t low;

	if (madt.isa_gsi[line] == BM_NO_GSI || pin_of(line) >= npins)
		return;
	flags = bm_irq_save();
	reg = REG_REDIR + 2 * pin_of(line);
	low = rd(reg);
	wr(reg, masked ? low | RED_MASKED : low & ~RED_MASKED);
	bm_irq_restore(flags);
}

void bm_ioapic_mask(unsigned line)
{
	set_mask(line, 1);
}

void bm_ioapic_unmask(unsigned line)
{
	set_mask(line, 0);
}

int bm_ioapic_init(void)
{
	if (bm_acpi_madt(&madt) < 0 || !bm_lapic_present())
		return -1;
	if (bm_map_device(madt.ioapic, BM_PAGE) < 0)
		return -1;
	ioapic = (volatile uint32_t *)(uintptr_t)madt.ioapic;
	npins = ((rd(REG_VER) >> 16) & 0xff) + 1;
	for (unsigned pin = 0; pin < npins; pin++)
		wr(REG_REDIR + 2 * pin, RED_MASKED);
	for (unsigned line = 0; line < 16; line++) {
		uint32_t low = (BM_VEC_PIC + line) | RED_MASKED;

		if (madt.isa_gsi[line] == BM_NO_GSI || pin_of(line) >= npins)
			continue;
		if ((madt.isa_flags[line] & POL_MASK) == POL_LOW)
			low |= RED_ACT_LOW;
		if (bm_ioapic_level(line))
			low |= RED_LOW_LVL;
		/* Physical destination: this CPU's APIC ID (bits 63:56). */
		wr(REG_REDIR + 2 * pin_of(line) + 1, bm_lapic_id() << 24);
		wr(REG_REDIR + 2 * pin_of(line), low);
	}
	bm_printf("bare metal: interrupts through the IOAPIC at 0x%x (%u "
	          "pins, %u ISA overrides)\n",
	          madt.ioapic, npins, madt.overrides);
	return 0;
}
