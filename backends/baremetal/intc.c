/*
 * intc.c — which interrupt controller carries the ISA lines: the IOAPIC
 * when the ACPI MADT describes one, else the 8259 pair. The rest of the
 * backend names lines 0-15 and calls these.
 */
#include "bm.h"

static int use_ioapic;

void bm_intc_init(void)
{
	bm_pic_init(); /* remapped even when unused: its spurious vectors
	                  must not land on CPU exceptions */
	if (bm_ioapic_init() == 0) {
		use_ioapic = 1;
		bm_lapic_disable_extint();
	} else {
		bm_printf("bare metal: interrupts through the 8259 PIC\n");
	}
}

void bm_line_mask(unsigned line)
{
	if (use_ioapic)
		bm_ioapic_mask(line);
	else
		bm_pic_mask(line);
}

void bm_line_unmask(unsigned line)
{
	if (use_ioapic)
		bm_ioapic_unmask(line);
	else
		bm_pic_unmask(line);
}

/*
 * An edge on a masked IOAPIC pin is lost (the 8259 latches it in its IRR),
 * so with the IOAPIC only level-triggered lines are held masked while their
 * handler thread runs, as the host contract asks.
 */
void bm_line_ack(unsigned line)
{
	if (use_ioapic) {
		if (bm_ioapic_level(line))
			bm_ioapic_mask(line);
		bm_lapic_eoi();
	} else {
		bm_pic_mask(line);
		bm_pic_eoi(line);
	}
}

void bm_line_eoi(unsigned line)
{
	if (use_ioapic)
		bm_lapic_eoi();
	else
		bm_pic_eoi(line);
}

int bm_line_spurious(unsigned line)
{
	return use_ioapic ? 0 : bm_pic_spurious(line);
}
