/*
 * sys/bus_dma.h — bus_dma(9) (FreeBSD 7, libdde).
 *
 * Segments carry bus addresses from DDEKit's DMA extension, so they are
 * right behind an IOMMU. There are no bounce buffers: a buffer that breaks
 * the tag's rules (alignment, the lowaddr..highaddr exclusion window, too
 * many segments) is not copied; the load fails, with a message and the
 * error passed to the callback (EFBIG: does not fit the segments, EINVAL:
 * misaligned or unreachable). Loads never defer, so the lock function is
 * never called. Filters (the tag's filter function) are not supported: a
 * tag with one is refused with EINVAL.
 */
#ifndef _DDE_FBSD_SYS_BUS_DMA_H_
#define _DDE_FBSD_SYS_BUS_DMA_H_

#include <sys/types.h>

#define BUS_DMA_WAITOK   0x00
#define BUS_DMA_NOWAIT   0x01
#define BUS_DMA_ALLOCNOW 0x02
#define BUS_DMA_COHERENT 0x04
#define BUS_DMA_ZERO     0x08
#define BUS_DMA_BUS1     0x10
#define BUS_DMA_BUS2     0x20
#define BUS_DMA_BUS3     0x40
#define BUS_DMA_BUS4     0x80
#define BUS_DMA_NOCACHE  0x100
#define BUS_DMA_NOWRITE  0x200
#define BUS_DMA_READ     0x400
#define BUS_DMA_WRITE    0x800

#define BUS_DMASYNC_PREREAD   1
#define BUS_DMASYNC_POSTREAD  2
#define BUS_DMASYNC_PREWRITE  4
#define BUS_DMASYNC_POSTWRITE 8

typedef struct bus_dma_tag *bus_dma_tag_t;
typedef struct bus_dmamap *bus_dmamap_t;

typedef struct bus_dma_segment {
	bus_addr_t ds_addr;
	bus_size_t ds_len;
} bus_dma_segment_t;

typedef int bus_dma_filter_t(void *arg, bus_addr_t paddr);
typedef enum { BUS_DMA_LOCK, BUS_DMA_UNLOCK } bus_dma_lock_op_t;
typedef void bus_dma_lock_t(void *arg, bus_dma_lock_op_t op);
typedef void bus_dmamap_callback_t(void *arg, bus_dma_segment_t *segs, int nseg,
                                   int error);
typedef void bus_dmamap_callback2_t(void *arg, bus_dma_segment_t *segs,
                                    int nseg, bus_size_t mapsize, int error);
typedef int bus_dmasync_op_t;

__BEGIN_DECLS
void busdma_lock_mutex(void *arg, bus_dma_lock_op_t op);

int bus_dma_tag_create(bus_dma_tag_t parent, bus_size_t alignment,
                       bus_size_t boundary, bus_addr_t lowaddr,
                       bus_addr_t highaddr, bus_dma_filter_t *filtfunc,
                       void *filtfuncarg, bus_size_t maxsize, int nsegments,
                       bus_size_t maxsegsz, int flags, bus_dma_lock_t *lockfunc,
                       void *lockfuncarg, bus_dma_tag_t *dmat);
/** EBUSY while maps or child tags of @dmat exist. */
int bus_dma_tag_destroy(bus_dma_tag_t dmat);
int bus_dmamap_create(bus_dma_tag_t dmat, int flags, bus_dmamap_t *mapp);
int bus_dmamap_destroy(bus_dma_tag_t dmat, bus_dmamap_t map);
/** Memory of maxsize bytes meeting every rule of the tag (alignment,
 * boundary, below lowaddr), coherent; ENOMEM when that cannot be had. */
int bus_dmamem_alloc(bus_dma_tag_t dmat, void **vaddr, int flags,
                     bus_dmamap_t *mapp);
void bus_dmamem_free(bus_dma_tag_t dmat, void *vaddr, bus_dmamap_t map);
int bus_dmamap_load(bus_dma_tag_t dmat, bus_dmamap_t map, void *buf,
                    bus_size_t buflen, bus_dmamap_callback_t *callback,
                    void *callback_arg, int flags);
void _bus_dmamap_unload(bus_dma_tag_t dmat, bus_dmamap_t map);
void _bus_dmamap_sync(bus_dma_tag_t dmat, bus_dmamap_t map,
                      bus_dmasync_op_t op);
__END_DECLS

#define bus_dmamap_unload(dmat, map)   _bus_dmamap_unload((dmat), (map))
#define bus_dmamap_sync(dmat, map, op) _bus_dmamap_sync((dmat), (map), (op))

#endif /* _DDE_FBSD_SYS_BUS_DMA_H_ */
