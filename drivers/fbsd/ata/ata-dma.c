/*
 * ata-dma.c — a channel's DMA bounce buffer.
 *
 * The data of a bio may sit anywhere in the caller's memory. When bus_dma
 * can load it as one segment within the channel's limits (memory the host
 * gave for DMA, or any memory behind an IOMMU) the device transfers to it
 * directly; otherwise — bus_dma here has no bounce buffers of its own —
 * through one buffer of max_iosize bytes per channel. Also the one way the
 * controllers get their other DMA memory (PRD tables, AHCI command lists):
 * ata_dmamem_alloc().
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
	bus_addr_t lowaddr =
	    addr32 ? BUS_SPACE_MAXADDR_32BIT : BUS_SPACE_MAXADDR;
	int err;

	err = ata_dmamem_alloc(ch->dev, &ch->buf, ch->max_iosize, PAGE_SIZE, 0,
	                       lowaddr);
	if (err)
		goto fail;
	/* Both controllers want word-aligned data addresses (PRD bit 0 is
	 * reserved: SFF-8038i, AHCI 1.3 4.2.3.3). */
	err =
	    bus_dma_tag_create(bus_get_dma_tag(ch->dev), 2, 0, lowaddr,
	                       BUS_SPACE_MAXADDR, NULL, NULL, ch->max_iosize, 1,
	                       ch->max_iosize, 0, NULL, NULL, &ch->data_tag);
	if (err)
		goto fail_buf;
	err = bus_dmamap_create(ch->data_tag, 0, &ch->data_map);
	if (err)
		goto fail_tag;
	return 0;

fail_tag:
	bus_dma_tag_destroy(ch->data_tag);
	ch->data_tag = NULL;
fail_buf:
	ata_dmamem_free(&ch->buf);
fail:
	device_printf(ch->dev, "no DMA buffer (error %d)\n", err);
	return err;
}

void ata_dma_free(struct ata_channel *ch)
{
	if (ch->data_tag) {
		/* A request that timed out may have left its buffer loaded. */
		if (ch->direct)
			bus_dmamap_unload(ch->data_tag, ch->data_map);
		ch->direct = 0;
		bus_dmamap_destroy(ch->data_tag, ch->data_map);
		bus_dma_tag_destroy(ch->data_tag);
		ch->data_tag = NULL;
	}
	ata_dmamem_free(&ch->buf);
}

void ata_dma_pre(struct ata_channel *ch, struct ata_request *req)
{
	int write = (req->flags & ATA_R_WRITE) != 0;

	if (ch->direct) /* left loaded by a request that timed out */
		bus_dmamap_unload(ch->data_tag, ch->data_map);
	ch->direct = 0;
	ch->dma_addr = 0;
	if (bus_dmamap_load(ch->data_tag, ch->data_map, req->data,
	                    req->bytecount, ata_dmamem_cb, &ch->dma_addr,
	                    BUS_DMA_NOWAIT) == 0 &&
	    ch->dma_addr) {
		ch->direct = 1;
		bus_dmamap_sync(ch->data_tag, ch->data_map,
		                write ? BUS_DMASYNC_PREWRITE
		                      : BUS_DMASYNC_PREREAD);
		return;
	}
	ch->direct = 0;
	ch->dma_addr = ch->buf.bus;
	if (write) {
		bcopy(req->data, ch->buf.virt, req->bytecount);
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_PREWRITE);
	} else {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_PREREAD);
	}
}

void ata_dma_post(struct ata_channel *ch, struct ata_request *req)
{
	int write = (req->flags & ATA_R_WRITE) != 0;

	if (ch->direct) {
		bus_dmamap_sync(ch->data_tag, ch->data_map,
		                write ? BUS_DMASYNC_POSTWRITE
		                      : BUS_DMASYNC_POSTREAD);
		bus_dmamap_unload(ch->data_tag, ch->data_map);
		ch->direct = 0;
		return;
	}
	if (write) {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map,
		                BUS_DMASYNC_POSTWRITE);
	} else {
		bus_dmamap_sync(ch->buf.tag, ch->buf.map, BUS_DMASYNC_POSTREAD);
		if (!req->result)
			bcopy(ch->buf.virt, req->data, req->bytecount);
	}
}
