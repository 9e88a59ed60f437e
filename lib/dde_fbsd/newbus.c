/*
 * newbus.c — devices, device classes, drivers, probe and attach.
 *
 * The tree and the classes are changed only from process context and are
 * not locked: FreeBSD 7 runs newbus under Giant, and so do we (every entry
 * point that changes the tree takes Giant, recursively).
 */
#include "internal.h"
#include "dde_fbsd.h"

#include <ddekit/errno.h>
#include <ddekit/memory.h>

#include <sys/mutex.h>

struct driverlink {
	kobj_class_t driver;
	TAILQ_ENTRY(driverlink) link;
};

struct devclass {
	char name[32];
	TAILQ_HEAD(, driverlink)
	drivers; /* drivers for children of buses of
	            this class */
	device_t *devices;
	int maxunit;
	TAILQ_ENTRY(devclass) link;
};

#define DF_ENABLED       0x01
#define DF_FIXEDCLASS    0x02
#define DF_WILDCARD      0x04
#define DF_DESCMALLOCED  0x08
#define DF_QUIET         0x10
#define DF_EXTERNALSOFTC 0x20

struct device {
	TAILQ_ENTRY(device) link;
	TAILQ_HEAD(dev_children_head, device) children;
	device_t parent;
	driver_t *driver;
	devclass_t devclass;
	int unit;
	int order;
	char nameunit[40];
	char *desc;
	void *softc;
	void *ivars;
	device_state_t state;
	u_int flags;
	u_int32_t devflags;
	int busy;
};

static TAILQ_HEAD(, devclass) devclasses = TAILQ_HEAD_INITIALIZER(devclasses);

MALLOC_DEFINE(M_BUS, "bus", "newbus data");

#define GIANT_LOCK()   mtx_lock(&Giant)
#define GIANT_UNLOCK() mtx_unlock(&Giant)

/* ---- method dispatch ---- */

#define METHOD(dev, name, type)                                                \
	((type *)kobj_lookup_method((dev)->driver, &name##_desc))

int DEVICE_PROBE(device_t dev)
{
	return METHOD(dev, device_probe, device_probe_t)(dev);
}

void DEVICE_IDENTIFY(driver_t *driver, device_t parent)
{
	((device_identify_t *)kobj_lookup_method(
	    driver, &device_identify_desc))(driver, parent);
}

int DEVICE_ATTACH(device_t dev)
{
	return METHOD(dev, device_attach, device_attach_t)(dev);
}

int DEVICE_DETACH(device_t dev)
{
	return METHOD(dev, device_detach, device_detach_t)(dev);
}

int DEVICE_SHUTDOWN(device_t dev)
{
	return METHOD(dev, device_shutdown, device_shutdown_t)(dev);
}

int DEVICE_SUSPEND(device_t dev)
{
	return METHOD(dev, device_suspend, device_suspend_t)(dev);
}

int DEVICE_RESUME(device_t dev)
{
	return METHOD(dev, device_resume, device_resume_t)(dev);
}

int BUS_PRINT_CHILD(device_t dev, device_t child)
{
	return METHOD(dev, bus_print_child, bus_print_child_t)(dev, child);
}

int BUS_READ_IVAR(device_t dev, device_t child, int index, uintptr_t *result)
{
	return METHOD(dev, bus_read_ivar, bus_read_ivar_t)(dev, child, index,
	                                                   result);
}

int BUS_WRITE_IVAR(device_t dev, device_t child, int index, uintptr_t value)
{
	return METHOD(dev, bus_write_ivar, bus_write_ivar_t)(dev, child, index,
	                                                     value);
}

void BUS_CHILD_DETACHED(device_t dev, device_t child)
{
	METHOD(dev, bus_child_detached, bus_child_detached_t)(dev, child);
}

void BUS_DRIVER_ADDED(device_t dev, driver_t *driver)
{
	METHOD(dev, bus_driver_added, bus_driver_added_t)(dev, driver);
}

device_t BUS_ADD_CHILD(device_t dev, int order, const char *name, int unit)
{
	return METHOD(dev, bus_add_child, bus_add_child_t)(dev, order, name,
	                                                   unit);
}

struct resource *BUS_ALLOC_RESOURCE(device_t dev, device_t child, int type,
                                    int *rid, u_long start, u_long end,
                                    u_long count, u_int flags)
{
	return METHOD(dev, bus_alloc_resource, bus_alloc_resource_t)(
	    dev, child, type, rid, start, end, count, flags);
}

int BUS_ACTIVATE_RESOURCE(device_t dev, device_t child, int type, int rid,
                          struct resource *r)
{
	return METHOD(dev, bus_activate_resource,
	              bus_activate_resource_t)(dev, child, type, rid, r);
}

int BUS_DEACTIVATE_RESOURCE(device_t dev, device_t child, int type, int rid,
                            struct resource *r)
{
	return METHOD(dev, bus_deactivate_resource,
	              bus_deactivate_resource_t)(dev, child, type, rid, r);
}

int BUS_RELEASE_RESOURCE(device_t dev, device_t child, int type, int rid,
                         struct resource *r)
{
	return METHOD(dev, bus_release_resource,
	              bus_release_resource_t)(dev, child, type, rid, r);
}

int BUS_SETUP_INTR(device_t dev, device_t child, struct resource *irq,
                   int flags, driver_filter_t *filter, driver_intr_t *intr,
                   void *arg, void **cookiep)
{
	return METHOD(dev, bus_setup_intr, bus_setup_intr_t)(
	    dev, child, irq, flags, filter, intr, arg, cookiep);
}

int BUS_TEARDOWN_INTR(device_t dev, device_t child, struct resource *irq,
                      void *cookie)
{
	return METHOD(dev, bus_teardown_intr, bus_teardown_intr_t)(dev, child,
	                                                           irq, cookie);
}

struct bus_dma_tag *BUS_GET_DMA_TAG(device_t dev, device_t child)
{
	return METHOD(dev, bus_get_dma_tag, bus_get_dma_tag_t)(dev, child);
}

/* ---- device classes ---- */

static devclass_t devclass_lookup(const char *name, int create)
{
	devclass_t dc;

	if (!name)
		return NULL;
	TAILQ_FOREACH(dc, &devclasses, link)
	{
		if (!strcmp(dc->name, name))
			return dc;
	}
	if (!create)
		return NULL;
	dc = malloc(sizeof(*dc), M_BUS, M_NOWAIT | M_ZERO);
	if (!dc)
		return NULL;
	strlcpy(dc->name, name, sizeof(dc->name));
	TAILQ_INIT(&dc->drivers);
	TAILQ_INSERT_TAIL(&devclasses, dc, link);
	return dc;
}

devclass_t devclass_create(const char *classname)
{
	return devclass_lookup(classname, 1);
}

devclass_t devclass_find(const char *classname)
{
	return devclass_lookup(classname, 0);
}

const char *devclass_get_name(devclass_t dc)
{
	return dc->name;
}

device_t devclass_get_device(devclass_t dc, int unit)
{
	if (!dc || unit < 0 || unit >= dc->maxunit)
		return NULL;
	return dc->devices[unit];
}

void *devclass_get_softc(devclass_t dc, int unit)
{
	device_t dev = devclass_get_device(dc, unit);

	return dev ? dev->softc : NULL;
}

int devclass_get_maxunit(devclass_t dc)
{
	return dc ? dc->maxunit : -1;
}

int devclass_get_count(devclass_t dc)
{
	int i, n = 0;

	for (i = 0; dc && i < dc->maxunit; i++)
		if (dc->devices[i])
			n++;
	return n;
}

int devclass_find_free_unit(devclass_t dc, int unit)
{
	if (!dc)
		return unit;
	while (unit < dc->maxunit && dc->devices[unit])
		unit++;
	return unit;
}

static int devclass_add_device(devclass_t dc, device_t dev)
{
	int unit = dev->unit;

	if (unit == -1)
		unit = devclass_find_free_unit(dc, 0);
	else if (unit < dc->maxunit && dc->devices[unit])
		return EEXIST;
	if (unit >= dc->maxunit) {
		int n = unit + 4;
		device_t *nd =
		    malloc(n * sizeof(*nd), M_BUS, M_NOWAIT | M_ZERO);

		if (!nd)
			return ENOMEM;
		if (dc->devices)
			memcpy(nd, dc->devices, dc->maxunit * sizeof(*nd));
		free(dc->devices, M_BUS);
		dc->devices = nd;
		dc->maxunit = n;
	}
	dc->devices[unit] = dev;
	dev->unit = unit;
	dev->devclass = dc;
	snprintf(dev->nameunit, sizeof(dev->nameunit), "%s%d", dc->name, unit);
	return 0;
}

static void devclass_remove_device(devclass_t dc, device_t dev)
{
	if (!dc || dev->devclass != dc)
		return;
	if (dev->unit >= 0 && dev->unit < dc->maxunit &&
	    dc->devices[dev->unit] == dev)
		dc->devices[dev->unit] = NULL;
	dev->devclass = NULL;
	if (dev->flags & DF_WILDCARD)
		dev->unit = -1;
	dev->nameunit[0] = '\0';
}

/* Every device in the tree under @dev whose parent's class is @dc. */
static void for_each_bus(device_t dev, devclass_t dc,
                         void (*fn)(device_t, void *), void *arg)
{
	device_t child, next;

	if (dev->devclass == dc && dev->state == DS_ATTACHED)
		fn(dev, arg);
	TAILQ_FOREACH_SAFE(child, &dev->children, link, next)
	for_each_bus(child, dc, fn, arg);
}

static void driver_added(device_t bus, void *driver)
{
	BUS_DRIVER_ADDED(bus, driver);
}

int devclass_add_driver(devclass_t dc, kobj_class_t driver)
{
	struct driverlink *dl;

	GIANT_LOCK();
	dl = malloc(sizeof(*dl), M_BUS, M_NOWAIT | M_ZERO);
	if (!dl) {
		GIANT_UNLOCK();
		return ENOMEM;
	}
	dl->driver = driver;
	TAILQ_INSERT_TAIL(&dc->drivers, dl, link);
	/* Make sure the driver's own class exists (for its units). */
	devclass_create(driver->name);
	if (dde_fbsd_env.root)
		for_each_bus(dde_fbsd_env.root, dc, driver_added, driver);
	GIANT_UNLOCK();
	return 0;
}

struct detach_arg {
	kobj_class_t driver;
	int error;
};

static void detach_driver_children(device_t bus, void *arg)
{
	struct detach_arg *da = arg;
	device_t child, next;
	int err;

	TAILQ_FOREACH_SAFE(child, &bus->children, link, next)
	{
		if (child->driver != da->driver)
			continue;
		err = device_detach(child);
		if (err)
			da->error = err;
	}
}

int devclass_delete_driver(devclass_t dc, kobj_class_t driver)
{
	struct detach_arg da = {driver, 0};
	struct driverlink *dl;

	GIANT_LOCK();
	TAILQ_FOREACH(dl, &dc->drivers, link)
	{
		if (dl->driver == driver)
			break;
	}
	if (!dl) {
		GIANT_UNLOCK();
		return ENOENT;
	}
	if (dde_fbsd_env.root)
		for_each_bus(dde_fbsd_env.root, dc, detach_driver_children,
		             &da);
	if (!da.error) {
		TAILQ_REMOVE(&dc->drivers, dl, link);
		free(dl, M_BUS);
	}
	GIANT_UNLOCK();
	return da.error;
}

/* ---- devices ---- */

static device_t make_device(device_t parent, const char *name, int unit)
{
	device_t dev = malloc(sizeof(*dev), M_BUS, M_NOWAIT | M_ZERO);

	if (!dev)
		return NULL;
	TAILQ_INIT(&dev->children);
	dev->parent = parent;
	dev->unit = unit;
	dev->state = DS_NOTPRESENT;
	dev->flags = DF_ENABLED;
	if (name) {
		devclass_t dc = devclass_create(name);

		dev->flags |= DF_FIXEDCLASS;
		if (!dc || devclass_add_device(dc, dev)) {
			free(dev, M_BUS);
			return NULL;
		}
	} else {
		dev->flags |= DF_WILDCARD;
		dev->unit = -1;
	}
	return dev;
}

device_t device_add_child_ordered(device_t parent, int order, const char *name,
                                  int unit)
{
	device_t dev, it;

	GIANT_LOCK();
	dev = make_device(parent, name, unit);
	if (dev) {
		dev->order = order;
		/* After every sibling of the same or lower order. */
		TAILQ_FOREACH(it, &parent->children, link)
		{
			if (it->order > order)
				break;
		}
		if (it)
			TAILQ_INSERT_BEFORE(it, dev, link);
		else
			TAILQ_INSERT_TAIL(&parent->children, dev, link);
	}
	GIANT_UNLOCK();
	return dev;
}

device_t device_add_child(device_t dev, const char *name, int unit)
{
	return device_add_child_ordered(dev, 0, name, unit);
}

static void free_softc(device_t dev)
{
	if (dev->softc && !(dev->flags & DF_EXTERNALSOFTC))
		free(dev->softc, M_BUS);
	dev->softc = NULL;
	dev->flags &= ~DF_EXTERNALSOFTC;
}

int device_set_driver(device_t dev, driver_t *driver)
{
	if (dev->state >= DS_ATTACHED)
		return EBUSY;
	if (dev->driver == driver)
		return 0;
	free_softc(dev);
	dev->driver = driver;
	if (driver && driver->size) {
		dev->softc = malloc(driver->size, M_BUS, M_NOWAIT | M_ZERO);
		if (!dev->softc) {
			dev->driver = NULL;
			return ENOMEM;
		}
	}
	return 0;
}

static void free_desc(device_t dev)
{
	if (dev->flags & DF_DESCMALLOCED)
		free(dev->desc, M_BUS);
	dev->desc = NULL;
	dev->flags &= ~DF_DESCMALLOCED;
}

/*
 * Offers @child to each driver of @bus's class: the best probe result wins,
 * 0 at once. A wildcard child takes each candidate driver's class (and a
 * unit in it) for the probe, as FreeBSD does, so probes see their unit.
 */
int device_probe_child(device_t bus, device_t child)
{
	struct driverlink *dl;
	driver_t *best = NULL;
	int best_pri = 0, result, err = ENXIO;
	devclass_t dc = bus->devclass;

	if (!dc)
		return ENXIO;
	GIANT_LOCK();
	TAILQ_FOREACH(dl, &dc->drivers, link)
	{
		if (child->flags & DF_FIXEDCLASS) {
			if (strcmp(dl->driver->name, child->devclass->name))
				continue;
		} else {
			devclass_t ddc = devclass_create(dl->driver->name);

			if (!ddc || devclass_add_device(ddc, child))
				continue;
		}
		if (device_set_driver(child, dl->driver))
			goto next;
		result = DEVICE_PROBE(child);
		if (result == 0) {
			best = dl->driver;
			best_pri = 0;
			err = 0;
			goto done;
		}
		if (result < 0 && (!best || result > best_pri)) {
			best = dl->driver;
			best_pri = result;
			err = 0;
		}
	next:
		free_desc(child);
		device_set_driver(child, NULL);
		if (!(child->flags & DF_FIXEDCLASS))
			devclass_remove_device(child->devclass, child);
	}
	if (!best)
		goto out;
	/* Run the winner's probe again: it sets the description. */
	if (!(child->flags & DF_FIXEDCLASS)) {
		devclass_t ddc = devclass_create(best->name);

		if (!ddc || devclass_add_device(ddc, child)) {
			err = ENOMEM;
			goto out;
		}
	}
	err = device_set_driver(child, best);
	if (!err && DEVICE_PROBE(child) > 0)
		err = ENXIO;
	if (err) {
		device_set_driver(child, NULL);
		if (!(child->flags & DF_FIXEDCLASS))
			devclass_remove_device(child->devclass, child);
		goto out;
	}
done:
	child->state = DS_ALIVE;
out:
	GIANT_UNLOCK();
	return err;
}

int device_attach(device_t dev)
{
	int err;

	GIANT_LOCK();
	DEVICE_IDENTIFY(dev->driver, dev);
	err = DEVICE_ATTACH(dev);
	if (err) {
		printf("device_attach: %s attach returned %d\n", dev->nameunit,
		       err);
		free_desc(dev);
		device_set_driver(dev, NULL);
		if (!(dev->flags & DF_FIXEDCLASS))
			devclass_remove_device(dev->devclass, dev);
		dev->state = DS_NOTPRESENT;
	} else {
		dev->state = DS_ATTACHED;
	}
	GIANT_UNLOCK();
	return err;
}

int device_probe_and_attach(device_t dev)
{
	int err;

	if (dev->state >= DS_ALIVE)
		return 0;
	if (!(dev->flags & DF_ENABLED))
		return 0;
	GIANT_LOCK();
	err = device_probe_child(dev->parent, dev);
	if (!err)
		err = device_attach(dev);
	GIANT_UNLOCK();
	return err;
}

int device_detach(device_t dev)
{
	int err = 0;

	GIANT_LOCK();
	if (dev->state == DS_BUSY) {
		err = EBUSY;
		goto out;
	}
	if (dev->state != DS_ATTACHED)
		goto out;
	err = DEVICE_DETACH(dev);
	if (err)
		goto out;
	if (dev->parent)
		BUS_CHILD_DETACHED(dev->parent, dev);
	if (!(dev->flags & DF_FIXEDCLASS))
		devclass_remove_device(dev->devclass, dev);
	dev->state = DS_NOTPRESENT;
	free_desc(dev);
	device_set_driver(dev, NULL);
out:
	GIANT_UNLOCK();
	return err;
}

int device_delete_child(device_t dev, device_t child)
{
	device_t grandchild;
	int err;

	GIANT_LOCK();
	while ((grandchild = TAILQ_FIRST(&child->children)) != NULL) {
		err = device_delete_child(child, grandchild);
		if (err)
			goto out;
	}
	err = device_detach(child);
	if (err)
		goto out;
	devclass_remove_device(child->devclass, child);
	TAILQ_REMOVE(&dev->children, child, link);
	free_desc(child);
	free_softc(child);
	free(child, M_BUS);
out:
	GIANT_UNLOCK();
	return err;
}

int device_shutdown(device_t dev)
{
	return dev->state < DS_ATTACHED ? 0 : DEVICE_SHUTDOWN(dev);
}

int device_quiesce(device_t dev)
{
	(void)dev;
	return 0;
}

device_t device_find_child(device_t dev, const char *classname, int unit)
{
	device_t child;

	TAILQ_FOREACH(child, &dev->children, link)
	{
		if (child->devclass &&
		    !strcmp(child->devclass->name, classname) &&
		    child->unit == unit)
			return child;
	}
	return NULL;
}

int device_get_children(device_t dev, device_t **listp, int *countp)
{
	device_t child, *list;
	int n = 0;

	TAILQ_FOREACH(child, &dev->children, link)
	n++;
	list = malloc((n ? n : 1) * sizeof(*list), M_TEMP, M_NOWAIT | M_ZERO);
	if (!list)
		return ENOMEM;
	n = 0;
	TAILQ_FOREACH(child, &dev->children, link)
	list[n++] = child;
	*listp = list;
	*countp = n;
	return 0;
}

void *device_get_softc(device_t dev)
{
	return dev->softc;
}

void device_set_softc(device_t dev, void *softc)
{
	free_softc(dev);
	dev->softc = softc;
	if (softc)
		dev->flags |= DF_EXTERNALSOFTC;
}

void *device_get_ivars(device_t dev)
{
	return dev->ivars;
}

void device_set_ivars(device_t dev, void *ivars)
{
	dev->ivars = ivars;
}

device_t device_get_parent(device_t dev)
{
	return dev->parent;
}

driver_t *device_get_driver(device_t dev)
{
	return dev->driver;
}

devclass_t device_get_devclass(device_t dev)
{
	return dev->devclass;
}

const char *device_get_name(device_t dev)
{
	return dev->devclass ? dev->devclass->name : NULL;
}

const char *device_get_nameunit(device_t dev)
{
	return dev->nameunit;
}

int device_get_unit(device_t dev)
{
	return dev->unit;
}

const char *device_get_desc(device_t dev)
{
	return dev->desc;
}

void device_set_desc(device_t dev, const char *desc)
{
	free_desc(dev);
	dev->desc = __DECONST(char *, desc);
}

void device_set_desc_copy(device_t dev, const char *desc)
{
	size_t len = strlen(desc) + 1;
	char *copy = malloc(len, M_BUS, M_NOWAIT);

	free_desc(dev);
	if (!copy)
		return;
	memcpy(copy, desc, len);
	dev->desc = copy;
	dev->flags |= DF_DESCMALLOCED;
}

int device_set_devclass(device_t dev, const char *classname)
{
	devclass_t dc;

	if (dev->devclass)
		return EEXIST;
	dc = devclass_create(classname);
	if (!dc)
		return ENOMEM;
	return devclass_add_device(dc, dev);
}

int device_set_unit(device_t dev, int unit)
{
	devclass_t dc = dev->devclass;

	if (!dc)
		return EINVAL;
	if (unit < dc->maxunit && dc->devices[unit])
		return EBUSY;
	devclass_remove_device(dc, dev);
	dev->unit = unit;
	return devclass_add_device(dc, dev);
}

device_state_t device_get_state(device_t dev)
{
	return dev->state;
}

int device_is_alive(device_t dev)
{
	return dev->state >= DS_ALIVE;
}

int device_is_attached(device_t dev)
{
	return dev->state >= DS_ATTACHED;
}

int device_is_enabled(device_t dev)
{
	return (dev->flags & DF_ENABLED) != 0;
}

void device_enable(device_t dev)
{
	dev->flags |= DF_ENABLED;
}

void device_disable(device_t dev)
{
	dev->flags &= ~DF_ENABLED;
}

void device_quiet(device_t dev)
{
	dev->flags |= DF_QUIET;
}

void device_verbose(device_t dev)
{
	dev->flags &= ~DF_QUIET;
}

int device_is_quiet(device_t dev)
{
	return (dev->flags & DF_QUIET) != 0;
}

void device_busy(device_t dev)
{
	if (dev->busy++ == 0 && dev->state == DS_ATTACHED)
		dev->state = DS_BUSY;
}

void device_unbusy(device_t dev)
{
	if (--dev->busy == 0 && dev->state == DS_BUSY)
		dev->state = DS_ATTACHED;
}

u_int32_t device_get_flags(device_t dev)
{
	return dev->devflags;
}

void device_set_flags(device_t dev, u_int32_t flags)
{
	dev->devflags = flags;
}

int device_print_prettyname(device_t dev)
{
	if (!dev->nameunit[0])
		return printf("unknown: ");
	return printf("%s: ", dev->nameunit);
}

int device_printf(device_t dev, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One console call, so concurrent lines do not interleave. */
	return printf("%s: %s", dev->nameunit[0] ? dev->nameunit : "unknown",
	              buf);
}

/* ---- generic bus methods ---- */

int bus_generic_probe(device_t dev)
{
	struct driverlink *dl;

	if (!dev->devclass)
		return 0;
	TAILQ_FOREACH(dl, &dev->devclass->drivers, link)
	DEVICE_IDENTIFY(dl->driver, dev);
	return 0;
}

int bus_generic_attach(device_t dev)
{
	device_t child;

	TAILQ_FOREACH(child, &dev->children, link)
	device_probe_and_attach(child);
	return 0;
}

int bus_generic_detach(device_t dev)
{
	device_t child;
	int err;

	TAILQ_FOREACH(child, &dev->children, link)
	{
		err = device_detach(child);
		if (err)
			return err;
	}
	return 0;
}

int bus_generic_shutdown(device_t dev)
{
	device_t child;

	TAILQ_FOREACH(child, &dev->children, link)
	device_shutdown(child);
	return 0;
}

int bus_generic_suspend(device_t dev)
{
	device_t child;
	int err;

	TAILQ_FOREACH(child, &dev->children, link)
	{
		if (child->state < DS_ATTACHED)
			continue;
		err = DEVICE_SUSPEND(child);
		if (err)
			return err;
	}
	return 0;
}

int bus_generic_resume(device_t dev)
{
	device_t child;

	TAILQ_FOREACH(child, &dev->children, link)
	{
		if (child->state >= DS_ATTACHED)
			DEVICE_RESUME(child);
	}
	return 0;
}

int bus_print_child_header(device_t dev, device_t child)
{
	(void)dev;
	if (child->desc)
		return printf("%s: <%s>", child->nameunit, child->desc);
	return printf("%s:", child->nameunit);
}

int bus_print_child_footer(device_t dev, device_t child)
{
	(void)child;
	return printf(" on %s\n", dev->nameunit);
}

int bus_generic_print_child(device_t dev, device_t child)
{
	return bus_print_child_header(dev, child) +
	       bus_print_child_footer(dev, child);
}

void bus_generic_driver_added(device_t dev, driver_t *driver)
{
	device_t child;

	DEVICE_IDENTIFY(driver, dev);
	TAILQ_FOREACH(child, &dev->children, link)
	{
		if (child->state == DS_NOTPRESENT)
			device_probe_and_attach(child);
	}
}

int bus_generic_read_ivar(device_t dev, device_t child, int which,
                          uintptr_t *result)
{
	(void)dev;
	(void)child;
	(void)which;
	(void)result;
	return ENOENT;
}

int bus_generic_write_ivar(device_t dev, device_t child, int which,
                           uintptr_t value)
{
	(void)dev;
	(void)child;
	(void)which;
	(void)value;
	return ENOENT;
}

struct resource *bus_generic_alloc_resource(device_t bus, device_t child,
                                            int type, int *rid, u_long start,
                                            u_long end, u_long count,
                                            u_int flags)
{
	if (!bus->parent)
		return NULL;
	return BUS_ALLOC_RESOURCE(bus->parent, child, type, rid, start, end,
	                          count, flags);
}

int bus_generic_release_resource(device_t bus, device_t child, int type,
                                 int rid, struct resource *r)
{
	if (!bus->parent)
		return EINVAL;
	return BUS_RELEASE_RESOURCE(bus->parent, child, type, rid, r);
}

int bus_generic_activate_resource(device_t bus, device_t child, int type,
                                  int rid, struct resource *r)
{
	if (!bus->parent)
		return EINVAL;
	return BUS_ACTIVATE_RESOURCE(bus->parent, child, type, rid, r);
}

int bus_generic_deactivate_resource(device_t bus, device_t child, int type,
                                    int rid, struct resource *r)
{
	if (!bus->parent)
		return EINVAL;
	return BUS_DEACTIVATE_RESOURCE(bus->parent, child, type, rid, r);
}

int bus_generic_setup_intr(device_t bus, device_t child, struct resource *irq,
                           int flags, driver_filter_t *filter,
                           driver_intr_t *intr, void *arg, void **cookiep)
{
	if (!bus->parent)
		return EINVAL;
	return BUS_SETUP_INTR(bus->parent, child, irq, flags, filter, intr, arg,
	                      cookiep);
}

int bus_generic_teardown_intr(device_t bus, device_t child,
                              struct resource *irq, void *cookie)
{
	if (!bus->parent)
		return EINVAL;
	return BUS_TEARDOWN_INTR(bus->parent, child, irq, cookie);
}

struct bus_dma_tag *bus_generic_get_dma_tag(device_t bus, device_t child)
{
	(void)child;
	if (!bus->parent)
		return NULL;
	return BUS_GET_DMA_TAG(bus->parent, bus);
}

/* ---- what drivers call ---- */

struct resource *bus_alloc_resource(device_t dev, int type, int *rid,
                                    u_long start, u_long end, u_long count,
                                    u_int flags)
{
	if (!dev->parent)
		return NULL;
	return BUS_ALLOC_RESOURCE(dev->parent, dev, type, rid, start, end,
	                          count, flags);
}

int bus_release_resource(device_t dev, int type, int rid, struct resource *r)
{
	if (!dev->parent)
		return EINVAL;
	return BUS_RELEASE_RESOURCE(dev->parent, dev, type, rid, r);
}

int bus_activate_resource(device_t dev, int type, int rid, struct resource *r)
{
	if (!dev->parent)
		return EINVAL;
	return BUS_ACTIVATE_RESOURCE(dev->parent, dev, type, rid, r);
}

int bus_deactivate_resource(device_t dev, int type, int rid, struct resource *r)
{
	if (!dev->parent)
		return EINVAL;
	return BUS_DEACTIVATE_RESOURCE(dev->parent, dev, type, rid, r);
}

int bus_alloc_resources(device_t dev, struct resource_spec *rs,
                        struct resource **res)
{
	int i;

	for (i = 0; rs[i].type != -1; i++)
		res[i] = NULL;
	for (i = 0; rs[i].type != -1; i++) {
		res[i] = bus_alloc_resource_any(dev, rs[i].type, &rs[i].rid,
		                                (u_int)rs[i].flags);
		if (!res[i] && !(rs[i].flags & RF_OPTIONAL)) {
			bus_release_resources(dev, rs, res);
			return ENXIO;
		}
	}
	return 0;
}

void bus_release_resources(device_t dev, const struct resource_spec *rs,
                           struct resource **res)
{
	int i;

	for (i = 0; rs[i].type != -1; i++) {
		if (res[i])
			bus_release_resource(dev, rs[i].type, rs[i].rid,
			                     res[i]);
		res[i] = NULL;
	}
}

int bus_setup_intr(device_t dev, struct resource *r, int flags,
                   driver_filter_t filter, driver_intr_t handler, void *arg,
                   void **cookiep)
{
	if (!dev->parent)
		return EINVAL;
	if (!filter && !handler)
		return EINVAL;
	return BUS_SETUP_INTR(dev->parent, dev, r, flags, filter, handler, arg,
	                      cookiep);
}

int bus_teardown_intr(device_t dev, struct resource *r, void *cookie)
{
	if (!dev->parent)
		return EINVAL;
	return BUS_TEARDOWN_INTR(dev->parent, dev, r, cookie);
}

struct bus_dma_tag *bus_get_dma_tag(device_t dev)
{
	if (!dev->parent)
		return NULL;
	return BUS_GET_DMA_TAG(dev->parent, dev);
}

/* ---- modules ---- */

int driver_module_handler(struct module *mod, int what, void *arg)
{
	struct driver_module_data *dmd = arg;
	devclass_t bus_dc;
	int err = 0;

	switch (what) {
	case MOD_LOAD:
		bus_dc = devclass_create(dmd->dmd_busname);
		if (!bus_dc)
			return ENOMEM;
		*dmd->dmd_devclass = devclass_create(dmd->dmd_driver->name);
		err = devclass_add_driver(bus_dc, dmd->dmd_driver);
		if (!err && dmd->dmd_chainevh)
			err = dmd->dmd_chainevh(mod, what, dmd->dmd_chainarg);
		break;
	case MOD_UNLOAD:
		bus_dc = devclass_find(dmd->dmd_busname);
		if (bus_dc)
			err = devclass_delete_driver(bus_dc, dmd->dmd_driver);
		if (!err && dmd->dmd_chainevh)
			err = dmd->dmd_chainevh(mod, what, dmd->dmd_chainarg);
		break;
	default:
		if (dmd->dmd_chainevh)
			err = dmd->dmd_chainevh(mod, what, dmd->dmd_chainarg);
		break;
	}
	return err;
}

void module_register_init(const void *data)
{
	struct module *mod = __DECONST(struct module *, data);
	int err;

	err = mod->data->evhand(mod, MOD_LOAD, mod->data->priv);
	if (err)
		printf("module_register_init: MOD_LOAD (%s) error %d\n",
		       mod->data->name, err);
	else
		mod->loaded = 1;
}

void module_register_uninit(const void *data)
{
	struct module *mod = __DECONST(struct module *, data);
	int err;

	if (!mod->loaded)
		return;
	err = mod->data->evhand(mod, MOD_UNLOAD, mod->data->priv);
	if (err)
		printf("module_register_uninit: MOD_UNLOAD (%s) error %d\n",
		       mod->data->name, err);
	mod->loaded = 0;
}

const char *module_getname(module_t mod)
{
	return mod->data->name;
}

/* ---- the root ---- */

static driver_t root_driver = {"root", NULL, 0};

/* Frees @dev's subtree whatever the drivers say (at exit only). */
static void force_delete(device_t dev)
{
	device_t child;

	while ((child = TAILQ_FIRST(&dev->children)) != NULL) {
		force_delete(child);
		TAILQ_REMOVE(&dev->children, child, link);
		devclass_remove_device(child->devclass, child);
		free_desc(child);
		free_softc(child);
		free(child, M_BUS);
	}
}

int dde_fbsd_newbus_start(void)
{
	devclass_t root_dc = devclass_create("root");
	device_t root, pci;
	int err = ENOMEM;

	GIANT_LOCK();
	if (!root_dc)
		goto out;
	root = make_device(NULL, "root", 0);
	if (!root)
		goto out;
	root->driver = &root_driver;
	root->state = DS_ATTACHED;
	dde_fbsd_env.root = root;
	err = devclass_add_driver(root_dc, &dde_fbsd_pci_driver);
	if (err)
		goto out;
	pci = device_add_child(root, "pci", 0);
	err = pci ? device_probe_and_attach(pci) : ENOMEM;
out:
	GIANT_UNLOCK();
	if (err) {
		dde_fbsd_newbus_stop();
		return -DDEKIT_ENOMEM;
	}
	return 0;
}

void dde_fbsd_newbus_stop(void)
{
	device_t root = dde_fbsd_env.root, child;

	if (!root)
		return;
	GIANT_LOCK();
	while ((child = TAILQ_LAST(&root->children, dev_children_head)) !=
	       NULL) {
		if (device_delete_child(root, child)) {
			printf("dde_fbsd: %s does not detach; freed anyway\n",
			       child->nameunit);
			force_delete(root);
			break;
		}
	}
	devclass_remove_device(root->devclass, root);
	free(root, M_BUS);
	dde_fbsd_env.root = NULL;
	GIANT_UNLOCK();
}

void dde_fbsd_devclasses_free(void)
{
	devclass_t dc;
	struct driverlink *dl;

	while ((dc = TAILQ_FIRST(&devclasses)) != NULL) {
		while ((dl = TAILQ_FIRST(&dc->drivers)) != NULL) {
			TAILQ_REMOVE(&dc->drivers, dl, link);
			free(dl, M_BUS);
		}
		TAILQ_REMOVE(&devclasses, dc, link);
		free(dc->devices, M_BUS);
		free(dc, M_BUS);
	}
}

device_t dde_fbsd_root_bus(void)
{
	return dde_fbsd_env.root;
}
