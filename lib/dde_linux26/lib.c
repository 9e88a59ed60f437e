/*
 * lib.c — string helpers, kref, bit searching.
 */
#include <linux/bitops.h>
#include <linux/kref.h>
#include <linux/slab.h>
#include <linux/string.h>

/* See dde_linux26_fence() in linux/compiler.h. */
int dde_linux26_fence_word;

size_t dde_linux26_strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}

size_t dde_linux26_strlcat(char *dest, const char *src, size_t size)
{
	size_t dlen = strnlen(dest, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + dde_linux26_strlcpy(dest + dlen, src, size - dlen);
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = kmalloc(len, gfp);
	if (p)
		memcpy(p, s, len);
	return p;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

void kref_init(struct kref *kref)
{
	atomic_set(&kref->refcount, 1);
}

void kref_get(struct kref *kref)
{
	atomic_inc(&kref->refcount);
}

int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (atomic_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

static unsigned long find_bit(const unsigned long *addr, unsigned long size,
                              unsigned long offset, unsigned long invert)
{
	while (offset < size) {
		unsigned long word = addr[offset / BITS_PER_LONG] ^ invert;

		word &= ~0UL << (offset % BITS_PER_LONG);
		if (word) {
			offset = offset - offset % BITS_PER_LONG + __ffs(word);
			return offset < size ? offset : size;
		}
		offset = offset - offset % BITS_PER_LONG + BITS_PER_LONG;
	}
	return size;
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
                            unsigned long offset)
{
	return find_bit(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
                                 unsigned long offset)
{
	return find_bit(addr, size, offset, ~0UL);
}
