/*
 * crc32.c — the CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320),
 * which GPT uses for its header and entry array.
 */
#include "bddf_internal.h"

/* Half a byte at a time: a 16-entry table is small enough to keep as a
 * constant, so nothing has to be initialised before the first use. */
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
    0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

/**
 * bddf__crc32() - continue a CRC over @len bytes; start with @crc 0.
 */
uint32_t bddf__crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return ~crc;
}
