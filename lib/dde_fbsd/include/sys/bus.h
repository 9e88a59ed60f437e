/*
 * sys/bus.h — newbus (FreeBSD 7, libdde).
 *
 * Devices form a tree under a root; the root's child "pci0" enumerates the
 * DDEKit PCI functions as its children. DRIVER_MODULE(name, busname, ...)
 * adds a driver to the bus class "busname" (at dde_fbsd_init(), or at once
 * when the environment is up: unattached children of such buses are probed
 * again). Probing offers a device to every driver of its parent's bus class;
 * the best result wins (0 at once, else the highest BUS_PROBE_* value;
 * positive values are errors), and the winner's probe is run again before
 * attach. The softc (driver->size bytes, zeroed) exists from probe until
 * the device is detached or its probe/attach failed.
 */
#ifndef _DDE_FBSD_SYS_BUS_H_
#define _DDE_FBSD_SYS_BUS_H_

#include <sys/types.h>
#include <sys/kobj.h>
#include <sys/module.h>
#include <machine/bus.h>
#include <machine/resource.h>

typedef struct device *device_t;
typedef struct kobj_class driver_t;
typedef struct devclass *devclass_t;
typedef struct kobj_method device_method_t;
typedef kobjop_t devop_t;

#define DEVMETHOD(NAME, FUNC) KOBJMETHOD(NAME, FUNC)
#define DEVMETHOD_END         KOBJMETHOD_END

typedef enum device_state {
	DS_NOTPRESENT,
	DS_ALIVE,
	DS_ATTACHED,
	DS_BUSY,
} device_state_t;

/* Probe results: 0 (this driver, certainly) is best; among negatives the
 * highest wins. */
#define BUS_PROBE_SPECIFIC     0
#define BUS_PROBE_VENDOR       (-10)
#define BUS_PROBE_DEFAULT      (-20)
#define BUS_PROBE_LOW_PRIORITY (-40)
#define BUS_PROBE_GENERIC      (-100)
#define BUS_PROBE_HOOVER       (-500)
#define BUS_PROBE_NOWILDCARD   (-2000000000)

/* Interrupts: filters run in interrupt context (no sleeping, no sleep
 * mutexes); ithreads in a thread with the source still masked. */
typedef int driver_filter_t(void *);
typedef void driver_intr_t(void *);

#define FILTER_STRAY           0x01
#define FILTER_HANDLED         0x02
#define FILTER_SCHEDULE_THREAD 0x04

enum intr_type {
	INTR_TYPE_TTY = 1,
	INTR_TYPE_BIO = 2,
	INTR_TYPE_NET = 4,
	INTR_TYPE_CAM = 8,
	INTR_TYPE_MISC = 16,
	INTR_TYPE_CLK = 32,
	INTR_TYPE_AV = 64,
	INTR_FAST = 128,
	INTR_EXCL = 256,
	INTR_MPSAFE = 512,
	INTR_ENTROPY = 1024,
};

enum intr_trigger {
	INTR_TRIGGER_CONFORM = 0,
	INTR_TRIGGER_EDGE = 1,
	INTR_TRIGGER_LEVEL = 2,
};

enum intr_polarity {
	INTR_POLARITY_CONFORM = 0,
	INTR_POLARITY_HIGH = 1,
	INTR_POLARITY_LOW = 2,
};

struct resource_spec {
	int type;
	int rid;
	int flags;
};

struct driver_module_data {
	int (*dmd_chainevh)(struct module *, int, void *);
	void *dmd_chainarg;
	const char *dmd_busname;
	kobj_class_t dmd_driver;
	devclass_t *dmd_devclass;
};

__BEGIN_DECLS
int driver_module_handler(struct module *mod, int what, void *arg);
__END_DECLS

#define DRIVER_MODULE(name, busname, driver, devclass, evh, arg)               \
	static struct driver_module_data name##_##busname##_driver_mod = {     \
	    (evh), (arg), #busname, (kobj_class_t) & (driver), &(devclass)};   \
	static moduledata_t name##_##busname##_mod = {                         \
	    #busname "/" #name, driver_module_handler,                         \
	    &name##_##busname##_driver_mod};                                   \
	DECLARE_MODULE(name##_##busname, name##_##busname##_mod,               \
	               SI_SUB_DRIVERS, SI_ORDER_MIDDLE)

#include "device_if.h"
#include "bus_if.h"

__BEGIN_DECLS
/* ---- devices ---- */
device_t device_add_child(device_t dev, const char *name, int unit);
device_t device_add_child_ordered(device_t dev, int order, const char *name,
                                  int unit);
int device_delete_child(device_t dev, device_t child);
int device_probe_and_attach(device_t dev);
int device_probe_child(device_t bus, device_t dev);
int device_attach(device_t dev);
int device_detach(device_t dev);
int device_shutdown(device_t dev);
int device_quiesce(device_t dev);
device_t device_find_child(device_t dev, const char *classname, int unit);
int device_get_children(device_t dev, device_t **listp, int *countp);
void *device_get_softc(device_t dev);
void device_set_softc(device_t dev, void *softc);
void *device_get_ivars(device_t dev);
void device_set_ivars(device_t dev, void *ivars);
device_t device_get_parent(device_t dev);
driver_t *device_get_driver(device_t dev);
devclass_t device_get_devclass(device_t dev);
const char *device_get_name(device_t dev);
const char *device_get_nameunit(device_t dev);
int device_get_unit(device_t dev);
const char *device_get_desc(device_t dev);
void device_set_desc(device_t dev, const char *desc);
void device_set_desc_copy(device_t dev, const char *desc);
int device_set_driver(device_t dev, driver_t *driver);
int device_set_devclass(device_t dev, const char *classname);
int device_set_unit(device_t dev, int unit);
device_state_t device_get_state(device_t dev);
int device_is_alive(device_t dev);
int device_is_attached(device_t dev);
int device_is_enabled(device_t dev);
void device_enable(device_t dev);
void device_disable(device_t dev);
void device_quiet(device_t dev);
void device_verbose(device_t dev);
int device_is_quiet(device_t dev);
void device_busy(device_t dev);
void device_unbusy(device_t dev);
u_int32_t device_get_flags(device_t dev);
void device_set_flags(device_t dev, u_int32_t flags);
int device_print_prettyname(device_t dev);
int device_printf(device_t dev, const char *fmt, ...) __printflike(2, 3);

/* ---- device classes ---- */
devclass_t devclass_create(const char *classname);
devclass_t devclass_find(const char *classname);
int devclass_add_driver(devclass_t dc, kobj_class_t driver);
int devclass_delete_driver(devclass_t busclass, kobj_class_t driver);
const char *devclass_get_name(devclass_t dc);
device_t devclass_get_device(devclass_t dc, int unit);
void *devclass_get_softc(devclass_t dc, int unit);
int devclass_get_maxunit(devclass_t dc);
int devclass_get_count(devclass_t dc);
int devclass_find_free_unit(devclass_t dc, int unit);

/* ---- generic bus helpers ---- */
int bus_generic_probe(device_t dev);
int bus_generic_attach(device_t dev);
int bus_generic_detach(device_t dev);
int bus_generic_shutdown(device_t dev);
int bus_generic_suspend(device_t dev);
int bus_generic_resume(device_t dev);
int bus_generic_print_child(device_t dev, device_t child);
void bus_generic_driver_added(device_t dev, driver_t *driver);
int bus_generic_read_ivar(device_t dev, device_t child, int which,
                          uintptr_t *result);
int bus_generic_write_ivar(device_t dev, device_t child, int which,
                           uintptr_t value);
struct resource *bus_generic_alloc_resource(device_t bus, device_t child,
                                            int type, int *rid, u_long start,
                                            u_long end, u_long count,
                                            u_int flags);
int bus_generic_release_resource(device_t bus, device_t child, int type,
                                 int rid, struct resource *r);
int bus_generic_activate_resource(device_t bus, device_t child, int type,
                                  int rid, struct resource *r);
int bus_generic_deactivate_resource(device_t bus, device_t child, int type,
                                    int rid, struct resource *r);
int bus_generic_setup_intr(device_t bus, device_t child, struct resource *irq,
                           int flags, driver_filter_t *filter,
                           driver_intr_t *intr, void *arg, void **cookiep);
int bus_generic_teardown_intr(device_t bus, device_t child,
                              struct resource *irq, void *cookie);
struct bus_dma_tag *bus_generic_get_dma_tag(device_t bus, device_t child);
int bus_print_child_header(device_t dev, device_t child);
int bus_print_child_footer(device_t dev, device_t child);

/* ---- resources and interrupts, as drivers call them ---- */
struct resource *bus_alloc_resource(device_t dev, int type, int *rid,
                                    u_long start, u_long end, u_long count,
                                    u_int flags);
int bus_release_resource(device_t dev, int type, int rid, struct resource *r);
int bus_activate_resource(device_t dev, int type, int rid, struct resource *r);
int bus_deactivate_resource(device_t dev, int type, int rid,
                            struct resource *r);
int bus_alloc_resources(device_t dev, struct resource_spec *rs,
                        struct resource **res);
void bus_release_resources(device_t dev, const struct resource_spec *rs,
                           struct resource **res);
int bus_setup_intr(device_t dev, struct resource *r, int flags,
                   driver_filter_t filter, driver_intr_t handler, void *arg,
                   void **cookiep);
int bus_teardown_intr(device_t dev, struct resource *r, void *cookie);
struct bus_dma_tag *bus_get_dma_tag(device_t dev);
__END_DECLS

#define bus_alloc_resource_any(dev, type, rid, flags)                          \
	bus_alloc_resource((dev), (type), (rid), 0ul, ~0ul, 1, (flags))

/* Accessors through a resource (FreeBSD 7's bus_read_N family). */
#define bus_read_1(r, o)                                                       \
	bus_space_read_1(rman_get_bustag(r), rman_get_bushandle(r), (o))
#define bus_read_2(r, o)                                                       \
	bus_space_read_2(rman_get_bustag(r), rman_get_bushandle(r), (o))
#define bus_read_4(r, o)                                                       \
	bus_space_read_4(rman_get_bustag(r), rman_get_bushandle(r), (o))
#define bus_write_1(r, o, v)                                                   \
	bus_space_write_1(rman_get_bustag(r), rman_get_bushandle(r), (o), (v))
#define bus_write_2(r, o, v)                                                   \
	bus_space_write_2(rman_get_bustag(r), rman_get_bushandle(r), (o), (v))
#define bus_write_4(r, o, v)                                                   \
	bus_space_write_4(rman_get_bustag(r), rman_get_bushandle(r), (o), (v))
#define bus_read_multi_1(r, o, d, c)                                           \
	bus_space_read_multi_1(rman_get_bustag(r), rman_get_bushandle(r), (o), \
	                       (d), (c))
#define bus_read_multi_2(r, o, d, c)                                           \
	bus_space_read_multi_2(rman_get_bustag(r), rman_get_bushandle(r), (o), \
	                       (d), (c))
#define bus_read_multi_4(r, o, d, c)                                           \
	bus_space_read_multi_4(rman_get_bustag(r), rman_get_bushandle(r), (o), \
	                       (d), (c))
#define bus_write_multi_1(r, o, d, c)                                          \
	bus_space_write_multi_1(rman_get_bustag(r), rman_get_bushandle(r),     \
	                        (o), (d), (c))
#define bus_write_multi_2(r, o, d, c)                                          \
	bus_space_write_multi_2(rman_get_bustag(r), rman_get_bushandle(r),     \
	                        (o), (d), (c))
#define bus_write_multi_4(r, o, d, c)                                          \
	bus_space_write_multi_4(rman_get_bustag(r), rman_get_bushandle(r),     \
	                        (o), (d), (c))
#define bus_read_region_1(r, o, d, c)                                          \
	bus_space_read_region_1(rman_get_bustag(r), rman_get_bushandle(r),     \
	                        (o), (d), (c))
#define bus_read_region_4(r, o, d, c)                                          \
	bus_space_read_region_4(rman_get_bustag(r), rman_get_bushandle(r),     \
	                        (o), (d), (c))
#define bus_write_region_1(r, o, d, c)                                         \
	bus_space_write_region_1(rman_get_bustag(r), rman_get_bushandle(r),    \
	                         (o), (d), (c))
#define bus_write_region_4(r, o, d, c)                                         \
	bus_space_write_region_4(rman_get_bustag(r), rman_get_bushandle(r),    \
	                         (o), (d), (c))
#define bus_barrier(r, o, l, f)                                                \
	bus_space_barrier(rman_get_bustag(r), rman_get_bushandle(r), (o), (l), \
	                  (f))

#include <sys/rman.h>

#endif /* _DDE_FBSD_SYS_BUS_H_ */
