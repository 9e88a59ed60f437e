/*
 * ata-disk.c — "ad": an ATA disk on a channel, published with disk(9).
 * Each bio becomes one ATA request (disk(9) keeps bios within d_maxsize).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bio.h>
#include <sys/bus.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/module.h>
#include <vm/uma.h>
#include <geom/geom_disk.h>

#include "ata-all.h"
#include "atareg.h"

#define AD_SECTOR 512

struct ad_softc {
	device_t dev;
	struct ata_channel *ch;
	int unit; /* on the channel */
	u_int64_t sectors;
	int flush; /* FLUSH CACHE is supported */
	struct disk *disk;
};

static uma_zone_t ad_request_zone;

static void ad_done(struct ata_request *req)
{
	struct bio *bp = req->driver;

	bp->bio_resid = bp->bio_bcount - req->donecount;
	if (req->result) {
		bp->bio_error = req->result;
		bp->bio_flags |= BIO_ERROR;
	}
	uma_zfree(ad_request_zone, req);
	biodone(bp);
}

static void ad_strategy(struct bio *bp)
{
	struct ad_softc *sc = bp->bio_disk->d_drv1;
	struct ata_request *req;

	req = uma_zalloc(ad_request_zone, M_NOWAIT | M_ZERO);
	if (!req) {
		biofinish(bp, NULL, ENOMEM);
		return;
	}
	req->ch = sc->ch;
	req->unit = sc->unit;
	req->driver = bp;
	req->callback = ad_done;
	req->timeout = 10;
	switch (bp->bio_cmd) {
	case BIO_READ:
	case BIO_WRITE:
		req->command = bp->bio_cmd == BIO_READ ? ATA_READ : ATA_WRITE;
		req->flags = bp->bio_cmd == BIO_READ ? ATA_R_READ : ATA_R_WRITE;
		req->lba = (u_int64_t)bp->bio_pblkno;
		req->count = (u_int32_t)(bp->bio_bcount / AD_SECTOR);
		req->data = bp->bio_data;
		req->bytecount = (u_int32_t)bp->bio_bcount;
		break;
	case BIO_FLUSH:
		req->command = ATA_FLUSHCACHE;
		req->flags = ATA_R_CONTROL;
		req->timeout = 30;
		break;
	default:
		uma_zfree(ad_request_zone, req);
		biofinish(bp, NULL, EOPNOTSUPP);
		return;
	}
	ata_queue_request(req);
}

static int ad_probe(device_t dev)
{
	if (!device_get_ivars(dev))
		return ENXIO;
	return BUS_PROBE_DEFAULT;
}

static int ad_attach(device_t dev)
{
	struct ad_softc *sc = device_get_softc(dev);
	struct ata_channel *ch = device_get_softc(device_get_parent(dev));
	const u_int16_t *id;
	char model[41], serial[21];

	sc->dev = dev;
	sc->ch = ch;
	sc->unit = (int)(uintptr_t)device_get_ivars(dev) - 1;
	id = ch->ident[sc->unit];
	sc->sectors = ata_ident_sectors(id);
	sc->flush = (id[ATA_ID_CMDSET2] & ATA_CMDSET2_FLUSH) != 0;
	ata_ident_string(id, ATA_ID_MODEL, 20, model, sizeof(model));
	ata_ident_string(id, ATA_ID_SERIAL, 10, serial, sizeof(serial));
	device_set_desc_copy(dev, model);
	device_printf(dev, "%juMB <%s> at %s unit %d, %s%s\n",
	              (uintmax_t)(sc->sectors / (1024 * 1024 / AD_SECTOR)),
	              model, device_get_nameunit(ch->dev), sc->unit,
	              (id[ATA_ID_CMDSET2] & ATA_CMDSET2_48BIT) ? "LBA48"
	                                                       : "LBA28",
	              ch->has_dma ? " DMA" : " PIO");

	sc->disk = disk_alloc();
	sc->disk->d_name = "ad";
	sc->disk->d_unit = (u_int)device_get_unit(dev);
	sc->disk->d_strategy = ad_strategy;
	sc->disk->d_drv1 = sc;
	sc->disk->d_sectorsize = AD_SECTOR;
	sc->disk->d_mediasize = (off_t)(sc->sectors * AD_SECTOR);
	sc->disk->d_maxsize = ch->max_iosize;
	if (sc->flush)
		sc->disk->d_flags |= DISKFLAG_CANFLUSHCACHE;
	strlcpy(sc->disk->d_ident, serial, sizeof(sc->disk->d_ident));
	strlcpy(sc->disk->d_descr, model, sizeof(sc->disk->d_descr));
	disk_create(sc->disk, DISK_VERSION);
	return 0;
}

static int ad_detach(device_t dev)
{
	struct ad_softc *sc = device_get_softc(dev);

	/* Waits for the bios in flight, which the channel still serves. */
	disk_destroy(sc->disk);
	sc->disk = NULL;
	return 0;
}

static int ad_modevent(module_t mod, int what, void *arg)
{
	(void)mod;
	(void)arg;
	switch (what) {
	case MOD_LOAD:
		ad_request_zone =
		    uma_zcreate("ata_request", sizeof(struct ata_request), NULL,
		                NULL, NULL, NULL, 0, 0);
		return 0;
	case MOD_UNLOAD:
		if (ad_request_zone)
			uma_zdestroy(ad_request_zone);
		ad_request_zone = NULL;
		return 0;
	default:
		return EOPNOTSUPP;
	}
}

static device_method_t ad_methods[] = {
    DEVMETHOD(device_probe, ad_probe),
    DEVMETHOD(device_attach, ad_attach),
    DEVMETHOD(device_detach, ad_detach),
    DEVMETHOD_END,
};

static driver_t ad_driver = {
    "ad",
    ad_methods,
    sizeof(struct ad_softc),
};

static devclass_t ad_devclass;

DRIVER_MODULE(ad, ata, ad_driver, ad_devclass, ad_modevent, NULL);
MODULE_VERSION(ad, 1);
MODULE_DEPEND(ad, ata, 1, 1, 1);
