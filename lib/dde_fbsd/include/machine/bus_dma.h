/*
 * machine/bus_dma.h — (FreeBSD 7 amd64 includes the MI header from here).
 */
#ifndef _DDE_FBSD_MACHINE_BUS_DMA_H_
#define _DDE_FBSD_MACHINE_BUS_DMA_H_

#include <sys/bus_dma.h>

#endif /* _DDE_FBSD_MACHINE_BUS_DMA_H_ */
