/*
 * kobj.c — method lookup and the device/bus interface method descriptions.
 */
#include "internal.h"

kobjop_t kobj_lookup_method(kobj_class_t cls, struct kobjop_desc *desc)
{
	kobj_method_t *m;

	if (cls && cls->methods)
		for (m = cls->methods; m->desc; m++)
			if (m->desc == desc)
				return m->func;
	return desc->deflt;
}

int kobj_error_method(void)
{
	return ENXIO;
}

/* Defaults of methods a driver need not implement. */
static int null_ok(device_t dev)
{
	(void)dev;
	return 0;
}

static void null_identify(driver_t *driver, device_t parent)
{
	(void)driver;
	(void)parent;
}

static void null_child_detached(device_t dev, device_t child)
{
	(void)dev;
	(void)child;
}

static device_t null_add_child(device_t dev, int order, const char *name,
                               int unit)
{
	return device_add_child_ordered(dev, order, name, unit);
}

#define DESC(name, deflt)                                                      \
	struct kobjop_desc name##_desc = {#name, (kobjop_t)(deflt)}

DESC(device_probe, kobj_error_method);
DESC(device_identify, null_identify);
DESC(device_attach, kobj_error_method);
DESC(device_detach, kobj_error_method);
DESC(device_shutdown, null_ok);
DESC(device_suspend, null_ok);
DESC(device_resume, null_ok);

DESC(bus_print_child, bus_generic_print_child);
DESC(bus_read_ivar, bus_generic_read_ivar);
DESC(bus_write_ivar, bus_generic_write_ivar);
DESC(bus_child_detached, null_child_detached);
DESC(bus_driver_added, bus_generic_driver_added);
DESC(bus_add_child, null_add_child);
DESC(bus_alloc_resource, bus_generic_alloc_resource);
DESC(bus_activate_resource, bus_generic_activate_resource);
DESC(bus_deactivate_resource, bus_generic_deactivate_resource);
DESC(bus_release_resource, bus_generic_release_resource);
DESC(bus_setup_intr, bus_generic_setup_intr);
DESC(bus_teardown_intr, bus_generic_teardown_intr);
DESC(bus_get_dma_tag, bus_generic_get_dma_tag);
