/*
 * fuzz_table.h — what the two libFuzzer targets share: an input is a disk
 * image of 512-byte sectors, handed to bddf__parse_table() through the
 * same sector-reading callback bddf uses, and every table the parser
 * accepts must keep its promises.
 */
#ifndef TESTS_BDDF_FUZZ_TABLE_H
#define TESTS_BDDF_FUZZ_TABLE_H

#include <stddef.h>
#include <stdint.h>

/** Parse @img (@len bytes, a multiple of 512) and trap if an accepted
 * table lists a partition outside the disk or overlapping another. */
void fuzz_parse_image(const uint8_t *img, size_t len);

#endif /* TESTS_BDDF_FUZZ_TABLE_H */
