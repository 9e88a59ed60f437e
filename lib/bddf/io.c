/*
 * io.c — client requests: validation, splitting into provider transfers,
 * completion.
 *
 * A request becomes transfers of at most the disk's max_io_bytes, up to
 * BDDF_IO_SLOTS of them in flight at once so the disk always has the next
 * one queued. Whoever frees a slot (a completion, or the submitter) issues
 * the next transfer; a "pumping" flag makes that one thread at a time, so
 * a provider that completes inside its submit() does not recurse.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/memory.h>

#include "bddf_internal.h"

#define BDDF_IO_SLOTS 4

struct bddf_rq {
	struct bddf_req *req;
	struct bddf_dev *dev;
	struct bddf_disk *disk;
	/* Under bddf.lock. */
	uint64_t lba;  /* next sector to issue, on the disk */
	uint32_t left; /* sectors not yet issued */
	uint8_t *buf;
	int inflight;
	int status;
	bool pumping;
	unsigned busy; /* slot bitmap */
	struct bddf_provider_io io[BDDF_IO_SLOTS];
};

static void rq_finish(struct bddf_rq *rq)
{
	struct bddf_req *req = rq->req;
	struct bddf_dev *dev = rq->dev;
	struct bddf_disk *disk = rq->disk;
	int status = rq->status;

	ddekit_simple_free(rq);
	/* The counts drop only after done() returned, so bddf_close() and
	 * bddf_disk_gone() also wait for the client's callback. */
	req->done(req, status);
	ddekit_lock_lock(&bddf.lock);
	dev->active--;
	disk->active--;
	ddekit_condvar_broadcast(bddf.cv);
	ddekit_lock_unlock(&bddf.lock);
}

static void io_done(struct bddf_provider_io *io, int status);

/* Lock held; returns a slot filled with the next transfer, or NULL. */
static struct bddf_provider_io *rq_next(struct bddf_rq *rq)
{
	struct bddf_provider_io *io;
	uint32_t n;
	int slot;

	if (rq->status == 0 && rq->left && rq->disk->gone)
		rq->status = -DDEKIT_ENODEV;
	if (rq->status || !rq->left || rq->inflight == BDDF_IO_SLOTS)
		return NULL;
	for (slot = 0; rq->busy & (1u << slot); slot++)
		;
	io = &rq->io[slot];
	n = rq->left < rq->disk->max_io_sectors ? rq->left
	                                        : rq->disk->max_io_sectors;
	io->op = rq->req->op;
	io->lba = rq->lba;
	io->count = n;
	io->buf = rq->buf;
	io->done = io_done;
	io->priv = rq;
	if (io->op == BDDF_OP_FLUSH) {
		io->count = 0;
		io->buf = NULL;
	} else {
		rq->lba += n;
		rq->buf += (size_t)n * rq->disk->sector_size;
	}
	rq->left -= n;
	rq->busy |= 1u << slot;
	rq->inflight++;
	return io;
}

/*
 * Issue transfers until the slots are full or nothing is left; finish the
 * request when the last transfer is back. Called with bddf.lock held,
 * returns with it released. The pumping flag is cleared under the same
 * lock hold that last looked at the slots, so a completion either was seen
 * by that look or finds the flag clear and pumps itself.
 */
static void rq_pump(struct bddf_rq *rq)
{
	struct bddf_provider_io *io;
	bool finish;
	int err;

	if (rq->pumping) {
		ddekit_lock_unlock(&bddf.lock);
		return;
	}
	rq->pumping = true;
	while ((io = rq_next(rq))) {
		ddekit_lock_unlock(&bddf.lock);
		err = rq->disk->ops.submit(rq->disk->ctx, io);
		ddekit_lock_lock(&bddf.lock);
		if (err < 0) {
			rq->busy &= ~(1u << (io - rq->io));
			rq->inflight--;
			if (!rq->status)
				rq->status = err;
		}
	}
	rq->pumping = false;
	finish = rq->inflight == 0;
	ddekit_lock_unlock(&bddf.lock);
	if (finish)
		rq_finish(rq);
}

static void io_done(struct bddf_provider_io *io, int status)
{
	struct bddf_rq *rq = io->priv;

	ddekit_lock_lock(&bddf.lock);
	rq->busy &= ~(1u << (io - rq->io));
	rq->inflight--;
	if (status < 0 && !rq->status)
		rq->status = status;
	else if (status > 0 && !rq->status)
		rq->status = -DDEKIT_EIO;
	rq_pump(rq);
}

/* Everything that can be said about @req without touching the disk. */
static int rq_check(const struct bddf_dev *dev, const struct bddf_req *req)
{
	const struct bddf_part *part = dev->part;

	if (!req->done)
		return -DDEKIT_EINVAL;
	switch (req->op) {
	case BDDF_OP_READ:
		break;
	case BDDF_OP_WRITE:
	case BDDF_OP_FLUSH:
		/* A read-only handle never makes the disk write, not even
		 * its cache. */
		if (!(dev->flags & BDDF_OPEN_WRITE))
			return -DDEKIT_EPERM;
		break;
	default:
		return -DDEKIT_EINVAL;
	}
	if (req->op == BDDF_OP_FLUSH)
		return 0;
	if (req->count == 0 || !req->buf)
		return -DDEKIT_EINVAL;
	/* Written so that no sum can overflow. */
	if (req->lba >= part->sectors || req->count > part->sectors - req->lba)
		return -DDEKIT_ERANGE;
	return 0;
}

int bddf_submit(struct bddf_dev *dev, struct bddf_req *req)
{
	struct bddf_disk *disk;
	struct bddf_rq *rq;
	int err;

	if (!dev || !req)
		return -DDEKIT_EINVAL;
	err = rq_check(dev, req);
	if (err < 0)
		return err;
	disk = dev->part->disk;
	rq = ddekit_simple_malloc(sizeof(*rq));
	if (!rq)
		return -DDEKIT_ENOMEM;
	memset(rq, 0, sizeof(*rq));
	rq->req = req;
	rq->dev = dev;
	rq->disk = disk;
	if (req->op == BDDF_OP_FLUSH) {
		/* One transfer of no sectors. */
		rq->left = 1;
		rq->lba = 0;
	} else {
		rq->lba = dev->part->start + req->lba;
		rq->left = req->count;
		rq->buf = req->buf;
	}
	req->priv[0] = rq;

	ddekit_lock_lock(&bddf.lock);
	if (disk->gone) {
		ddekit_lock_unlock(&bddf.lock);
		ddekit_simple_free(rq);
		return -DDEKIT_ENODEV;
	}
	dev->active++;
	disk->active++;
	rq_pump(rq);
	return 0;
}
