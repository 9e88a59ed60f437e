/*
 * linux/device.h — the driver-model device (libdde emulation of Linux
 * 2.6.24), reduced to what bus glue and drivers use: a name, a parent, the
 * driver's private data, the DMA masks and the dev_printk() family.
 *
 * Knowingly missing: kobjects and sysfs, struct bus_type/class, device
 * registration (device_register/add/del), get_device/put_device, device
 * attributes, power management, devres (devm_*).
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/kernel.h>
#include <linux/types.h>

#define BUS_ID_SIZE 20

struct device_driver {
	const char *name;
};

struct device {
	struct device *parent;
	char bus_id[BUS_ID_SIZE];     /* e.g. "0000:00:04.0" for PCI */
	struct device_driver *driver; /* bound driver, NULL when unbound */
	void *driver_data;            /* dev_set_drvdata() */
	void *platform_data;
	u64 *dma_mask;         /* streaming DMA reach; NULL: no DMA */
	u64 coherent_dma_mask; /* dma_alloc_coherent() reach */
	void (*release)(struct device *dev);
};

static inline void *dev_get_drvdata(struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline const char *dev_driver_string(struct device *dev)
{
	return dev->driver && dev->driver->name ? dev->driver->name : "";
}

#define dev_printk(level, dev, fmt, ...)                                       \
	printk(level "%s %s: " fmt, dev_driver_string(dev), (dev)->bus_id,     \
	       ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)                                                \
	dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)                                              \
	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)                                                 \
	do {                                                                   \
		if (0)                                                         \
			dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__);       \
	} while (0)

#endif /* _LINUX_DEVICE_H */
