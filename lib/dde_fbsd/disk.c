/*
 * disk.c — disk(9) on the bddf block framework.
 *
 * disk_create() queues the announcement on the glue's own taskqueue
 * ("g_event", as GEOM's event thread), because bddf reads the partition
 * table while it is announced and the driver may still be in attach. Each
 * bddf transfer becomes one bio for d_strategy(); biodone() hands the
 * result back, FreeBSD errnos turned into DDEKit codes.
 */
#include "internal.h"

#include <ddekit/errno.h>

#include <sys/bio.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/mutex.h>
#include <sys/taskqueue.h>
#include <geom/geom_disk.h>

#include "bddf_provider.h"
#include "dde_fbsd.h"

MALLOC_DEFINE(M_DISK, "disk", "disk(9) glue");
MALLOC_DEFINE(M_DISKBIO, "diskbio", "bios of bddf requests");

struct disk_glue {
	struct disk d; /* first: a struct disk * is a struct disk_glue * */
	struct task announce;
	struct bddf_disk *bd;
	int opened;
	int gone; /* atomic: disk_gone() may run in any context */
};

static struct taskqueue *disk_tq;
/* Guards pending, the number of disk_create()s not yet announced. */
static struct mtx disk_mtx;
static int pending;
MTX_SYSINIT(disk_glue, &disk_mtx, "disk glue", MTX_DEF);

static struct disk_glue *glue(struct disk *dp)
{
	return (struct disk_glue *)dp;
}

/* A DDEKit code for a driver's FreeBSD errno (bddf_provider.h says what
 * bddf expects: -DDEKIT_EIO for a device error). */
static int ddekit_code(int error)
{
	switch (error) {
	case 0:
		return 0;
	case ENOMEM:
		return -DDEKIT_ENOMEM;
	case ENXIO:
	case ENODEV:
		return -DDEKIT_ENODEV;
	case EINVAL:
		return -DDEKIT_EINVAL;
	case EOPNOTSUPP:
		return -DDEKIT_ENOSYS;
	case ETIMEDOUT:
		return -DDEKIT_ETIMEDOUT;
	default:
		return -DDEKIT_EIO;
	}
}

static void disk_bio_done(struct bio *bp)
{
	struct bddf_provider_io *io = bp->bio_caller1;
	int status = 0;

	if (bp->bio_flags & BIO_ERROR)
		status = ddekit_code(bp->bio_error ? bp->bio_error : EIO);
	else if (bp->bio_resid)
		status = -DDEKIT_EIO; /* a short transfer lost data */
	free(bp, M_DISKBIO);
	io->done(io, status);
}

static int disk_submit(void *ctx, struct bddf_provider_io *io)
{
	struct disk_glue *g = ctx;
	struct disk *dp = &g->d;
	struct bio *bp;

	if (__atomic_load_n(&g->gone, __ATOMIC_ACQUIRE))
		return -DDEKIT_ENODEV;
	if (io->op == BDDF_OP_FLUSH &&
	    !(dp->d_flags & DISKFLAG_CANFLUSHCACHE)) {
		/* The driver says it has no cache to flush. */
		io->done(io, 0);
		return 0;
	}
	/* bddf starts a request's next transfer from the previous one's
	 * completion, which may run in an interrupt thread: no sleeping. */
	bp = malloc(sizeof(*bp), M_DISKBIO, M_NOWAIT | M_ZERO);
	if (!bp)
		return -DDEKIT_ENOMEM;
	switch (io->op) {
	case BDDF_OP_READ:
		bp->bio_cmd = BIO_READ;
		break;
	case BDDF_OP_WRITE:
		bp->bio_cmd = BIO_WRITE;
		break;
	case BDDF_OP_FLUSH:
		bp->bio_cmd = BIO_FLUSH;
		break;
	default:
		free(bp, M_DISKBIO);
		return -DDEKIT_EINVAL;
	}
	bp->bio_disk = dp;
	bp->bio_pblkno = (daddr_t)io->lba;
	bp->bio_offset = (off_t)(io->lba * dp->d_sectorsize);
	bp->bio_bcount = (long)io->count * (long)dp->d_sectorsize;
	bp->bio_length = bp->bio_bcount;
	bp->bio_data = io->buf;
	bp->bio_done = disk_bio_done;
	bp->bio_caller1 = io;
	if (dp->d_flags & DISKFLAG_NEEDSGIANT)
		mtx_lock(&Giant);
	dp->d_strategy(bp);
	if (dp->d_flags & DISKFLAG_NEEDSGIANT)
		mtx_unlock(&Giant);
	return 0;
}

static const struct bddf_provider_ops disk_ops = {.submit = disk_submit};

static void disk_announce(void *arg, int npending)
{
	struct disk_glue *g = arg;
	struct disk *dp = &g->d;
	struct bddf_disk_info info;
	char name[32];
	int err = 0;

	(void)npending;
	snprintf(name, sizeof(name), "%s%u", dp->d_name, dp->d_unit);
	if (dp->d_open) {
		if (dp->d_flags & DISKFLAG_NEEDSGIANT)
			mtx_lock(&Giant);
		err = dp->d_open(dp);
		if (dp->d_flags & DISKFLAG_NEEDSGIANT)
			mtx_unlock(&Giant);
	}
	if (err) {
		printf("%s: d_open failed (error %d); not published\n", name,
		       err);
		goto out;
	}
	g->opened = 1;
	dp->d_flags |= DISKFLAG_OPEN;
	info = (struct bddf_disk_info){
	    .name = name,
	    .sector_size = dp->d_sectorsize,
	    .sectors = (uint64_t)dp->d_mediasize / dp->d_sectorsize,
	    .max_io_bytes = dp->d_maxsize ? dp->d_maxsize : DFLTPHYS,
	    .model = dp->d_descr[0] ? dp->d_descr : NULL,
	};
	err = bddf_disk_announce(&info, &disk_ops, g, &g->bd);
	if (err) {
		printf("%s: bddf refused the disk (error %d)\n", name, err);
		g->bd = NULL;
	}
out:
	mtx_lock(&disk_mtx);
	pending--;
	wakeup(&pending);
	mtx_unlock(&disk_mtx);
}

struct disk *disk_alloc(void)
{
	struct disk_glue *g = malloc(sizeof(*g), M_DISK, M_WAITOK | M_ZERO);

	TASK_INIT(&g->announce, 0, disk_announce, g);
	g->d.d_geom = g;
	return &g->d;
}

void disk_create(struct disk *dp, int version)
{
	struct disk_glue *g = glue(dp);

	if (version != DISK_VERSION)
		panic("disk_create: version %#x, this kernel has %#x", version,
		      DISK_VERSION);
	if (!dp->d_strategy || !dp->d_name || !dp->d_sectorsize ||
	    (dp->d_sectorsize & (dp->d_sectorsize - 1)) ||
	    dp->d_mediasize < (off_t)dp->d_sectorsize)
		panic("disk_create: %s%u lacks d_strategy, d_name or a "
		      "sector size and media size",
		      dp->d_name ? dp->d_name : "?", dp->d_unit);
	if (!disk_tq)
		panic("disk_create: the disk glue is not running");
	mtx_lock(&disk_mtx);
	pending++;
	mtx_unlock(&disk_mtx);
	taskqueue_enqueue(disk_tq, &g->announce);
}

void disk_gone(struct disk *dp)
{
	__atomic_store_n(&glue(dp)->gone, 1, __ATOMIC_RELEASE);
}

void disk_destroy(struct disk *dp)
{
	struct disk_glue *g = glue(dp);

	dde_fbsd_assert_sleepable("disk_destroy", __FILE__, __LINE__);
	dp->d_destroyed = 1;
	if (disk_tq)
		taskqueue_drain(disk_tq, &g->announce);
	if (g->bd)
		bddf_disk_gone(g->bd);
	if (g->opened && dp->d_close) {
		if (dp->d_flags & DISKFLAG_NEEDSGIANT)
			mtx_lock(&Giant);
		dp->d_close(dp);
		if (dp->d_flags & DISKFLAG_NEEDSGIANT)
			mtx_unlock(&Giant);
	}
	free(g, M_DISK);
}

int dde_fbsd_disks_settle(void)
{
	if (!dde_fbsd_env.up)
		return -DDEKIT_ENODEV;
	mtx_lock(&disk_mtx);
	while (pending)
		msleep(&pending, &disk_mtx, 0, "dsettle", 0);
	mtx_unlock(&disk_mtx);
	return 0;
}

static void disk_glue_start(void *arg)
{
	(void)arg;
	disk_tq = taskqueue_create("g_event", M_WAITOK,
	                           taskqueue_thread_enqueue, &disk_tq);
	taskqueue_start_threads(&disk_tq, 1, 0, "g_event");
}
SYSINIT(disk_glue_start, SI_SUB_DRIVERS, SI_ORDER_FIRST, disk_glue_start, NULL);

static void disk_glue_stop(void *arg)
{
	(void)arg;
	taskqueue_free(disk_tq);
	disk_tq = NULL;
}
SYSUNINIT(disk_glue_stop, SI_SUB_DRIVERS, SI_ORDER_FIRST, disk_glue_stop, NULL);
