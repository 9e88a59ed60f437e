/*
 * machine/bus.h — bus_space(9) (FreeBSD 7 amd64 names, libdde).
 *
 * Two tags: X86_BUS_SPACE_IO (handle = port number) and X86_BUS_SPACE_MEM
 * (handle = where the BAR is mapped). Every access goes through DDEKit, so
 * it carries the barriers and a simulated machine sees it. Any context.
 */
#ifndef _DDE_FBSD_MACHINE_BUS_H_
#define _DDE_FBSD_MACHINE_BUS_H_

#include <sys/types.h>

typedef uint64_t bus_space_tag_t;
typedef uint64_t bus_space_handle_t;

#define X86_BUS_SPACE_IO    0
#define X86_BUS_SPACE_MEM   1
#define AMD64_BUS_SPACE_IO  X86_BUS_SPACE_IO
#define AMD64_BUS_SPACE_MEM X86_BUS_SPACE_MEM
#define I386_BUS_SPACE_IO   X86_BUS_SPACE_IO
#define I386_BUS_SPACE_MEM  X86_BUS_SPACE_MEM

#define BUS_SPACE_MAXADDR_24BIT 0xffffffULL
#define BUS_SPACE_MAXADDR_32BIT 0xffffffffULL
#define BUS_SPACE_MAXADDR       0xffffffffffffffffULL
#define BUS_SPACE_MAXSIZE_24BIT 0xffffffULL
#define BUS_SPACE_MAXSIZE_32BIT 0xffffffffULL
#define BUS_SPACE_MAXSIZE       0xffffffffffffffffULL
#define BUS_SPACE_UNRESTRICTED  (~0)

#define BUS_SPACE_BARRIER_READ  0x01
#define BUS_SPACE_BARRIER_WRITE 0x02

__BEGIN_DECLS
u_int8_t bus_space_read_1(bus_space_tag_t t, bus_space_handle_t h,
                          bus_size_t o);
u_int16_t bus_space_read_2(bus_space_tag_t t, bus_space_handle_t h,
                           bus_size_t o);
u_int32_t bus_space_read_4(bus_space_tag_t t, bus_space_handle_t h,
                           bus_size_t o);
void bus_space_write_1(bus_space_tag_t t, bus_space_handle_t h, bus_size_t o,
                       u_int8_t v);
void bus_space_write_2(bus_space_tag_t t, bus_space_handle_t h, bus_size_t o,
                       u_int16_t v);
void bus_space_write_4(bus_space_tag_t t, bus_space_handle_t h, bus_size_t o,
                       u_int32_t v);

/* _multi: @count accesses at the same offset (a FIFO); _region: at
 * consecutive offsets. */
void bus_space_read_multi_1(bus_space_tag_t t, bus_space_handle_t h,
                            bus_size_t o, u_int8_t *a, bus_size_t count);
void bus_space_read_multi_2(bus_space_tag_t t, bus_space_handle_t h,
                            bus_size_t o, u_int16_t *a, bus_size_t count);
void bus_space_read_multi_4(bus_space_tag_t t, bus_space_handle_t h,
                            bus_size_t o, u_int32_t *a, bus_size_t count);
void bus_space_write_multi_1(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, const u_int8_t *a, bus_size_t count);
void bus_space_write_multi_2(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, const u_int16_t *a,
                             bus_size_t count);
void bus_space_write_multi_4(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, const u_int32_t *a,
                             bus_size_t count);
void bus_space_read_region_1(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, u_int8_t *a, bus_size_t count);
void bus_space_read_region_2(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, u_int16_t *a, bus_size_t count);
void bus_space_read_region_4(bus_space_tag_t t, bus_space_handle_t h,
                             bus_size_t o, u_int32_t *a, bus_size_t count);
void bus_space_write_region_1(bus_space_tag_t t, bus_space_handle_t h,
                              bus_size_t o, const u_int8_t *a,
                              bus_size_t count);
void bus_space_write_region_2(bus_space_tag_t t, bus_space_handle_t h,
                              bus_size_t o, const u_int16_t *a,
                              bus_size_t count);
void bus_space_write_region_4(bus_space_tag_t t, bus_space_handle_t h,
                              bus_size_t o, const u_int32_t *a,
                              bus_size_t count);
void bus_space_set_multi_1(bus_space_tag_t t, bus_space_handle_t h,
                           bus_size_t o, u_int8_t v, bus_size_t count);
void bus_space_set_multi_2(bus_space_tag_t t, bus_space_handle_t h,
                           bus_size_t o, u_int16_t v, bus_size_t count);
void bus_space_set_multi_4(bus_space_tag_t t, bus_space_handle_t h,
                           bus_size_t o, u_int32_t v, bus_size_t count);
void bus_space_barrier(bus_space_tag_t t, bus_space_handle_t h, bus_size_t o,
                       bus_size_t len, int flags);
int bus_space_subregion(bus_space_tag_t t, bus_space_handle_t h,
                        bus_size_t offset, bus_size_t size,
                        bus_space_handle_t *nhp);
__END_DECLS

#include <machine/bus_dma.h>

#endif /* _DDE_FBSD_MACHINE_BUS_H_ */
