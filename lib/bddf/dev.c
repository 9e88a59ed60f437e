/*
 * dev.c — handles on block devices: open, close, describe.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/memory.h>
#include <ddekit/printf.h>

#include "bddf_internal.h"

void bddf__part_info(const struct bddf_part *part, struct bddf_dev_info *out)
{
	const struct bddf_disk *disk = part->disk;

	memset(out, 0, sizeof(*out));
	if (part->number)
		ddekit_snprintf(out->name, sizeof(out->name), "%s:%d",
		                disk->name, part->number);
	else
		memcpy(out->name, disk->name, sizeof(out->name));
	memcpy(out->disk, disk->name, sizeof(out->disk));
	out->partition = part->number;
	out->sector_size = disk->sector_size;
	out->start_lba = part->start;
	out->sectors = part->sectors;
	out->table = disk->table;
	memcpy(out->type, part->type, sizeof(out->type));
	memcpy(out->label, part->label, sizeof(out->label));
	if (part->number == 0) {
		out->table_error = disk->table_error;
		memcpy(out->table_msg, disk->table_msg, sizeof(out->table_msg));
	}
	memcpy(out->model, disk->model, sizeof(out->model));
}

/* "ad0" -> partition 0, "ad0:5" -> 5; -1 for a malformed number. */
static int parse_number(const char *s)
{
	int n = 0, digits = 0;

	for (; *s; s++, digits++) {
		if (*s < '0' || *s > '9' || digits == 6)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return digits && n > 0 ? n : -1;
}

int bddf_open(const char *name, int flags, struct bddf_dev **out)
{
	const char *colon;
	struct bddf_disk *disk;
	struct bddf_dev *dev;
	size_t len;
	int number = 0, i, err = -DDEKIT_ENOENT;

	if (!name || !out || (flags & ~BDDF_OPEN_WRITE) || bddf.users == 0)
		return -DDEKIT_EINVAL;
	colon = strchr(name, ':');
	len = colon ? (size_t)(colon - name) : strlen(name);
	if (colon) {
		number = parse_number(colon + 1);
		if (number < 0)
			return -DDEKIT_ENOENT;
	}
	dev = ddekit_simple_malloc(sizeof(*dev));
	if (!dev)
		return -DDEKIT_ENOMEM;
	memset(dev, 0, sizeof(*dev));
	dev->flags = flags;

	ddekit_lock_lock(&bddf.lock);
	disk = bddf__disk_lookup(name, len);
	if (!disk)
		goto unlock;
	if (disk->gone) {
		err = -DDEKIT_ENODEV;
		goto unlock;
	}
	for (i = 0; i < disk->nparts; i++)
		if (disk->parts[i].number == number) {
			dev->part = &disk->parts[i];
			disk->refs++;
			err = 0;
			break;
		}
unlock:
	ddekit_lock_unlock(&bddf.lock);
	if (err < 0)
		ddekit_simple_free(dev);
	else
		*out = dev;
	return err;
}

void bddf_close(struct bddf_dev *dev)
{
	struct bddf_disk *disk;
	bool free_disk;

	if (!dev)
		return;
	disk = dev->part->disk;
	ddekit_lock_lock(&bddf.lock);
	while (dev->active > 0)
		ddekit_condvar_wait(bddf.cv, &bddf.lock);
	disk->refs--;
	free_disk = !disk->listed && disk->refs == 0;
	ddekit_lock_unlock(&bddf.lock);
	if (free_disk)
		bddf__disk_free(disk);
	ddekit_simple_free(dev);
}

int bddf_dev_info(struct bddf_dev *dev, struct bddf_dev_info *out)
{
	if (!dev || !out)
		return -DDEKIT_EINVAL;
	bddf__part_info(dev->part, out);
	return 0;
}
