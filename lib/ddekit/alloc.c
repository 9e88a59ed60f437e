/*
 * alloc.c — heap records for lib/ddekit itself.
 *
 * The host frees memory by (address, size), so each block carries its size
 * in a header sized to keep the payload aligned for any type.
 */
#include "internal.h"

#include <string.h>

struct alloc_header {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

void *ddekit__zalloc(size_t size)
{
	struct ddekit_host_mem_req req = {0};
	struct alloc_header *h;
	void *virt = NULL;

	if (size > SIZE_MAX - sizeof(*h))
		return NULL;
	req.size = size + sizeof(*h);
	if (ddekit_host_mem_alloc(&req, &virt, NULL, NULL) < 0)
		return NULL;
	h = virt;
	memset(h, 0, req.size);
	h->size = req.size;
	return h + 1;
}

void ddekit__free(void *p)
{
	struct alloc_header *h;

	if (!p)
		return;
	h = (struct alloc_header *)p - 1;
	ddekit_host_mem_free(h, h->size);
}
