/*
 * edu_dma.h — one polled DMA transfer of QEMU's edu, for the guest programs
 * of the posix_uio scenarios (register facts: QEMU docs/specs/edu.rst).
 */
#ifndef TESTS_QEMU_POSIX_UIO_EDU_DMA_H
#define TESTS_QEMU_POSIX_UIO_EDU_DMA_H

#include <stdint.h>

#define EDU_BUFFER   0x40000u    /* the device's 4 KiB DMA buffer */
#define EDU_DMA_MASK 0x0fffffffu /* the edu reaches 28-bit bus addresses */

/**
 * edu_dma_transfer() - copy @len bytes from @src to @dst with the edu mapped
 * at @regs; @to_ram: 1 for device buffer -> RAM, 0 for RAM -> device buffer.
 * Polls until the engine is done. Returns 0, or -1 (with a FAIL line on
 * stdout) when it is not done within 3 s.
 */
int edu_dma_transfer(char *regs, uint64_t src, uint64_t dst, uint32_t len,
                     int to_ram);

#endif
