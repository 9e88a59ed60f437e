/*
 * asm/byteorder.h — byte order conversions (libdde emulation of Linux
 * 2.6.24): cpu_to_le16/32/64, le*_to_cpu, cpu_to_be*, be*_to_cpu, their
 * pointer (p) and in-place (s) forms, the __constant_ forms for constant
 * expressions, swab16/32/64, htons/htonl/ntohs/ntohl.
 *
 * The host's order comes from the compiler (__BYTE_ORDER__), so the same
 * header is right on little- and big-endian hosts. All forms are constant
 * expressions when their argument is one.
 */
#ifndef _ASM_BYTEORDER_H
#define _ASM_BYTEORDER_H

#include <linux/types.h>

#define ___constant_swab16(x)                                                  \
	((__u16)((((__u16)(x)&0x00ffU) << 8) | (((__u16)(x)&0xff00U) >> 8)))
#define ___constant_swab32(x)                                                  \
	((__u32)((((__u32)(x)&0x000000ffUL) << 24) |                           \
	         (((__u32)(x)&0x0000ff00UL) << 8) |                            \
	         (((__u32)(x)&0x00ff0000UL) >> 8) |                            \
	         (((__u32)(x)&0xff000000UL) >> 24)))
#define ___constant_swab64(x)                                                  \
	((__u64)(((__u64)___constant_swab32((__u64)(x)&0xffffffffULL) << 32) | \
	         ___constant_swab32((__u64)(x) >> 32)))

/* The builtins evaluate @x once and still fold constants. */
#define __swab16(x) __builtin_bswap16((__u16)(x))
#define __swab32(x) __builtin_bswap32((__u32)(x))
#define __swab64(x) __builtin_bswap64((__u64)(x))
#define swab16(x)   __swab16(x)
#define swab32(x)   __swab32(x)
#define swab64(x)   __swab64(x)

static inline __u16 __swab16p(const __u16 *p)
{
	return __swab16(*p);
}
static inline __u32 __swab32p(const __u32 *p)
{
	return __swab32(*p);
}
static inline __u64 __swab64p(const __u64 *p)
{
	return __swab64(*p);
}
#define swab16p(p) __swab16p(p)
#define swab32p(p) __swab32p(p)
#define swab64p(p) __swab64p(p)

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __LITTLE_ENDIAN 1234
#define __DDE_LE16(x)   ((__u16)(x))
#define __DDE_LE32(x)   ((__u32)(x))
#define __DDE_LE64(x)   ((__u64)(x))
#define __DDE_BE16(x)   __swab16(x)
#define __DDE_BE32(x)   __swab32(x)
#define __DDE_BE64(x)   __swab64(x)
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define __BIG_ENDIAN  4321
#define __DDE_LE16(x) __swab16(x)
#define __DDE_LE32(x) __swab32(x)
#define __DDE_LE64(x) __swab64(x)
#define __DDE_BE16(x) ((__u16)(x))
#define __DDE_BE32(x) ((__u32)(x))
#define __DDE_BE64(x) ((__u64)(x))
#else
#error "asm/byteorder.h: the compiler does not say the host's byte order"
#endif

/* A conversion is its own inverse, so each pair shares one expression. */
#define __constant_cpu_to_le16(x) ((__le16)__DDE_LE16(x))
#define __constant_cpu_to_le32(x) ((__le32)__DDE_LE32(x))
#define __constant_cpu_to_le64(x) ((__le64)__DDE_LE64(x))
#define __constant_le16_to_cpu(x) ((__u16)__DDE_LE16(x))
#define __constant_le32_to_cpu(x) ((__u32)__DDE_LE32(x))
#define __constant_le64_to_cpu(x) ((__u64)__DDE_LE64(x))
#define __constant_cpu_to_be16(x) ((__be16)__DDE_BE16(x))
#define __constant_cpu_to_be32(x) ((__be32)__DDE_BE32(x))
#define __constant_cpu_to_be64(x) ((__be64)__DDE_BE64(x))
#define __constant_be16_to_cpu(x) ((__u16)__DDE_BE16(x))
#define __constant_be32_to_cpu(x) ((__u32)__DDE_BE32(x))
#define __constant_be64_to_cpu(x) ((__u64)__DDE_BE64(x))
#define __constant_htons(x)       __constant_cpu_to_be16(x)
#define __constant_htonl(x)       __constant_cpu_to_be32(x)
#define __constant_ntohs(x)       __constant_be16_to_cpu(x)
#define __constant_ntohl(x)       __constant_be32_to_cpu(x)

#define __cpu_to_le16(x) __constant_cpu_to_le16(x)
#define __cpu_to_le32(x) __constant_cpu_to_le32(x)
#define __cpu_to_le64(x) __constant_cpu_to_le64(x)
#define __le16_to_cpu(x) __constant_le16_to_cpu(x)
#define __le32_to_cpu(x) __constant_le32_to_cpu(x)
#define __le64_to_cpu(x) __constant_le64_to_cpu(x)
#define __cpu_to_be16(x) __constant_cpu_to_be16(x)
#define __cpu_to_be32(x) __constant_cpu_to_be32(x)
#define __cpu_to_be64(x) __constant_cpu_to_be64(x)
#define __be16_to_cpu(x) __constant_be16_to_cpu(x)
#define __be32_to_cpu(x) __constant_be32_to_cpu(x)
#define __be64_to_cpu(x) __constant_be64_to_cpu(x)

#define cpu_to_le16(x) __cpu_to_le16(x)
#define cpu_to_le32(x) __cpu_to_le32(x)
#define cpu_to_le64(x) __cpu_to_le64(x)
#define le16_to_cpu(x) __le16_to_cpu(x)
#define le32_to_cpu(x) __le32_to_cpu(x)
#define le64_to_cpu(x) __le64_to_cpu(x)
#define cpu_to_be16(x) __cpu_to_be16(x)
#define cpu_to_be32(x) __cpu_to_be32(x)
#define cpu_to_be64(x) __cpu_to_be64(x)
#define be16_to_cpu(x) __be16_to_cpu(x)
#define be32_to_cpu(x) __be32_to_cpu(x)
#define be64_to_cpu(x) __be64_to_cpu(x)

/* Pointer forms read *p; in-place (s) forms convert *p where it lies. */
#define cpu_to_le16p(p) cpu_to_le16(*(const __u16 *)(p))
#define cpu_to_le32p(p) cpu_to_le32(*(const __u32 *)(p))
#define cpu_to_le64p(p) cpu_to_le64(*(const __u64 *)(p))
#define le16_to_cpup(p) le16_to_cpu(*(const __le16 *)(p))
#define le32_to_cpup(p) le32_to_cpu(*(const __le32 *)(p))
#define le64_to_cpup(p) le64_to_cpu(*(const __le64 *)(p))
#define cpu_to_be16p(p) cpu_to_be16(*(const __u16 *)(p))
#define cpu_to_be32p(p) cpu_to_be32(*(const __u32 *)(p))
#define cpu_to_be64p(p) cpu_to_be64(*(const __u64 *)(p))
#define be16_to_cpup(p) be16_to_cpu(*(const __be16 *)(p))
#define be32_to_cpup(p) be32_to_cpu(*(const __be32 *)(p))
#define be64_to_cpup(p) be64_to_cpu(*(const __be64 *)(p))
#define cpu_to_le16s(p) ((void)(*(p) = cpu_to_le16(*(p))))
#define cpu_to_le32s(p) ((void)(*(p) = cpu_to_le32(*(p))))
#define cpu_to_le64s(p) ((void)(*(p) = cpu_to_le64(*(p))))
#define le16_to_cpus(p) ((void)(*(p) = le16_to_cpu(*(p))))
#define le32_to_cpus(p) ((void)(*(p) = le32_to_cpu(*(p))))
#define le64_to_cpus(p) ((void)(*(p) = le64_to_cpu(*(p))))
#define cpu_to_be16s(p) ((void)(*(p) = cpu_to_be16(*(p))))
#define cpu_to_be32s(p) ((void)(*(p) = cpu_to_be32(*(p))))
#define cpu_to_be64s(p) ((void)(*(p) = cpu_to_be64(*(p))))
#define be16_to_cpus(p) ((void)(*(p) = be16_to_cpu(*(p))))
#define be32_to_cpus(p) ((void)(*(p) = be32_to_cpu(*(p))))
#define be64_to_cpus(p) ((void)(*(p) = be64_to_cpu(*(p))))

/* Network order is big-endian. The C library may define these too. */
#undef htons
#undef htonl
#undef ntohs
#undef ntohl
#define htons(x) cpu_to_be16(x)
#define htonl(x) cpu_to_be32(x)
#define ntohs(x) be16_to_cpu(x)
#define ntohl(x) be32_to_cpu(x)

#endif /* _ASM_BYTEORDER_H */
