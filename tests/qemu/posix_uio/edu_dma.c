/*
 * edu_dma.c — see edu_dma.h.
 */
#include "edu_dma.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <ddekit/resources.h>

#define EDU_DMA_SRC   0x80
#define EDU_DMA_DST   0x88
#define EDU_DMA_COUNT 0x90
#define EDU_DMA_CMD   0x98
#define EDU_START     0x1u
#define EDU_TO_RAM    0x2u

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int edu_dma_transfer(char *regs, uint64_t src, uint64_t dst, uint32_t len,
                     int to_ram)
{
	uint64_t deadline = now_ms() + 3000;

	ddekit_mmio_write32(regs + EDU_DMA_SRC, (uint32_t)src);
	ddekit_mmio_write32(regs + EDU_DMA_DST, (uint32_t)dst);
	ddekit_mmio_write32(regs + EDU_DMA_COUNT, len);
	ddekit_mmio_write32(regs + EDU_DMA_CMD,
	                    EDU_START | (to_ram ? EDU_TO_RAM : 0));
	while (ddekit_mmio_read32(regs + EDU_DMA_CMD) & EDU_START) {
		if (now_ms() > deadline) {
			printf("FAIL: the edu's DMA engine did not finish\n");
			return -1;
		}
		usleep(1000);
	}
	return 0;
}
