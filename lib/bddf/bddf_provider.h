/*
 * bddf_provider.h — how a driver environment announces disks to bddf.
 *
 * For the disk glue of an emulation (lib/dde_fbsd's disk(9) glue) and for
 * tests, not for clients (they use bddf.h). Errors are negative DDEKIT_E*
 * codes (include/ddekit/errno.h).
 */
#ifndef BDDF_PROVIDER_H
#define BDDF_PROVIDER_H

#include <stdint.h>

struct bddf_disk;

enum bddf_op { BDDF_OP_READ = 1, BDDF_OP_WRITE = 2, BDDF_OP_FLUSH = 3 };

/** One transfer handed to a provider. bddf never gives a provider more than
 * info.max_io_bytes, never a range outside the disk, and keeps @io alive
 * until done() was called. */
struct bddf_provider_io {
	enum bddf_op op;
	uint64_t lba;   /* first sector */
	uint32_t count; /* sectors; 0 for BDDF_OP_FLUSH */
	void *buf;      /* count * sector_size bytes (any alignment of 4) */
	/** Called exactly once, from any thread (not with provider locks
	 * that submit() takes held): 0, or a negative DDEKIT_E* code
	 * (-DDEKIT_EIO for a device error). */
	void (*done)(struct bddf_provider_io *io, int status);
	void *priv; /* bddf's */
};

struct bddf_provider_ops {
	/** Start @io. 0 when accepted (done() follows, possibly before this
	 * returns), or a negative code when it was not started (done() is
	 * then not called). Called from any thread, also from inside a
	 * done() (bddf starts a request's next transfer there, which may be
	 * a driver's interrupt thread): must not sleep, like FreeBSD's
	 * d_strategy. */
	int (*submit)(void *ctx, struct bddf_provider_io *io);
};

struct bddf_disk_info {
	const char *name;     /* unique, e.g. "ad0", "ada1"; copied */
	uint32_t sector_size; /* bytes, a power of two >= 512 */
	uint64_t sectors;
	uint32_t max_io_bytes; /* largest single transfer, >= sector_size */
	const char *model;     /* may be NULL; copied */
};

/**
 * bddf_disk_announce() - a new disk. bddf reads its partition table (with
 * submit(), from the calling thread) before this returns, so the provider
 * must be able to serve I/O already. Returns 0 and the disk's handle in
 * *@out, -DDEKIT_EEXIST for a name in use, -DDEKIT_EINVAL for bad info,
 * -DDEKIT_ENOMEM. Process context; may sleep. An unreadable or corrupt
 * partition table is not an error here: the disk is listed with the
 * reason, and without partitions.
 */
int bddf_disk_announce(const struct bddf_disk_info *info,
                       const struct bddf_provider_ops *ops, void *ctx,
                       struct bddf_disk **out);

/**
 * bddf_disk_gone() - the disk is going away: new requests fail with
 * -DDEKIT_ENODEV, and this waits until every request already handed to
 * the provider completed. After it returns the provider's ctx is no longer
 * used. Process context; may sleep.
 */
void bddf_disk_gone(struct bddf_disk *disk);

#endif /* BDDF_PROVIDER_H */
