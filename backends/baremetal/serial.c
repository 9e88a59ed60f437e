/*
 * serial.c — the console: a 16550 UART, polled; COM1 (port 0x3f8) until
 * the hardware description names another.
 *
 * Polling needs no interrupt line and works before anything else is set up
 * (panics in early boot still print). 115200 8N1 is QEMU's default view of
 * the line; QEMU transmits instantly, real UARTs make us wait for THRE.
 */
#include "bm.h"

#define COM1     0x3f8
#define UART_THR 0 /* transmit holding register (DLAB = 0) */
#define UART_DLL 0 /* divisor latch low (DLAB = 1) */
#define UART_IER 1
#define UART_DLH 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20
#define LCR_DLAB 0x80
#define LCR_8N1  0x03

/* COM1 until the hardware description names the console (fdt.c): early
 * boot and its panics need output before any description is read. */
static uint16_t uart = COM1;

void bm_serial_setup(uint16_t port, unsigned divisor)
{
	uint64_t flags = bm_irq_save();

	uart = port;
	bm_outb(uart + UART_IER, 0); /* polled: no UART interrupts */
	bm_outb(uart + UART_LCR, LCR_DLAB);
	/* The divisor of the 1.8432 MHz clock / 16: 1 is 115200 baud. */
	bm_outb(uart + UART_DLL, (uint8_t)divisor);
	bm_outb(uart + UART_DLH, (uint8_t)(divisor >> 8));
	bm_outb(uart + UART_LCR, LCR_8N1);
	bm_outb(uart + UART_FCR, 0x07); /* FIFOs on and cleared */
	bm_outb(uart + UART_MCR, 0x03); /* DTR, RTS */
	bm_irq_restore(flags);
}

void bm_serial_init(void)
{
	bm_serial_setup(COM1, 1);
}

static void put(char c)
{
	unsigned spins = 100000;

	/* A missing UART reads 0xff; give up rather than hang. */
	while (!(bm_inb(uart + UART_LSR) & LSR_THRE) && --spins)
		;
	bm_outb(uart + UART_THR, (uint8_t)c);
}

void bm_serial_write(const char *buf, size_t len)
{
	uint64_t flags = bm_irq_save(); /* one piece is never interleaved */
	size_t i;

	for (i = 0; i < len; i++)
		put(buf[i]);
	bm_irq_restore(flags);
}
