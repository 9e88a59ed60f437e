/*
 * ata-dma.c — a channel's DMA bounce buffer.
 *
 * The data of a bio may sit anywhere in the caller's memory, and
 * bus_dma here has no bounce buffers, so each channel owns one buffer of
 * max_iosize bytes that the device reaches, and copies through it.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/errno.h>
#include <machine/bus.h>
#include <machine/bus_dma.h>

#include "ata-all.h"

static void ata_dma_addr_cb(void *arg, bus_dma_segment_t *segs, int nseg,
                            int error)
{
	bus_addr_t *addr = arg;

	*addr = (!error && nseg == 1) ? segs[0].ds_addr : 0;
}

int ata_dma_alloc(struct ata_channel *ch, int addr32)
{
	int err;

	err = bus_dma_tag_create(
	    bus_get_dma_tag(ch->dev), PAGE_SIZE, 0,
	    addr32 ? BUS_SPACE_MAXADDR_32BIT : BUS_SPACE_MAXADDR,
	    BUS_SPACE_MAXADDR, NULL, NULL, ch->max_iosize, 1, ch->max_iosize, 0,
	    NULL, NULL, &ch->buf_tag);
	if (err)
		goto fail;
	err = bus_dmamem_alloc(ch->buf_tag, &ch->buf, BUS_DMA_WAITOK,
	                       &ch->buf_map);
	if (err)
		goto fail_tag;
	ch->buf_bus = 0;
	err = bus_dmamap_load(ch->buf_tag, ch->buf_map, ch->buf, ch->max_iosize,
	                      ata_dma_addr_cb, &ch->buf_bus, BUS_DMA_NOWAIT);
	if (err || !ch->buf_bus) {
		err = err ? err : ENOMEM;
		goto fail_mem;
	}
	return 0;

fail_mem:
	bus_dmamem_free(ch->buf_tag, ch->buf, ch->buf_map);
fail_tag:
	bus_dma_tag_destroy(ch->buf_tag);
fail:
	ch->buf_tag = NULL;
	ch->buf = NULL;
	device_printf(ch->dev, "no DMA buffer (error %d)\n", err);
	return err;
}

void ata_dma_free(struct ata_channel *ch)
{
	if (!ch->buf_tag)
		return;
	bus_dmamap_unload(ch->buf_tag, ch->buf_map);
	bus_dmamem_free(ch->buf_tag, ch->buf, ch->buf_map);
	bus_dma_tag_destroy(ch->buf_tag);
	ch->buf_tag = NULL;
	ch->buf = NULL;
}

void ata_dma_pre(struct ata_channel *ch, struct ata_request *req)
{
	if (req->flags & ATA_R_WRITE) {
		bcopy(req->data, ch->buf, req->bytecount);
		bus_dmamap_sync(ch->buf_tag, ch->buf_map, BUS_DMASYNC_PREWRITE);
	} else {
		bus_dmamap_sync(ch->buf_tag, ch->buf_map, BUS_DMASYNC_PREREAD);
	}
}

void ata_dma_post(struct ata_channel *ch, struct ata_request *req)
{
	if (req->flags & ATA_R_WRITE) {
		bus_dmamap_sync(ch->buf_tag, ch->buf_map,
		                BUS_DMASYNC_POSTWRITE);
	} else {
		bus_dmamap_sync(ch->buf_tag, ch->buf_map, BUS_DMASYNC_POSTREAD);
		if (!req->result)
			bcopy(ch->buf, req->data, req->bytecount);
	}
}
