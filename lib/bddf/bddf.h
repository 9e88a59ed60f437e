/*
 * bddf.h — the block device driver framework, as servers (dsweeper) and
 * their clients see it: every disk that a driver announced
 * (bddf_provider.h) and every partition found on it, as block devices
 * with bounds-checked asynchronous requests.
 *
 * Names: a whole disk is its driver's name ("ad0"); partition N of it is
 * "ad0:N" — MBR primaries 1-4, logical partitions from 5 on in chain
 * order; GPT entries by their index + 1. Errors are negative DDEKIT_E*
 * codes (include/ddekit/errno.h). Call bddf_init() after ddekit_init().
 */
#ifndef BDDF_H
#define BDDF_H

#include <stddef.h>
#include <stdint.h>

#include "bddf_provider.h"

#define BDDF_NAME_MAX 32

struct bddf_dev;

enum bddf_table { BDDF_TABLE_NONE, BDDF_TABLE_MBR, BDDF_TABLE_GPT };

struct bddf_dev_info {
	char name[BDDF_NAME_MAX]; /* "ad0" or "ad0:5" */
	char disk[BDDF_NAME_MAX]; /* "ad0" */
	int partition;            /* 0 for the whole disk */
	uint32_t sector_size;
	uint64_t start_lba; /* first sector on the disk */
	uint64_t sectors;
	enum bddf_table table; /* the disk's partition table */
	char type[40];         /* "0x83" (MBR) or the type GUID (GPT) */
	char label[72];        /* GPT partition name (UTF-8), else "" */
	/* Whole disks only: 0, or why the partition table was refused
	 * (-DDEKIT_EIO unreadable, -DDEKIT_EINVAL corrupt or hostile:
	 * overlapping, out of the disk, bad CRC…), with a message. */
	int table_error;
	char table_msg[96];
	char model[48];
};

int bddf_init(void);
/** Disks must be gone (bddf_disk_gone) and devices closed. */
void bddf_exit(void);

/**
 * bddf_devices() - fill up to @max entries of @out (NULL when @max is 0):
 * each disk, followed by its partitions in order. Returns how many exist.
 */
int bddf_devices(struct bddf_dev_info *out, int max);

#define BDDF_OPEN_READ  0
#define BDDF_OPEN_WRITE 1

/**
 * bddf_open() - a handle on the device called @name. Any number of clients
 * may open the same device. -DDEKIT_ENOENT for an unknown name; -DDEKIT_ENODEV
 * when its disk is gone. A handle opened without BDDF_OPEN_WRITE refuses
 * writes (-DDEKIT_EPERM) before anything reaches the disk.
 */
int bddf_open(const char *name, int flags, struct bddf_dev **out);
/** bddf_close() - waits for the handle's requests to complete. */
void bddf_close(struct bddf_dev *dev);
int bddf_dev_info(struct bddf_dev *dev, struct bddf_dev_info *out);

struct bddf_req {
	enum bddf_op op;
	uint64_t lba;   /* relative to the device (partition) start */
	uint32_t count; /* sectors; 0 only for BDDF_OP_FLUSH */
	void *buf;      /* count * sector_size bytes */
	/** Called once, from any thread: 0 or a negative code. Large
	 * requests are split for the provider; status is the first error. */
	void (*done)(struct bddf_req *req, int status);
	void *arg;     /* the client's */
	void *priv[4]; /* bddf's */
};

/**
 * bddf_submit() - start @req. Validation happens here and nothing reaches
 * the disk when it fails: -DDEKIT_EINVAL (zero count, NULL buffer or
 * done), -DDEKIT_ERANGE (beyond the device's end, also by overflow of
 * lba + count), -DDEKIT_EPERM (write on a read-only handle),
 * -DDEKIT_ENODEV (disk gone). 0: done() will be called. May sleep.
 */
int bddf_submit(struct bddf_dev *dev, struct bddf_req *req);

/** Synchronous forms of bddf_submit(): 0 or a negative code. */
int bddf_read(struct bddf_dev *dev, uint64_t lba, uint32_t count, void *buf);
int bddf_write(struct bddf_dev *dev, uint64_t lba, uint32_t count,
               const void *buf);
int bddf_flush(struct bddf_dev *dev);

#endif /* BDDF_H */
