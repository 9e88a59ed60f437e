/*
 * ddekit/types.h — fixed-width types of the DDEKit ABI.
 *
 * Only freestanding C headers are used, so this header works on every host
 * (Linux user space, bare metal, L4Re).
 */
#ifndef DDEKIT_TYPES_H
#define DDEKIT_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int8_t ddekit_int8_t;
typedef uint8_t ddekit_uint8_t;
typedef int16_t ddekit_int16_t;
typedef uint16_t ddekit_uint16_t;
typedef int32_t ddekit_int32_t;
typedef uint32_t ddekit_uint32_t;
typedef int64_t ddekit_int64_t;
typedef uint64_t ddekit_uint64_t;

/** A CPU (virtual or physical) address, wide enough for a pointer. */
typedef unsigned long ddekit_addr_t;

/** Extension: an address as a DMA-capable device sees it (see dma.h). */
typedef ddekit_uint64_t ddekit_dma_addr_t;

#if defined(__cplusplus)
#define DDEKIT_BEGIN_DECLS extern "C" {
#define DDEKIT_END_DECLS   }
#else
#define DDEKIT_BEGIN_DECLS
#define DDEKIT_END_DECLS
#endif

#if defined(__GNUC__)
#define DDEKIT_NORETURN          __attribute__((noreturn))
#define DDEKIT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define DDEKIT_NORETURN
#define DDEKIT_PRINTF(fmt, args)
#endif

#endif /* DDEKIT_TYPES_H */
