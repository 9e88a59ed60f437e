/*
 * addrspace.h — first-fit allocator for the mock's simulated address spaces.
 */
#ifndef TESTS_MOCK_ADDRSPACE_H
#define TESTS_MOCK_ADDRSPACE_H

#include <stdbool.h>
#include <stdint.h>

struct mock_range {
	uint64_t start, size;
	struct mock_range *next; /* sorted by start */
};

struct mock_space {
	uint64_t base, size;
	struct mock_range *used;
};

/**
 * mock__space_alloc() - the lowest free range of @size bytes at a multiple of
 * @align (0 or a power of two) with first byte >= @low, last byte <= @high,
 * not crossing a multiple of @boundary (0 or a power of two).
 *
 * Returns 0, -DDEKIT_ERANGE when the constraints cannot be met,
 * -DDEKIT_ENOMEM when the space is full, -DDEKIT_EINVAL for bad arguments.
 */
int mock__space_alloc(struct mock_space *s, uint64_t size, uint64_t align,
                      uint64_t low, uint64_t high, uint64_t boundary,
                      uint64_t *out);
void mock__space_free(struct mock_space *s, uint64_t start);
void mock__space_reset(struct mock_space *s);

#endif /* TESTS_MOCK_ADDRSPACE_H */
