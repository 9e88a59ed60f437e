/*
 * addrspace.c — first-fit allocation in a simulated address space (the
 * physical memory and the IOMMU's I/O virtual addresses).
 *
 * Ranges are few in any test, so a sorted list is simple and fast enough.
 */
#include "addrspace.h"

#include <ddekit/errno.h>

#include <stdlib.h>

static uint64_t align_up(uint64_t v, uint64_t a, bool *overflow)
{
	uint64_t r = (v + a - 1) & ~(a - 1);

	if (r < v)
		*overflow = true;
	return r;
}

/* The first candidate >= @start whose range meets the boundary rule. */
static uint64_t fit_boundary(uint64_t start, uint64_t size, uint64_t align,
                             uint64_t boundary, bool *overflow)
{
	if (!boundary)
		return start;
	if ((start & ~(boundary - 1)) != ((start + size - 1) & ~(boundary - 1)))
		start = align_up(align_up(start, boundary, overflow), align,
		                 overflow);
	return start;
}

int mock__space_alloc(struct mock_space *s, uint64_t size, uint64_t align,
                      uint64_t low, uint64_t high, uint64_t boundary,
                      uint64_t *out)
{
	uint64_t last = s->base + s->size - 1;
	bool constrained = low > s->base || high < last || boundary;
	struct mock_range *r, **link, *n;
	bool overflow = false;
	uint64_t cand;

	if (!size || (align & (align - 1)) || (boundary & (boundary - 1)))
		return -DDEKIT_EINVAL;
	if (!align)
		align = 1;
	if (boundary && size > boundary)
		return -DDEKIT_ERANGE;
	if (high < last)
		last = high;
	cand = align_up(low > s->base ? low : s->base, align, &overflow);
	/* First fit in one pass: the used list is sorted and its ranges do
	 * not overlap, so a range ending at or below the candidate can never
	 * collide with a later one. */
	for (r = s->used;; r = r->next) {
		cand = fit_boundary(cand, size, align, boundary, &overflow);
		if (overflow || cand > last || size - 1 > last - cand)
			return constrained ? -DDEKIT_ERANGE : -DDEKIT_ENOMEM;
		while (r && r->start + r->size <= cand)
			r = r->next;
		if (!r || cand + size <= r->start)
			break;
		cand = align_up(r->start + r->size, align, &overflow);
	}

	n = malloc(sizeof(*n));
	if (!n)
		return -DDEKIT_ENOMEM;
	n->start = cand;
	n->size = size;
	for (link = &s->used; *link && (*link)->start < cand;
	     link = &(*link)->next)
		;
	n->next = *link;
	*link = n;
	*out = cand;
	return 0;
}

void mock__space_free(struct mock_space *s, uint64_t start)
{
	for (struct mock_range **link = &s->used; *link;
	     link = &(*link)->next) {
		if ((*link)->start == start) {
			struct mock_range *r = *link;

			*link = r->next;
			free(r);
			return;
		}
	}
}

void mock__space_reset(struct mock_space *s)
{
	while (s->used) {
		struct mock_range *r = s->used;

		s->used = r->next;
		free(r);
	}
}
