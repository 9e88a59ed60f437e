/*
 * sys/rman.h — resources as drivers see them (FreeBSD 7, libdde).
 *
 * Only the accessors of struct resource: the resource manager itself
 * (rman_init, rman_manage_region, rman_reserve_resource) is not emulated,
 * so a bus driver that subdivides its own ranges does not compile.
 */
#ifndef _DDE_FBSD_SYS_RMAN_H_
#define _DDE_FBSD_SYS_RMAN_H_

#include <sys/types.h>
#include <machine/bus.h>

#define RF_ALLOCATED    0x0001
#define RF_ACTIVE       0x0002
#define RF_SHAREABLE    0x0004
#define RF_TIMESHARE    0x0008
#define RF_WANTED       0x0010
#define RF_FIRSTSHARE   0x0020
#define RF_PREFETCHABLE 0x0040
#define RF_OPTIONAL     0x0080

struct resource;

__BEGIN_DECLS
u_long rman_get_start(struct resource *r);
u_long rman_get_end(struct resource *r);
u_long rman_get_size(struct resource *r);
u_int rman_get_flags(struct resource *r);
int rman_get_rid(struct resource *r);
void *rman_get_virtual(struct resource *r);
bus_space_tag_t rman_get_bustag(struct resource *r);
bus_space_handle_t rman_get_bushandle(struct resource *r);
struct device *rman_get_device(struct resource *r);
void rman_set_bustag(struct resource *r, bus_space_tag_t t);
void rman_set_bushandle(struct resource *r, bus_space_handle_t h);
void rman_set_virtual(struct resource *r, void *v);
void rman_set_rid(struct resource *r, int rid);
__END_DECLS

#endif /* _DDE_FBSD_SYS_RMAN_H_ */
