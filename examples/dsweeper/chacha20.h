/*
 * chacha20.h — the ChaCha20 stream cipher (RFC 8439, section 2.4) as
 * dsweeper's random-data generator: a 256-bit seed as the key, a 96-bit
 * nonce, and the keystream as the data, so that any position of the stream
 * can be regenerated for verification without keeping anything.
 */
#ifndef DSWEEPER_CHACHA20_H
#define DSWEEPER_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_BYTES   32
#define CHACHA20_NONCE_BYTES 12
#define CHACHA20_BLOCK_BYTES 64

struct chacha20 {
	uint32_t input[16]; /* constants, key, counter, nonce */
};

/** chacha20_init() - key and nonce set, block counter at @counter. */
void chacha20_init(struct chacha20 *c, const uint8_t key[CHACHA20_KEY_BYTES],
                   const uint8_t nonce[CHACHA20_NONCE_BYTES], uint32_t counter);

/** chacha20_block() - one 64-byte keystream block for the current counter
 * (RFC 8439 section 2.3), then the counter advances. */
void chacha20_block(struct chacha20 *c, uint8_t out[CHACHA20_BLOCK_BYTES]);

/**
 * chacha20_keystream_at() - @len bytes of the keystream starting @offset
 * bytes into the block of the current counter, into @out; the state does
 * not change. Lets a verifier regenerate any range of the stream.
 */
void chacha20_keystream_at(const struct chacha20 *c, uint64_t offset,
                           uint8_t *out, size_t len);

/** chacha20_xor() - RFC 8439 encryption: @out = @in XOR keystream from
 * the current counter on; the counter advances past the blocks used. */
void chacha20_xor(struct chacha20 *c, const uint8_t *in, uint8_t *out,
                  size_t len);

#endif
