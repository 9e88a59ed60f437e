/*
 * l4re_sys.h — the one place the L4Re backend meets L4Re.
 *
 * On L4Re it includes L4Re's own headers. Built with DDE_L4RE_STANDIN (the
 * unit tests of tests/l4re), it includes the stand-in instead: a header that
 * declares exactly the L4Re calls this backend makes, implemented over the
 * mock machine. Every L4Re call the backend makes must therefore appear
 * both in L4Re and in tests/l4re/l4re_standin.h; nothing else may be used.
 *
 * Device-memory accesses are plain volatile loads and stores on L4Re; the
 * stand-in routes them through the mock, which cannot trap loads.
 */
#ifndef BACKENDS_L4RE_L4RE_SYS_H
#define BACKENDS_L4RE_L4RE_SYS_H

#include <stdint.h>

#ifdef DDE_L4RE_STANDIN

#include <l4re_standin.h>

#else /* real L4Re */

#include <pthread-l4.h>

#include <l4/io/io.h>
#include <l4/re/c/dataspace.h>
#include <l4/re/c/dma_space.h>
#include <l4/re/c/log.h>
#include <l4/re/c/mem_alloc.h>
#include <l4/re/c/rm.h>
#include <l4/re/c/util/cap_alloc.h>
#include <l4/re/env.h>
#include <l4/re/protocols.h>
#include <l4/sys/err.h>
#include <l4/sys/factory.h>
#include <l4/sys/icu.h>
#include <l4/sys/ipc.h>
#include <l4/sys/irq.h>
#include <l4/sys/kip.h>
#include <l4/sys/rcv_endpoint.h>
#include <l4/sys/thread.h>
#include <l4/util/port_io.h>
#include <l4/vbus/vbus.h>
#include <l4/vbus/vbus_pci.h>

static inline uint64_t l4re_sys_mmio_read(const volatile void *addr,
                                          unsigned width)
{
	uint64_t v;

	switch (width) {
	case 1:
		v = *(const volatile uint8_t *)addr;
		break;
	case 2:
		v = *(const volatile uint16_t *)addr;
		break;
	case 4:
		v = *(const volatile uint32_t *)addr;
		break;
	default:
		v = *(const volatile uint64_t *)addr;
		break;
	}
	/* A later access to DMA memory must not be hoisted above it. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return v;
}

static inline void l4re_sys_mmio_write(volatile void *addr, unsigned width,
                                       uint64_t val)
{
	/* Descriptors written to DMA memory must be visible before the
	 * doorbell. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	switch (width) {
	case 1:
		*(volatile uint8_t *)addr = (uint8_t)val;
		break;
	case 2:
		*(volatile uint16_t *)addr = (uint16_t)val;
		break;
	case 4:
		*(volatile uint32_t *)addr = (uint32_t)val;
		break;
	default:
		*(volatile uint64_t *)addr = val;
		break;
	}
}

#endif /* DDE_L4RE_STANDIN */

#endif /* BACKENDS_L4RE_L4RE_SYS_H */
