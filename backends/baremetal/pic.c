/*
 * pic.c — the two cascaded 8259A interrupt controllers of the PC.
 *
 * The BIOS leaves them on vectors 0x08-0x0f, which collide with CPU
 * exceptions in protected mode; they are re-initialised to 0x20-0x2f
 * (8259A datasheet: ICW1-ICW4). Whether a line is edge or level triggered
 * is the chipset's ELCR (ports 0x4d0/0x4d1, PIIX3), which the firmware set
 * for the lines it gave to PCI; we leave it as it is.
 */
#include "bm.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT 0x11 /* edge (ELCR overrides per line), cascade, ICW4 */
#define ICW4_8086 0x01
#define OCW2_EOI  0x20
#define OCW3_ISR  0x0b
#define CASCADE   2

static uint16_t mask = 0xffff & ~(1u << CASCADE);

static void write_mask(void)
{
	bm_outb(PIC1_DATA, (uint8_t)mask);
	bm_outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void bm_pic_init(void)
{
	bm_outb(PIC1_CMD, ICW1_INIT);
	bm_outb(PIC2_CMD, ICW1_INIT);
	bm_outb(PIC1_DATA, BM_VEC_PIC);
	bm_outb(PIC2_DATA, BM_VEC_PIC + 8);
	bm_outb(PIC1_DATA, 1u << CASCADE); /* slave on line 2 */
	bm_outb(PIC2_DATA, CASCADE);       /* slave's cascade identity */
	bm_outb(PIC1_DATA, ICW4_8086);
	bm_outb(PIC2_DATA, ICW4_8086);
	write_mask();
}

void bm_pic_mask(unsigned line)
{
	uint64_t flags = bm_irq_save();

	mask |= 1u << line;
	write_mask();
	bm_irq_restore(flags);
}

void bm_pic_unmask(unsigned line)
{
	uint64_t flags = bm_irq_save();

	mask &= ~(1u << line);
	write_mask();
	bm_irq_restore(flags);
}

void bm_pic_eoi(unsigned line)
{
	if (line >= 8)
		bm_outb(PIC2_CMD, OCW2_EOI);
	bm_outb(PIC1_CMD, OCW2_EOI);
}

/*
 * A line that drops before the CPU acknowledges it is delivered as line 7
 * (or 15) with its in-service bit clear. It gets no EOI from its own PIC;
 * a spurious 15 still needs one for the cascade line on the master.
 */
int bm_pic_spurious(unsigned line)
{
	if (line == 7) {
		bm_outb(PIC1_CMD, OCW3_ISR);
		return !(bm_inb(PIC1_CMD) & 0x80);
	}
	if (line == 15) {
		bm_outb(PIC2_CMD, OCW3_ISR);
		if (bm_inb(PIC2_CMD) & 0x80)
			return 0;
		bm_outb(PIC1_CMD, OCW2_EOI);
		return 1;
	}
	return 0;
}
