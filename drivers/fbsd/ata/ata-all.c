/*
 * ata-all.c — the "ata" channel driver: the request queue, timeouts,
 * polling, device identification and the "ad" children.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/callout.h>
#include <sys/endian.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/module.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <machine/bus.h>

#include "ata-all.h"
#include "atareg.h"

MALLOC_DEFINE(M_ATA, "ata", "ATA driver");

devclass_t ata_devclass;

#define ATA_POLL_SPIN_US 5000 /* per wait, before sleeping between polls */

static void ata_start(struct ata_channel *ch);

static void ata_finish(struct ata_request *req)
{
	struct ata_channel *ch = req->ch;

	if (req->callback) {
		req->callback(req);
		return;
	}
	mtx_lock(&ch->state_mtx);
	req->done = 1;
	wakeup(req);
	mtx_unlock(&ch->state_mtx);
}

/* The request's deadline passed: reset the channel and fail it. Runs with
 * state_mtx held (callout_init_mtx) and returns with it released. */
static void ata_timeout(void *arg)
{
	struct ata_channel *ch = arg;
	struct ata_request *req = ch->running;

	if (!req) {
		mtx_unlock(&ch->state_mtx);
		return;
	}
	device_printf(ch->dev, "timeout: command %#x lba %ju, resetting\n",
	              req->command, (uintmax_t)req->lba);
	ch->running = NULL;
	ch->hw->reset(ch);
	req->result = EIO;
	mtx_unlock(&ch->state_mtx);
	ata_finish(req);
	ata_start(ch);
}

/* Polled channel: the calling thread runs the queue until it is empty.
 * Returns with state_mtx released. */
static void ata_poll_queue(struct ata_channel *ch)
{
	struct ata_request *req;
	int r, spins;

	ch->poll_busy = 1;
	while ((req = TAILQ_FIRST(&ch->queue)) != NULL) {
		int deadline;

		TAILQ_REMOVE(&ch->queue, req, chain);
		ch->running = req;
		mtx_unlock(&ch->state_mtx);
		deadline = ticks + req->timeout * hz;
		r = ch->hw->begin(ch, req);
		/* Busy-poll briefly (emulated and fast devices answer at
		 * once), then give the CPU away between polls. */
		for (spins = 0; r == ATA_OP_CONTINUES; spins++) {
			u_int32_t before = req->donecount;

			r = ch->hw->end(ch, req);
			if (r != ATA_OP_CONTINUES)
				break;
			if (req->donecount != before)
				spins = 0; /* PIO moved a sector: spin anew */
			if (ticks - deadline > 0) {
				device_printf(ch->dev,
				              "timeout (polled): command %#x "
				              "lba %ju, resetting\n",
				              req->command,
				              (uintmax_t)req->lba);
				ch->hw->reset(ch);
				req->result = EIO;
				break;
			}
			if (spins < ATA_POLL_SPIN_US)
				DELAY(1);
			else
				pause("atapoll", 1);
		}
		mtx_lock(&ch->state_mtx);
		ch->running = NULL;
		mtx_unlock(&ch->state_mtx);
		ata_finish(req);
		mtx_lock(&ch->state_mtx);
	}
	ch->poll_busy = 0;
	mtx_unlock(&ch->state_mtx);
}

/* Start the next request if the channel is idle. */
static void ata_start(struct ata_channel *ch)
{
	struct ata_request *req;

	mtx_lock(&ch->state_mtx);
	if (ch->polled) {
		if (ch->poll_busy) {
			mtx_unlock(&ch->state_mtx);
			return;
		}
		ata_poll_queue(ch);
		return;
	}
	while (!ch->running && (req = TAILQ_FIRST(&ch->queue)) != NULL) {
		TAILQ_REMOVE(&ch->queue, req, chain);
		ch->running = req;
		callout_reset(&ch->timeout, req->timeout * hz, ata_timeout, ch);
		if (ch->hw->begin(ch, req) == ATA_OP_CONTINUES)
			break;
		callout_stop(&ch->timeout);
		ch->running = NULL;
		mtx_unlock(&ch->state_mtx);
		ata_finish(req);
		mtx_lock(&ch->state_mtx);
	}
	mtx_unlock(&ch->state_mtx);
}

void ata_queue_request(struct ata_request *req)
{
	struct ata_channel *ch = req->ch;

	req->result = 0;
	req->donecount = 0;
	req->done = 0;
	if (!req->timeout)
		req->timeout = 5;
	mtx_lock(&ch->state_mtx);
	TAILQ_INSERT_TAIL(&ch->queue, req, chain);
	mtx_unlock(&ch->state_mtx);
	ata_start(ch);
}

int ata_request_wait(struct ata_request *req)
{
	struct ata_channel *ch = req->ch;

	req->callback = NULL;
	ata_queue_request(req);
	mtx_lock(&ch->state_mtx);
	while (!req->done)
		msleep(req, &ch->state_mtx, PRIBIO, "atawait", 0);
	mtx_unlock(&ch->state_mtx);
	return req->result;
}

void ata_channel_intr(void *arg)
{
	struct ata_channel *ch = arg;
	struct ata_request *req;

	mtx_lock(&ch->state_mtx);
	req = ch->running;
	if (!req || ch->polled) {
		if (!ch->polled && ch->hw->stray)
			ch->hw->stray(ch);
		mtx_unlock(&ch->state_mtx);
		return;
	}
	if (ch->hw->end(ch, req) == ATA_OP_CONTINUES) {
		mtx_unlock(&ch->state_mtx);
		return;
	}
	callout_stop(&ch->timeout);
	ch->running = NULL;
	mtx_unlock(&ch->state_mtx);
	ata_finish(req);
	ata_start(ch);
}

void ata_ident_string(const u_int16_t *ident, int word, int nwords, char *out,
                      size_t size)
{
	size_t n = 0;
	int i;

	/* Two characters per word, the first in the high byte. */
	for (i = 0; i < nwords && n + 2 < size; i++) {
		out[n++] = (char)(ident[word + i] >> 8);
		out[n++] = (char)(ident[word + i] & 0xff);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
}

u_int64_t ata_ident_sectors(const u_int16_t *id)
{
	u_int64_t lba28 =
	    (u_int64_t)id[ATA_ID_LBA28 + 1] << 16 | id[ATA_ID_LBA28];
	u_int64_t lba48 = 0;
	int i;

	if (id[ATA_ID_CMDSET2] & ATA_CMDSET2_48BIT)
		for (i = 3; i >= 0; i--)
			lba48 = lba48 << 16 | id[ATA_ID_LBA48 + i];
	return lba48 > lba28 ? lba48 : lba28;
}

static int ata_identify(struct ata_channel *ch, int unit)
{
	struct ata_request req;
	u_int16_t *id = ch->ident[unit];
	int err, i;

	bzero(&req, sizeof(req));
	req.ch = ch;
	req.unit = unit;
	req.command = ATA_ATA_IDENTIFY;
	req.data = (caddr_t)id;
	req.bytecount = sizeof(ch->ident[unit]);
	req.count = 1;
	req.flags = ATA_R_READ;
	req.timeout = 5;
	err = ata_request_wait(&req);
	if (err)
		return err;
	for (i = 0; i < ATA_IDENT_WORDS; i++)
		id[i] = le16toh(id[i]);
	/* An ATA device has bit 15 of word 0 clear and needs LBA. */
	if ((id[0] & 0x8000) || !(id[ATA_ID_CAPABILITIES] & ATA_CAP_LBA))
		return ENXIO;
	return 0;
}

void ata_delete_children(device_t dev)
{
	device_t *children;
	int i, n;

	if (device_get_children(dev, &children, &n))
		return;
	for (i = 0; i < n; i++)
		device_delete_child(dev, children[i]);
	free(children, M_TEMP);
}

static int ata_probe(device_t dev)
{
	if (!device_get_ivars(dev))
		return ENXIO;
	device_set_desc(dev, "ATA channel");
	return BUS_PROBE_DEFAULT;
}

static int ata_attach(device_t dev)
{
	struct ata_channel *ch = device_get_softc(dev);
	struct ata_attach_args *aa = device_get_ivars(dev);
	int err, unit;

	ch->dev = dev;
	ch->hw = aa->hw;
	ch->hw_priv = aa->hw_priv;
	ch->unit = aa->unit;
	ch->ndevs = aa->ndevs;
	ch->max_iosize = aa->max_iosize;
	mtx_init(&ch->state_mtx, device_get_nameunit(dev), "ata state",
	         MTX_DEF);
	TAILQ_INIT(&ch->queue);
	callout_init_mtx(&ch->timeout, &ch->state_mtx, CALLOUT_RETURNUNLOCKED);
	err = ch->hw->setup(ch);
	if (err)
		goto fail;
	ch->present = ch->hw->reset(ch);
	for (unit = 0; unit < ch->ndevs; unit++) {
		device_t child;

		if (!(ch->present & (1 << unit)))
			continue;
		if (ata_identify(ch, unit)) {
			device_printf(dev, "unit %d: no ATA disk\n", unit);
			continue;
		}
		child = device_add_child(dev, "ad", -1);
		if (child)
			device_set_ivars(child, (void *)(uintptr_t)(unit + 1));
	}
	err = bus_generic_attach(dev);
	if (err)
		goto fail_children;
	return 0;

fail_children:
	ata_delete_children(dev);
	ch->hw->teardown(ch);
fail:
	callout_drain(&ch->timeout);
	mtx_destroy(&ch->state_mtx);
	return err;
}

static int ata_detach(device_t dev)
{
	struct ata_channel *ch = device_get_softc(dev);
	int err;

	err = bus_generic_detach(dev);
	if (err)
		return err;
	ata_delete_children(dev);
	ch->hw->teardown(ch);
	callout_drain(&ch->timeout);
	mtx_destroy(&ch->state_mtx);
	return 0;
}

static device_method_t ata_methods[] = {
    DEVMETHOD(device_probe, ata_probe),
    DEVMETHOD(device_attach, ata_attach),
    DEVMETHOD(device_detach, ata_detach),
    DEVMETHOD(bus_print_child, bus_generic_print_child),
    DEVMETHOD_END,
};

static driver_t ata_driver = {
    "ata",
    ata_methods,
    sizeof(struct ata_channel),
};

DRIVER_MODULE(ata, atapci, ata_driver, ata_devclass, 0, 0);
DRIVER_MODULE(ata, ahci, ata_driver, ata_devclass, 0, 0);
MODULE_VERSION(ata, 1);
