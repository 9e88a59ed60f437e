/*
 * iova.c — bus addresses behind the IOMMU, handed out by posix_uio itself.
 *
 * With VFIO the driver server decides where in the device's address space
 * its memory appears. Ranges are handed out first-fit from the bottom, so
 * devices that reach only low addresses (QEMU's edu: 28 bits) are served;
 * the first MiB stays unused so that a bus address of (almost) 0 is always
 * a driver bug the IOMMU reports. Only the windows VFIO declares usable
 * (the MSI doorbell window of x86 is not) are used.
 */
#include "posix_uio.h"

#include <stdlib.h>
#include <string.h>

#define IOVA_FLOOR  0x100000ull
#define MAX_WINDOWS 16

struct used {
	uint64_t start;
	uint64_t size;
};

static pthread_mutex_t iova_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t windows[MAX_WINDOWS][2]; /* first and last usable byte */
static unsigned nwindows;
static struct used *used; /* sorted by start */
static size_t nused, capused;

bool pu_place(uint64_t start, uint64_t limit, uint64_t size, uint64_t align,
              uint64_t boundary, uint64_t *out)
{
	uint64_t a = align ? align : 1, x;

	if (!size || start > limit)
		return false;
	if (boundary && size > boundary)
		return false;
	x = (start + a - 1) & ~(a - 1);
	while (x >= start && x <= limit && size - 1 <= limit - x) {
		uint64_t next;

		if (!boundary || x / boundary == (x + size - 1) / boundary) {
			*out = x;
			return true;
		}
		/* Restart at the boundary the range would cross. */
		next = (x / boundary + 1) * boundary;
		next = (next + a - 1) & ~(a - 1);
		if (next <= x)
			return false;
		x = next;
	}
	return false;
}

int pu_iova_init(void)
{
	pthread_mutex_lock(&iova_lock);
	nwindows = pu_vfio_iova_ranges(windows, MAX_WINDOWS);
	nused = 0;
	pthread_mutex_unlock(&iova_lock);
	return nwindows ? 0 : -DDEKIT_ENOSYS;
}

void pu_iova_fini(void)
{
	pthread_mutex_lock(&iova_lock);
	free(used);
	used = NULL;
	nused = capused = 0;
	nwindows = 0;
	pthread_mutex_unlock(&iova_lock);
}

/* Finds a place in [@lo, @hi] between the used ranges. Caller holds the
 * lock. */
static bool find_gap(uint64_t lo, uint64_t hi, uint64_t size, uint64_t align,
                     uint64_t boundary, uint64_t *out, size_t *at)
{
	uint64_t cursor = lo;
	size_t i;

	for (i = 0; i <= nused; i++) {
		uint64_t gap_end = hi;

		if (i < nused) {
			if (used[i].start + used[i].size - 1 < cursor)
				continue;
			if (used[i].start > cursor)
				gap_end = used[i].start - 1 < hi
				              ? used[i].start - 1
				              : hi;
			else
				gap_end = cursor - 1; /* no gap before it */
		}
		if (gap_end >= cursor &&
		    pu_place(cursor, gap_end, size, align, boundary, out)) {
			*at = i;
			return true;
		}
		if (i < nused) {
			uint64_t end = used[i].start + used[i].size;

			if (end > cursor)
				cursor = end;
			if (cursor > hi || cursor == 0)
				return false;
		}
	}
	return false;
}

int pu_iova_alloc(uint64_t size, uint64_t align, uint64_t low, uint64_t high,
                  uint64_t boundary, uint64_t *out)
{
	uint64_t where = 0;
	size_t at = 0;
	unsigned w;
	int rc = -DDEKIT_ERANGE;

	if (!size)
		return -DDEKIT_EINVAL;
	pthread_mutex_lock(&iova_lock);
	for (w = 0; w < nwindows; w++) {
		uint64_t lo = windows[w][0], hi = windows[w][1];

		if (lo < IOVA_FLOOR)
			lo = IOVA_FLOOR;
		if (lo < low)
			lo = low;
		if (hi > high)
			hi = high;
		if (lo > hi)
			continue;
		if (find_gap(lo, hi, size, align, boundary, &where, &at)) {
			rc = 0;
			break;
		}
	}
	if (rc == 0 && nused == capused) {
		size_t cap = capused ? 2 * capused : 64;
		struct used *bigger = realloc(used, cap * sizeof(*used));

		if (bigger) {
			used = bigger;
			capused = cap;
		} else {
			rc = -DDEKIT_ENOMEM;
		}
	}
	if (rc == 0) {
		/* Keep the list sorted: the gap found lies before used[at]. */
		while (at < nused && used[at].start < where)
			at++;
		memmove(&used[at + 1], &used[at], (nused - at) * sizeof(*used));
		used[at].start = where;
		used[at].size = size;
		nused++;
		*out = where;
	}
	pthread_mutex_unlock(&iova_lock);
	return rc;
}

void pu_iova_free(uint64_t iova, uint64_t size)
{
	size_t i;

	pthread_mutex_lock(&iova_lock);
	for (i = 0; i < nused; i++) {
		if (used[i].start == iova && used[i].size == size) {
			memmove(&used[i], &used[i + 1],
			        (nused - i - 1) * sizeof(*used));
			nused--;
			break;
		}
	}
	pthread_mutex_unlock(&iova_lock);
}
