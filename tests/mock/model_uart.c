/*
 * model_uart.c — a 16550A UART at ISA ports, enough for a driver's probe and
 * polled output: eight byte registers, a working scratch register, a line
 * status that always reports an empty transmitter, and a receiver that never
 * has data. Transmitted bytes go to a log (kept, never printed), so output
 * does not mix with the test's own. No interrupts.
 *
 * Offsets (DLAB = LCR bit 7 selects the divisor latch at 0 and 1):
 *   0 RBR (read) / THR (write) / DLL    1 IER / DLM
 *   2 IIR (read) / FCR (write)          3 LCR
 *   4 MCR    5 LSR    6 MSR    7 SCR
 */
#include "mock_internal.h"

#include <stdlib.h>

#define UART_LCR_DLAB 0x80u
#define UART_LSR_THRE 0x20u /* transmit holding register empty */
#define UART_LSR_TEMT 0x40u /* transmitter empty */
#define UART_IIR_NONE 0x01u /* no interrupt pending */
#define UART_IIR_FIFO 0xc0u /* FIFOs enabled */
#define UART_LOG_SIZE 4096u

struct uart {
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	bool fifo;
	char log[UART_LOG_SIZE];
	size_t log_len; /* bytes beyond the log's size are dropped */
};

static int uart_create(struct mock_device *dev, const void *fdt, int node)
{
	struct uart *u = calloc(1, sizeof(*u));

	(void)fdt;
	(void)node;
	if (!u)
		return -DDEKIT_ENOMEM;
	u->dll = 0x0c; /* 9600 baud from the usual 1.8432 MHz clock */
	mock_device_set_priv(dev, u);
	return 0;
}

static void uart_destroy(struct mock_device *dev)
{
	free(mock_device_priv(dev));
}

static uint64_t uart_read(struct mock_device *dev, unsigned bar, uint64_t off,
                          unsigned width)
{
	struct uart *u = mock_device_priv(dev);
	bool dlab = u->lcr & UART_LCR_DLAB;

	(void)bar;
	(void)width;
	switch (off) {
	case 0:
		return dlab ? u->dll : 0;
	case 1:
		return dlab ? u->dlm : u->ier;
	case 2:
		return UART_IIR_NONE | (u->fifo ? UART_IIR_FIFO : 0);
	case 3:
		return u->lcr;
	case 4:
		return u->mcr;
	case 5:
		return UART_LSR_THRE | UART_LSR_TEMT;
	case 6:
		return 0;
	case 7:
		return u->scr;
	}
	return mock__ones(width);
}

static void uart_write(struct mock_device *dev, unsigned bar, uint64_t off,
                       unsigned width, uint64_t val)
{
	struct uart *u = mock_device_priv(dev);
	bool dlab = u->lcr & UART_LCR_DLAB;
	uint8_t v = (uint8_t)val;

	(void)bar;
	(void)width;
	switch (off) {
	case 0:
		if (dlab)
			u->dll = v;
		else if (u->log_len < UART_LOG_SIZE)
			u->log[u->log_len++] = (char)v;
		break;
	case 1:
		if (dlab)
			u->dlm = v;
		else
			u->ier = v & 0x0f;
		break;
	case 2:
		u->fifo = v & 0x01;
		break;
	case 3:
		u->lcr = v;
		break;
	case 4:
		u->mcr = v & 0x1f;
		break;
	case 7:
		u->scr = v;
		break;
	}
}

const struct mock_model mock_model_uart = {
    .compatible = "ns16550a",
    .create = uart_create,
    .destroy = uart_destroy,
    .read = uart_read,
    .write = uart_write,
};
