/*
 * fuzz_table.c — see fuzz_table.h.
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/errno.h>

#include "bddf_internal.h"
#include "fuzz_table.h"

struct fuzz_disk {
	const uint8_t *img;
	size_t len;
};

static int fuzz_read(void *ctx, uint64_t lba, void *buf)
{
	const struct fuzz_disk *d = ctx;

	if (lba >= d->len / 512)
		__builtin_trap(); /* the parser must check before reading */
	memcpy(buf, d->img + lba * 512, 512);
	return 0;
}

void fuzz_parse_image(const uint8_t *img, size_t len)
{
	static struct bddf_ptable t;
	uint8_t sector[512];
	struct fuzz_disk d = {img, len};
	struct bddf_table_src src = {
	    .sectors = len / 512,
	    .sector_size = 512,
	    .read = fuzz_read,
	    .ctx = &d,
	    .buf = sector,
	};

	if (src.sectors == 0)
		return;
	if (bddf__parse_table(&src, &t) < 0) {
		if (t.count != 0 || t.msg[0] == '\0')
			__builtin_trap();
		return;
	}
	for (int i = 0; i < t.count; i++) {
		const struct bddf_part_ent *a = &t.ents[i];

		if (a->sectors == 0 || a->start >= src.sectors ||
		    a->sectors > src.sectors - a->start)
			__builtin_trap();
		for (int j = 0; j < i; j++) {
			const struct bddf_part_ent *b = &t.ents[j];

			if (a->start < b->start + b->sectors &&
			    b->start < a->start + a->sectors)
				__builtin_trap();
		}
	}
}
