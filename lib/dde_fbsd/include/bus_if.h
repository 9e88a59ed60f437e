/*
 * bus_if.h — the bus interface's methods (FreeBSD 7, libdde).
 * FreeBSD generates this from bus_if.m; libdde writes it by hand. A bus
 * driver that does not implement a method gets the bus_generic_* default
 * (which passes resource and interrupt requests on to its own parent).
 */
#ifndef _DDE_FBSD_BUS_IF_H_
#define _DDE_FBSD_BUS_IF_H_

#include <sys/kobj.h>

struct resource;
typedef struct device *device_t;
typedef struct kobj_class driver_t;
typedef int driver_filter_t(void *);
typedef void driver_intr_t(void *);
struct bus_dma_tag;

extern struct kobjop_desc bus_print_child_desc;
extern struct kobjop_desc bus_read_ivar_desc;
extern struct kobjop_desc bus_write_ivar_desc;
extern struct kobjop_desc bus_child_detached_desc;
extern struct kobjop_desc bus_driver_added_desc;
extern struct kobjop_desc bus_add_child_desc;
extern struct kobjop_desc bus_alloc_resource_desc;
extern struct kobjop_desc bus_activate_resource_desc;
extern struct kobjop_desc bus_deactivate_resource_desc;
extern struct kobjop_desc bus_release_resource_desc;
extern struct kobjop_desc bus_setup_intr_desc;
extern struct kobjop_desc bus_teardown_intr_desc;
extern struct kobjop_desc bus_get_dma_tag_desc;

typedef int bus_print_child_t(device_t dev, device_t child);
typedef int bus_read_ivar_t(device_t dev, device_t child, int index,
                            uintptr_t *result);
typedef int bus_write_ivar_t(device_t dev, device_t child, int index,
                             uintptr_t value);
typedef void bus_child_detached_t(device_t dev, device_t child);
typedef void bus_driver_added_t(device_t dev, driver_t *driver);
typedef device_t bus_add_child_t(device_t dev, int order, const char *name,
                                 int unit);
typedef struct resource *bus_alloc_resource_t(device_t dev, device_t child,
                                              int type, int *rid, u_long start,
                                              u_long end, u_long count,
                                              u_int flags);
typedef int bus_activate_resource_t(device_t dev, device_t child, int type,
                                    int rid, struct resource *r);
typedef int bus_deactivate_resource_t(device_t dev, device_t child, int type,
                                      int rid, struct resource *r);
typedef int bus_release_resource_t(device_t dev, device_t child, int type,
                                   int rid, struct resource *res);
typedef int bus_setup_intr_t(device_t dev, device_t child, struct resource *irq,
                             int flags, driver_filter_t *filter,
                             driver_intr_t *intr, void *arg, void **cookiep);
typedef int bus_teardown_intr_t(device_t dev, device_t child,
                                struct resource *irq, void *cookie);
typedef struct bus_dma_tag *bus_get_dma_tag_t(device_t dev, device_t child);

__BEGIN_DECLS
int BUS_PRINT_CHILD(device_t dev, device_t child);
int BUS_READ_IVAR(device_t dev, device_t child, int index, uintptr_t *result);
int BUS_WRITE_IVAR(device_t dev, device_t child, int index, uintptr_t value);
void BUS_CHILD_DETACHED(device_t dev, device_t child);
void BUS_DRIVER_ADDED(device_t dev, driver_t *driver);
device_t BUS_ADD_CHILD(device_t dev, int order, const char *name, int unit);
struct resource *BUS_ALLOC_RESOURCE(device_t dev, device_t child, int type,
                                    int *rid, u_long start, u_long end,
                                    u_long count, u_int flags);
int BUS_ACTIVATE_RESOURCE(device_t dev, device_t child, int type, int rid,
                          struct resource *r);
int BUS_DEACTIVATE_RESOURCE(device_t dev, device_t child, int type, int rid,
                            struct resource *r);
int BUS_RELEASE_RESOURCE(device_t dev, device_t child, int type, int rid,
                         struct resource *res);
int BUS_SETUP_INTR(device_t dev, device_t child, struct resource *irq,
                   int flags, driver_filter_t *filter, driver_intr_t *intr,
                   void *arg, void **cookiep);
int BUS_TEARDOWN_INTR(device_t dev, device_t child, struct resource *irq,
                      void *cookie);
struct bus_dma_tag *BUS_GET_DMA_TAG(device_t dev, device_t child);
__END_DECLS

#endif /* _DDE_FBSD_BUS_IF_H_ */
