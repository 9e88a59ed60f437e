/*
 * pci.c — PCI configuration mechanism #1 (PCI Local Bus spec 3.0, 3.2.2.3.2):
 * write the function's address to 0xcf8, access the dword at 0xcfc. The
 * two steps must not be split by another access, hence interrupts off (a
 * preempting thread could be an interrupt thread reading its status).
 */
#include "bm.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA    0xcfc

static void select_dword(unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	bm_outl(CONFIG_ADDRESS,
	        0x80000000u | bus << 16 | dev << 11 | fn << 8 | (off & 0xfc));
}

uint32_t bm_pci_read(unsigned bus, unsigned dev, unsigned fn, unsigned off,
                     unsigned width)
{
	uint64_t flags = bm_irq_save();
	uint16_t port = CONFIG_DATA + (off & 3);
	uint32_t v;

	select_dword(bus, dev, fn, off);
	v = width == 1   ? bm_inb(port)
	    : width == 2 ? bm_inw(port)
	                 : bm_inl(port);
	bm_irq_restore(flags);
	return v;
}

void bm_pci_write(unsigned bus, unsigned dev, unsigned fn, unsigned off,
                  unsigned width, uint32_t val)
{
	uint64_t flags = bm_irq_save();
	uint16_t port = CONFIG_DATA + (off & 3);

	select_dword(bus, dev, fn, off);
	if (width == 1)
		bm_outb(port, (uint8_t)val);
	else if (width == 2)
		bm_outw(port, (uint16_t)val);
	else
		bm_outl(port, val);
	bm_irq_restore(flags);
}
