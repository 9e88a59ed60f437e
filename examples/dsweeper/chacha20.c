/*
 * chacha20.c — ChaCha20 as specified by RFC 8439 sections 2.1-2.4, written
 * from the specification's description of the state and quarter round.
 */
#include "chacha20.h"

#include <string.h>

static uint32_t load32_le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void store32_le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static uint32_t rotl32(uint32_t v, int n)
{
	return v << n | v >> (32 - n);
}

/* RFC 8439 section 2.1. */
#define QUARTER(a, b, c, d)                                                    \
	do {                                                                   \
		a += b;                                                        \
		d = rotl32(d ^ a, 16);                                         \
		c += d;                                                        \
		b = rotl32(b ^ c, 12);                                         \
		a += b;                                                        \
		d = rotl32(d ^ a, 8);                                          \
		c += d;                                                        \
		b = rotl32(b ^ c, 7);                                          \
	} while (0)

void chacha20_init(struct chacha20 *c, const uint8_t key[CHACHA20_KEY_BYTES],
                   const uint8_t nonce[CHACHA20_NONCE_BYTES], uint32_t counter)
{
	int i;

	/* "expand 32-byte k" as four little-endian words. */
	c->input[0] = 0x61707865;
	c->input[1] = 0x3320646e;
	c->input[2] = 0x79622d32;
	c->input[3] = 0x6b206574;
	for (i = 0; i < 8; i++)
		c->input[4 + i] = load32_le(key + 4 * i);
	c->input[12] = counter;
	for (i = 0; i < 3; i++)
		c->input[13 + i] = load32_le(nonce + 4 * i);
}

static void block_at(const uint32_t in[16], uint32_t counter,
                     uint8_t out[CHACHA20_BLOCK_BYTES])
{
	uint32_t x[16];
	int i;

	memcpy(x, in, sizeof(x));
	x[12] = counter;
	for (i = 0; i < 10; i++) {
		/* A column round, then a diagonal round (section 2.3). */
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (i = 0; i < 16; i++)
		store32_le(out + 4 * i, x[i] + (i == 12 ? counter : in[i]));
}

void chacha20_block(struct chacha20 *c, uint8_t out[CHACHA20_BLOCK_BYTES])
{
	block_at(c->input, c->input[12], out);
	c->input[12]++;
}

void chacha20_keystream_at(const struct chacha20 *c, uint64_t offset,
                           uint8_t *out, size_t len)
{
	uint8_t block[CHACHA20_BLOCK_BYTES];
	/* A 32-bit counter: the stream repeats after 256 GiB, as RFC 8439
	 * allows; callers use one nonce per 256 GiB. */
	uint32_t counter =
	    c->input[12] + (uint32_t)(offset / CHACHA20_BLOCK_BYTES);
	size_t skip = (size_t)(offset % CHACHA20_BLOCK_BYTES);

	while (len) {
		size_t n = CHACHA20_BLOCK_BYTES - skip;

		if (n > len)
			n = len;
		if (skip == 0 && n == CHACHA20_BLOCK_BYTES) {
			block_at(c->input, counter, out);
		} else {
			block_at(c->input, counter, block);
			memcpy(out, block + skip, n);
		}
		out += n;
		len -= n;
		skip = 0;
		counter++;
	}
}

void chacha20_xor(struct chacha20 *c, const uint8_t *in, uint8_t *out,
                  size_t len)
{
	uint8_t block[CHACHA20_BLOCK_BYTES];
	size_t i, n;

	while (len) {
		chacha20_block(c, block);
		n = len < CHACHA20_BLOCK_BYTES ? len : CHACHA20_BLOCK_BYTES;
		for (i = 0; i < n; i++)
			out[i] = in[i] ^ block[i];
		in += n;
		out += n;
		len -= n;
	}
}
