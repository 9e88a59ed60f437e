/*
 * bio.c — bio(9): completion, waiting, and the bio queues drivers keep.
 */
#include "internal.h"

#include <sys/bio.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/mutex.h>

/* A spin mutex, because biodone() may run in a filter; it closes the gap
 * between biowait()'s check of BIO_DONE and its sleep. */
static struct mtx bio_done_mtx;
MTX_SYSINIT(bio_done, &bio_done_mtx, "bio done", MTX_SPIN);

void biodone(struct bio *bp)
{
	void (*done)(struct bio *);

	mtx_lock_spin(&bio_done_mtx);
	bp->bio_flags |= BIO_DONE;
	done = bp->bio_done;
	if (!done)
		wakeup(bp);
	mtx_unlock_spin(&bio_done_mtx);
	if (done)
		done(bp);
}

void biofinish(struct bio *bp, struct devstat *stat, int error)
{
	(void)stat;
	if (error) {
		bp->bio_error = error;
		bp->bio_flags |= BIO_ERROR;
		bp->bio_resid = bp->bio_bcount;
	}
	biodone(bp);
}

int biowait(struct bio *bp, const char *wchan)
{
	mtx_lock_spin(&bio_done_mtx);
	while (!(bp->bio_flags & BIO_DONE))
		msleep_spin(bp, &bio_done_mtx, wchan, 0);
	mtx_unlock_spin(&bio_done_mtx);
	if (!(bp->bio_flags & BIO_ERROR))
		return 0;
	return bp->bio_error ? bp->bio_error : EIO;
}

void bioq_init(struct bio_queue_head *head)
{
	TAILQ_INIT(&head->queue);
	head->last_offset = 0;
	head->insert_point = NULL;
}

void bioq_insert_head(struct bio_queue_head *head, struct bio *bp)
{
	TAILQ_INSERT_HEAD(&head->queue, bp, bio_queue);
	head->insert_point = NULL;
}

void bioq_insert_tail(struct bio_queue_head *head, struct bio *bp)
{
	TAILQ_INSERT_TAIL(&head->queue, bp, bio_queue);
	/* Nothing may be sorted in before a bio queued at the tail. */
	head->insert_point = bp;
}

void bioq_remove(struct bio_queue_head *head, struct bio *bp)
{
	if (bp == head->insert_point)
		head->insert_point = TAILQ_PREV(bp, bio_queue, bio_queue);
	TAILQ_REMOVE(&head->queue, bp, bio_queue);
	if (TAILQ_EMPTY(&head->queue))
		head->insert_point = NULL;
}

struct bio *bioq_first(struct bio_queue_head *head)
{
	return TAILQ_FIRST(&head->queue);
}

struct bio *bioq_takefirst(struct bio_queue_head *head)
{
	struct bio *bp = TAILQ_FIRST(&head->queue);

	if (bp) {
		bioq_remove(head, bp);
		head->last_offset = bp->bio_offset + bp->bio_bcount;
	}
	return bp;
}

/* The position of @off in the sweep that starts at @last: offsets at or
 * after the head come first, those behind it after the wrap. */
static uint64_t sweep_key(off_t last, off_t off)
{
	uint64_t wrap = off < last ? (uint64_t)1 << 63 : 0;

	return wrap | (uint64_t)off;
}

void bioq_disksort(struct bio_queue_head *head, struct bio *bp)
{
	uint64_t key = sweep_key(head->last_offset, bp->bio_offset);
	struct bio *cur = head->insert_point;

	/* Start after the last bio that must stay in front (ordered). */
	cur = cur ? TAILQ_NEXT(cur, bio_queue) : TAILQ_FIRST(&head->queue);
	while (cur && sweep_key(head->last_offset, cur->bio_offset) <= key)
		cur = TAILQ_NEXT(cur, bio_queue);
	if (cur)
		TAILQ_INSERT_BEFORE(cur, bp, bio_queue);
	else
		TAILQ_INSERT_TAIL(&head->queue, bp, bio_queue);
}

void bioq_flush(struct bio_queue_head *head, struct devstat *stat, int error)
{
	struct bio *bp;

	while ((bp = bioq_takefirst(head)) != NULL)
		biofinish(bp, stat, error);
}
