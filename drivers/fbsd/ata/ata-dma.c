/*
 * ata-dma.c — a channel's DMA bounce buffer.
 *
 * The data of a bio may sit anywhere in the caller's memory, and
 * bus_dma here has no bounce buffers, so each channel owns one buffer of
 * max_iosize bytes that the device reaches, and copies through it. Also
 * the one way the controllers get their other DMA memory (PRD tables,
 * AHCI command lists): ata_dmamem_alloc().
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/errno.h>
#include <machine/bus.h>
#include <machine/bus_dma.h>

#include "ata-all.h"

static void ata_dmamem_cb(void *arg, bus_dma_segment_t *segs, int nseg,
                          int error)
{
	bus_addr_t *addr = arg;

	*addr = (!error && nseg == 1) ? segs[0].ds_addr : 0;
}

int ata_dmamem_alloc(device_t dev, struct ata_dmamem *m, bus_size_t size,
                     bus_size_t align, bus_size_t boundary, bus_addr_t lowaddr)
{
	int err;

	m->virt = NULL;
	m->bus = 0;
	err = bus_dma_tag_create(bus_get_dma_tag(dev), align, boundary, lowaddr,
	                         BUS_SPACE_MAXADDR, NULL, NULL, size, 1, size,
	                         0, NULL, NULL, &m->tag);
	if (err)
		goto fail;
	err = bus_dmamem_alloc(m->tag, &m->virt, BUS_DMA_WAITOK | BUS_DMA_ZERO,
	                       &m->map);
	if (err)
		goto fail_tag;
	err = bus_dmamap_load(m->tag, m->map, m->virt, size, ata_dmamem_cb,
	                      &m->bus, BUS_DMA_NOWAIT);
	if (err || !m->bus) {
		err = err ? err : ENOMEM;
		goto fail_mem;
	}
	return 0;

fail_mem:
	bus_dmamem_free(m->tag, m->virt, m->map);
fail_tag:
	bus_dma_tag_destroy(m->tag);
fail:
	m->tag = NULL;
	m->virt = NULL;
	m->bus = 0;
	return err;
}

void ata_dmamem_free(struct ata_dmamem *m)
{
	if (!m->tag)
		return;
	bus_dmamap_unload(m->tag, m->map);
	bus_dmamem_free(m->tag, m->virt, m->map);
	bus_dma_tag_destroy(m->tag);
	m->tag = NULL;
	m->virt = NULL;
	m->bus = 0;
}

int ata_dma_alloc(struct ata_channel *ch, int addr32)
{
	int err = ata_dmamem_alloc(
	    ch->dev, &ch->buf, ch->max_iosize, PAGE_SIZE, 0,
	    addr32 ? BUS_SPACE_MAXADDR_32BIT : BUS_SPACE_MAXADDR);

	if (err)
		device_printf(ch->dev, "no DMA buffer (error %d)\n", err);
	return err;
}

void ata_dma_free(struct ata_channel *ch)
{
	ata_dmamem_free(&ch->buf);
}

void ata_dma_pre(struct ata_channel *ch, struct ata_request *req)
{
	if (req->flags & ATA_R_WRITE) {
		bcopy(req->data, ch->buf.virt, req->bytecount);
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_PREWRITE);
	} else {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_PREREAD);
	}
}

void ata_dma_post(struct ata_channel *ch, struct ata_request *req)
{
	if (req->flags & ATA_R_WRITE) {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map,
		                BUS_DMASYNC_POSTWRITE);
	} else {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_POSTREAD);
		if (!req->result)
			bcopy(ch->buf.virt, req->data, req->bytecount);
	}
}
