/*
 * sys/bio.h — bio(9), the block I/O request (FreeBSD 7, libdde).
 *
 * A bio reaches a driver's d_strategy() from the disk(9) glue (disk.c),
 * which turns each block request of bddf into one. The driver completes it
 * with biodone() (or biofinish()), from any context. GEOM's own fields
 * (bio_from, bio_to, bio_children, bio_t0, bio_task...) and devstat are
 * left out: there is no GEOM, so code that uses them does not compile.
 */
#ifndef _DDE_FBSD_SYS_BIO_H_
#define _DDE_FBSD_SYS_BIO_H_

#include <sys/types.h>
#include <sys/queue.h>

struct disk;
struct devstat;

/* bio_cmd */
#define BIO_READ    0x01
#define BIO_WRITE   0x02
#define BIO_DELETE  0x04
#define BIO_GETATTR 0x08
#define BIO_FLUSH   0x10
#define BIO_CMD0    0x20
#define BIO_CMD1    0x40
#define BIO_CMD2    0x80

/* bio_flags */
#define BIO_ERROR   0x01
#define BIO_DONE    0x02
#define BIO_ONQUEUE 0x04
#define BIO_ORDERED 0x08

struct bio {
	uint8_t bio_cmd;
	uint8_t bio_flags;
	uint8_t bio_cflags; /* the consumer's (the glue's) */
	uint8_t bio_pflags; /* the driver's */
	struct disk *bio_disk;
	off_t bio_offset; /* bytes from the disk's start */
	long bio_bcount;  /* bytes to transfer */
	caddr_t bio_data;
	int bio_error;  /* an errno with BIO_ERROR */
	long bio_resid; /* bytes not transferred */
	void (*bio_done)(struct bio *);
	void *bio_driver1; /* private to the driver */
	void *bio_driver2;
	void *bio_caller1; /* private to the issuer */
	void *bio_caller2;
	TAILQ_ENTRY(bio) bio_queue;
	off_t bio_length;    /* as bio_bcount */
	off_t bio_completed; /* bytes done, set by the driver if it likes */
	daddr_t bio_pblkno;  /* first sector */
};

struct bio_queue_head {
	TAILQ_HEAD(bio_queue, bio) queue;
	off_t last_offset;
	struct bio *insert_point;
};

__BEGIN_DECLS
/** biodone() - @bp is finished: sets BIO_DONE, then calls bio_done, or
 * wakes a biowait()er when there is none. Any context. */
void biodone(struct bio *bp);
/** biofinish() - biodone() with @error (0: success; else BIO_ERROR and the
 * whole transfer as resid). @stat is ignored: no devstat. */
void biofinish(struct bio *bp, struct devstat *stat, int error);
/** biowait() - sleep until biodone(@bp); its bio_error or 0. */
int biowait(struct bio *bp, const char *wchan);

void bioq_init(struct bio_queue_head *head);
void bioq_insert_head(struct bio_queue_head *head, struct bio *bp);
void bioq_insert_tail(struct bio_queue_head *head, struct bio *bp);
void bioq_remove(struct bio_queue_head *head, struct bio *bp);
struct bio *bioq_first(struct bio_queue_head *head);
struct bio *bioq_takefirst(struct bio_queue_head *head);
/** bioq_disksort() - insert in elevator order (ascending offsets from the
 * last one taken, then the wrapped-around rest). */
void bioq_disksort(struct bio_queue_head *head, struct bio *bp);
/** bioq_flush() - biofinish() every queued bio with @error. */
void bioq_flush(struct bio_queue_head *head, struct devstat *stat, int error);
__END_DECLS

#endif /* _DDE_FBSD_SYS_BIO_H_ */
