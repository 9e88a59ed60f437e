/*
 * geom/geom_disk.h — disk(9): a driver publishes a disk (FreeBSD 7, libdde).
 *
 * There is no GEOM: disk_create() announces the disk to the bddf block
 * framework (lib/bddf), whose requests reach d_strategy() as bios
 * (sys/bio.h). disk_create() returns at once, like FreeBSD's; the
 * announcement (d_open(), then bddf reading the partition table through
 * d_strategy()) happens on the glue's own thread afterwards, so a driver
 * may call it from attach. disk_destroy() waits until the requests the
 * driver holds completed and then calls d_close(); no d_strategy() call
 * follows it. d_ioctl, d_dump, d_fwsectors/d_fwheads and the stripe fields
 * are kept but unused.
 */
#ifndef _DDE_FBSD_GEOM_GEOM_DISK_H_
#define _DDE_FBSD_GEOM_GEOM_DISK_H_

#include <sys/types.h>
#include <sys/queue.h>

struct bio;
struct disk;
struct thread;

typedef int disk_open_t(struct disk *);
typedef int disk_close_t(struct disk *);
typedef void disk_strategy_t(struct bio *bp);
typedef int disk_ioctl_t(struct disk *, u_long cmd, void *data, int fflag,
                         struct thread *td);
typedef int dumper_t(void *priv, void *virtual, vm_offset_t physical,
                     off_t offset, size_t length);

#define DISK_IDENT_SIZE 256

struct disk {
	/* Fields private to the glue. */
	void *d_geom;
	int d_destroyed;

	/* Set by the driver before disk_create(). */
	const char *d_name; /* "ad": the disk is called d_name + d_unit */
	u_int d_unit;
	u_int d_flags;

	disk_open_t *d_open;
	disk_close_t *d_close;
	disk_strategy_t *d_strategy;
	disk_ioctl_t *d_ioctl;
	dumper_t *d_dump;

	u_int d_sectorsize;
	off_t d_mediasize;
	u_int d_fwsectors;
	u_int d_fwheads;
	u_int d_maxsize; /* largest bio_bcount; 0 means DFLTPHYS */
	u_int d_stripeoffset;
	u_int d_stripesize;
	char d_ident[DISK_IDENT_SIZE]; /* serial number */
	/* libdde: the model, shown in bddf's list (FreeBSD got the field,
	 * with this name, only in a later release). */
	char d_descr[DISK_IDENT_SIZE];

	void *d_drv1; /* the driver's */
};

#define DISKFLAG_NEEDSGIANT    0x1
#define DISKFLAG_OPEN          0x2
#define DISKFLAG_CANDELETE     0x4
#define DISKFLAG_CANFLUSHCACHE 0x8

#define DISK_VERSION_00 0x58561059
#define DISK_VERSION    DISK_VERSION_00

__BEGIN_DECLS
/** disk_alloc() - a zeroed struct disk; may sleep. */
struct disk *disk_alloc(void);
/** disk_create() - publish @disk (see above); panics on a wrong @version
 * or a disk without d_strategy, d_name, d_sectorsize or d_mediasize. */
void disk_create(struct disk *disk, int version);
/** disk_destroy() - withdraw and free @disk; sleeps until it is idle.
 * Process context (detach). */
void disk_destroy(struct disk *disk);
/** disk_gone() - the medium went away: new requests fail with ENXIO before
 * reaching d_strategy(). Any context; disk_destroy() still follows. */
void disk_gone(struct disk *disk);
__END_DECLS

#endif /* _DDE_FBSD_GEOM_GEOM_DISK_H_ */
