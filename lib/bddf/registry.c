/*
 * registry.c — the disks drivers announced, their partition tables, and
 * the list clients see.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/printf.h>

#include "bddf_internal.h"

struct bddf_state bddf;

/* Room for ":NNN" behind a disk name in a device name. */
#define BDDF_DISK_NAME_MAX (BDDF_NAME_MAX - 5)

int bddf_init(void)
{
	/* Counted, so that the disk glue of an emulation and the server that
	 * links it may both bring bddf up; both run in set-up code. */
	if (bddf.users++ > 0)
		return 0;
	ddekit_lock_init(&bddf.lock);
	bddf.cv = ddekit_condvar_init();
	if (!bddf.lock || !bddf.cv) {
		if (bddf.lock)
			ddekit_lock_deinit(&bddf.lock);
		if (bddf.cv)
			ddekit_condvar_deinit(bddf.cv);
		bddf.cv = NULL;
		bddf.users = 0;
		return -DDEKIT_ENOMEM;
	}
	bddf.disks = NULL;
	return 0;
}

void bddf_exit(void)
{
	if (bddf.users == 0 || --bddf.users > 0)
		return;
	while (bddf.disks) {
		struct bddf_disk *d = bddf.disks;

		ddekit_printf("bddf: %s was not gone at exit\n", d->name);
		bddf.disks = d->next;
		bddf__disk_free(d);
	}
	ddekit_condvar_deinit(bddf.cv);
	bddf.cv = NULL;
	ddekit_lock_deinit(&bddf.lock);
}

void bddf__disk_free(struct bddf_disk *disk)
{
	ddekit_simple_free(disk->parts);
	ddekit_simple_free(disk);
}

static bool disk_info_ok(const struct bddf_disk_info *info,
                         const struct bddf_provider_ops *ops)
{
	uint32_t ss;
	size_t len;

	if (!info || !ops || !ops->submit || !info->name)
		return false;
	len = strlen(info->name);
	if (len == 0 || len >= BDDF_DISK_NAME_MAX || strchr(info->name, ':'))
		return false;
	ss = info->sector_size;
	if (ss < 512 || ss > 65536 || (ss & (ss - 1)) != 0)
		return false;
	return info->sectors > 0 && info->max_io_bytes >= ss;
}

static struct bddf_disk *disk_find(const char *name, size_t len)
{
	struct bddf_disk *d;

	for (d = bddf.disks; d; d = d->next)
		if (strlen(d->name) == len && memcmp(d->name, name, len) == 0)
			return d;
	return NULL;
}

/* Lock held. */
static void disk_unlink(struct bddf_disk *disk)
{
	struct bddf_disk **pp;

	for (pp = &bddf.disks; *pp; pp = &(*pp)->next)
		if (*pp == disk) {
			*pp = disk->next;
			break;
		}
	disk->listed = false;
}

static int table_read(void *ctx, uint64_t lba, void *buf)
{
	return bddf__disk_io(ctx, BDDF_OP_READ, lba, 1, buf);
}

static void part_from_ent(struct bddf_part *p, struct bddf_disk *disk,
                          const struct bddf_part_ent *e)
{
	p->disk = disk;
	p->number = e->number;
	p->start = e->start;
	p->sectors = e->sectors;
	memcpy(p->type, e->type, sizeof(p->type));
	memcpy(p->label, e->label, sizeof(p->label));
}

static int disk_read_table(struct bddf_disk *disk)
{
	struct bddf_table_src src;
	struct bddf_ptable *t;
	int i, err = -DDEKIT_ENOMEM;

	t = ddekit_simple_malloc(sizeof(*t));
	src.buf = ddekit_simple_malloc(disk->sector_size);
	if (!t || !src.buf)
		goto out;
	src.sectors = disk->sectors;
	src.sector_size = disk->sector_size;
	src.read = table_read;
	src.ctx = disk;
	bddf__parse_table(&src, t);

	disk->parts = ddekit_simple_malloc((unsigned)(t->count + 1) *
	                                   sizeof(*disk->parts));
	if (!disk->parts)
		goto out;
	memset(disk->parts, 0, sizeof(*disk->parts));
	disk->parts[0].disk = disk;
	disk->parts[0].sectors = disk->sectors;
	for (i = 0; i < t->count; i++)
		part_from_ent(&disk->parts[i + 1], disk, &t->ents[i]);
	disk->nparts = t->count + 1;
	disk->table = t->table;
	disk->table_error = t->error;
	memcpy(disk->table_msg, t->msg, sizeof(disk->table_msg));
	err = 0;
out:
	ddekit_simple_free(src.buf);
	ddekit_simple_free(t);
	return err;
}

static void disk_report(const struct bddf_disk *disk)
{
	static const char *const kinds[] = {"no partition table", "MBR", "GPT"};

	if (disk->table_error)
		ddekit_printf("bddf: %s: partition table refused (%s): %s\n",
		              disk->name, ddekit_errname(disk->table_error),
		              disk->table_msg);
	else
		ddekit_printf("bddf: %s: %llu sectors of %u bytes, %s, "
		              "%d partitions%s%s\n",
		              disk->name, (unsigned long long)disk->sectors,
		              (unsigned)disk->sector_size, kinds[disk->table],
		              disk->nparts - 1, disk->table_msg[0] ? "; " : "",
		              disk->table_msg);
}

int bddf_disk_announce(const struct bddf_disk_info *info,
                       const struct bddf_provider_ops *ops, void *ctx,
                       struct bddf_disk **out)
{
	struct bddf_disk *disk;
	int err;

	if (bddf.users == 0 || !out || !disk_info_ok(info, ops))
		return -DDEKIT_EINVAL;
	disk = ddekit_simple_malloc(sizeof(*disk));
	if (!disk)
		return -DDEKIT_ENOMEM;
	memset(disk, 0, sizeof(*disk));
	memcpy(disk->name, info->name, strlen(info->name) + 1);
	if (info->model) {
		size_t n = strlen(info->model);

		if (n >= sizeof(disk->model))
			n = sizeof(disk->model) - 1;
		memcpy(disk->model, info->model, n);
	}
	disk->sector_size = info->sector_size;
	disk->sectors = info->sectors;
	disk->max_io_sectors = info->max_io_bytes / info->sector_size;
	disk->ops = *ops;
	disk->ctx = ctx;

	/* Listed (but not yet ready) before the table is read, so that a
	 * second announce of the name fails at once. */
	ddekit_lock_lock(&bddf.lock);
	if (disk_find(disk->name, strlen(disk->name))) {
		ddekit_lock_unlock(&bddf.lock);
		ddekit_simple_free(disk);
		return -DDEKIT_EEXIST;
	}
	{
		struct bddf_disk **pp = &bddf.disks;

		while (*pp)
			pp = &(*pp)->next;
		*pp = disk;
	}
	disk->listed = true;
	ddekit_lock_unlock(&bddf.lock);

	err = disk_read_table(disk);
	ddekit_lock_lock(&bddf.lock);
	if (err < 0)
		disk_unlink(disk);
	else
		disk->ready = true;
	ddekit_lock_unlock(&bddf.lock);
	if (err < 0) {
		bddf__disk_free(disk);
		return err;
	}
	disk_report(disk);
	*out = disk;
	return 0;
}

void bddf_disk_gone(struct bddf_disk *disk)
{
	bool free_now;

	ddekit_lock_lock(&bddf.lock);
	disk->gone = true;
	while (disk->active > 0)
		ddekit_condvar_wait(bddf.cv, &bddf.lock);
	disk_unlink(disk);
	free_now = disk->refs == 0;
	ddekit_lock_unlock(&bddf.lock);
	if (free_now)
		bddf__disk_free(disk);
}

int bddf_devices(struct bddf_dev_info *out, int max)
{
	struct bddf_disk *d;
	int n = 0, i;

	ddekit_lock_lock(&bddf.lock);
	for (d = bddf.disks; d; d = d->next) {
		if (!d->ready || d->gone)
			continue;
		for (i = 0; i < d->nparts; i++, n++)
			if (out && n < max)
				bddf__part_info(&d->parts[i], &out[n]);
	}
	ddekit_lock_unlock(&bddf.lock);
	return n;
}

/* Exposed for bddf_open(): the ready, listed disk called @name (@len
 * bytes, not terminated). Lock held. */
struct bddf_disk *bddf__disk_lookup(const char *name, size_t len)
{
	struct bddf_disk *d = disk_find(name, len);

	return d && d->ready ? d : NULL;
}
