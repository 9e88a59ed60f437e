/*
 * pit.c — the 8254 programmable interval timer (1.193182 MHz input).
 *
 * Channel 0 (IRQ 0) gives the scheduler's periodic tick. Channel 2, whose
 * gate and output are in port 0x61, times a fixed interval once at boot to
 * calibrate the TSC (8254 datasheet, modes 0 and 2).
 */
#include "bm.h"

#define PIT_HZ    1193182u
#define PIT_CH0   0x40
#define PIT_CH2   0x42
#define PIT_CMD   0x43
#define PORT_B    0x61
#define B_GATE2   0x01
#define B_SPEAKER 0x02
#define B_OUT2    0x20

void bm_pit_start_tick(unsigned hz)
{
	unsigned div = (PIT_HZ + hz / 2) / hz;

	bm_outb(PIT_CMD, 0x34); /* channel 0, lo/hi byte, mode 2, binary */
	bm_outb(PIT_CH0, (uint8_t)div);
	bm_outb(PIT_CH0, (uint8_t)(div >> 8));
	bm_line_unmask(0);
}

/* TSC ticks during @ms milliseconds (at most 54: a 16-bit count). */
uint64_t bm_pit_measure_tsc(unsigned ms)
{
	unsigned count = PIT_HZ * ms / 1000;
	uint8_t b = bm_inb(PORT_B) & ~(B_GATE2 | B_SPEAKER);
	uint64_t t0, t1;

	bm_outb(PORT_B, b);     /* gate low: channel 2 holds */
	bm_outb(PIT_CMD, 0xb0); /* channel 2, lo/hi byte, mode 0, binary */
	bm_outb(PIT_CH2, (uint8_t)count);
	bm_outb(PIT_CH2, (uint8_t)(count >> 8));
	bm_outb(PORT_B, b | B_GATE2); /* counting starts */
	t0 = bm_rdtsc();
	while (!(bm_inb(PORT_B) & B_OUT2)) /* OUT2 rises at terminal count */
		;
	t1 = bm_rdtsc();
	bm_outb(PORT_B, b);
	return t1 - t0;
}
