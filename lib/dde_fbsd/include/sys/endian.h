/*
 * sys/endian.h — byte order conversion (FreeBSD 7, libdde). The byte order
 * comes from the compiler, so this is right on any host.
 */
#ifndef _DDE_FBSD_SYS_ENDIAN_H_
#define _DDE_FBSD_SYS_ENDIAN_H_

#include <sys/types.h>

#define _LITTLE_ENDIAN 1234
#define _BIG_ENDIAN    4321
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define _BYTE_ORDER _LITTLE_ENDIAN
#else
#define _BYTE_ORDER _BIG_ENDIAN
#endif

#define bswap16(x) ((uint16_t)__builtin_bswap16((uint16_t)(x)))
#define bswap32(x) ((uint32_t)__builtin_bswap32((uint32_t)(x)))
#define bswap64(x) ((uint64_t)__builtin_bswap64((uint64_t)(x)))

#undef htole16
#undef htole32
#undef htole64
#undef le16toh
#undef le32toh
#undef le64toh
#undef htobe16
#undef htobe32
#undef htobe64
#undef be16toh
#undef be32toh
#undef be64toh
#if _BYTE_ORDER == _LITTLE_ENDIAN
#define htole16(x) ((uint16_t)(x))
#define htole32(x) ((uint32_t)(x))
#define htole64(x) ((uint64_t)(x))
#define htobe16(x) bswap16(x)
#define htobe32(x) bswap32(x)
#define htobe64(x) bswap64(x)
#else
#define htole16(x) bswap16(x)
#define htole32(x) bswap32(x)
#define htole64(x) bswap64(x)
#define htobe16(x) ((uint16_t)(x))
#define htobe32(x) ((uint32_t)(x))
#define htobe64(x) ((uint64_t)(x))
#endif
#define le16toh(x) htole16(x)
#define le32toh(x) htole32(x)
#define le64toh(x) htole64(x)
#define be16toh(x) htobe16(x)
#define be32toh(x) htobe32(x)
#define be64toh(x) htobe64(x)

static inline uint16_t le16dec(const void *pp)
{
	const uint8_t *p = pp;

	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le32dec(const void *pp)
{
	const uint8_t *p = pp;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t le64dec(const void *pp)
{
	const uint8_t *p = pp;

	return (uint64_t)le32dec(p) | (uint64_t)le32dec(p + 4) << 32;
}

static inline void le16enc(void *pp, uint16_t v)
{
	uint8_t *p = pp;

	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void le32enc(void *pp, uint32_t v)
{
	uint8_t *p = pp;

	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void le64enc(void *pp, uint64_t v)
{
	le32enc(pp, (uint32_t)v);
	le32enc((uint8_t *)pp + 4, (uint32_t)(v >> 32));
}

static inline uint16_t be16dec(const void *pp)
{
	const uint8_t *p = pp;

	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t be32dec(const void *pp)
{
	const uint8_t *p = pp;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void be16enc(void *pp, uint16_t v)
{
	uint8_t *p = pp;

	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void be32enc(void *pp, uint32_t v)
{
	uint8_t *p = pp;

	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif /* _DDE_FBSD_SYS_ENDIAN_H_ */
