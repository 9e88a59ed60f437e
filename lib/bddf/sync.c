/*
 * sync.c — waiting for one request: the synchronous client calls and the
 * partition table reads of bddf_disk_announce().
 *
 * The waiter sleeps on bddf's condition variable and the completion sets
 * its flag under bddf's lock: nothing is allocated per request, so waiting
 * cannot fail.
 */
#include <string.h>

#include <ddekit/errno.h>

#include "bddf_internal.h"

struct sync_wait {
	bool done;
	int status;
};

static void sync_signal(struct sync_wait *w, int status)
{
	ddekit_lock_lock(&bddf.lock);
	w->status = status;
	w->done = true;
	ddekit_condvar_broadcast(bddf.cv);
	ddekit_lock_unlock(&bddf.lock);
}

static int sync_wait(struct sync_wait *w)
{
	ddekit_lock_lock(&bddf.lock);
	while (!w->done)
		ddekit_condvar_wait(bddf.cv, &bddf.lock);
	ddekit_lock_unlock(&bddf.lock);
	return w->status;
}

struct sync_io {
	struct bddf_provider_io io;
	struct sync_wait wait;
};

static void sync_io_done(struct bddf_provider_io *io, int status)
{
	struct sync_io *s = io->priv;

	sync_signal(&s->wait, status < 0 ? status : 0);
}

int bddf__disk_io(struct bddf_disk *disk, enum bddf_op op, uint64_t lba,
                  uint32_t count, void *buf)
{
	struct sync_io s;
	int err;

	memset(&s, 0, sizeof(s));
	s.io.op = op;
	s.io.lba = lba;
	s.io.count = count;
	s.io.buf = buf;
	s.io.done = sync_io_done;
	s.io.priv = &s;
	err = disk->ops.submit(disk->ctx, &s.io);
	if (err < 0)
		return err;
	return sync_wait(&s.wait);
}

static void sync_req_done(struct bddf_req *req, int status)
{
	sync_signal(req->arg, status);
}

static int sync_req(struct bddf_dev *dev, enum bddf_op op, uint64_t lba,
                    uint32_t count, void *buf)
{
	struct sync_wait w = {false, 0};
	struct bddf_req req;
	int err;

	memset(&req, 0, sizeof(req));
	req.op = op;
	req.lba = lba;
	req.count = count;
	req.buf = buf;
	req.done = sync_req_done;
	req.arg = &w;
	err = bddf_submit(dev, &req);
	if (err < 0)
		return err;
	return sync_wait(&w);
}

int bddf_read(struct bddf_dev *dev, uint64_t lba, uint32_t count, void *buf)
{
	return sync_req(dev, BDDF_OP_READ, lba, count, buf);
}

int bddf_write(struct bddf_dev *dev, uint64_t lba, uint32_t count,
               const void *buf)
{
	/* The provider only reads a write's buffer. */
	return sync_req(dev, BDDF_OP_WRITE, lba, count, (void *)buf);
}

int bddf_flush(struct bddf_dev *dev)
{
	return sync_req(dev, BDDF_OP_FLUSH, 0, 0, NULL);
}
