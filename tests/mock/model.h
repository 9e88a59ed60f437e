/*
 * tests/mock/model.h — how a C device model plugs into the mock machine.
 *
 * A model is selected by the "compatible" property of a device-tree node.
 * The mock owns configuration space (header, BAR sizing, command register,
 * MSI capability) and routes port and MMIO accesses inside the device's BARs
 * (or its "reg" port range for ISA devices) to the model's read/write.
 */
#ifndef TESTS_MOCK_MODEL_H
#define TESTS_MOCK_MODEL_H

#include <stddef.h>
#include <stdint.h>

struct mock_device;

struct mock_model {
	const char *compatible;
	/** Set up model state; @fdt/@node give access to extra properties.
	 * Returns 0 or a negative errno-style code. */
	int (*create)(struct mock_device *dev, const void *fdt, int node);
	void (*destroy)(struct mock_device *dev);
	/** An access inside BAR @bar (ISA devices: bar 0, offset from "reg").
	 */
	uint64_t (*read)(struct mock_device *dev, unsigned bar, uint64_t off,
	                 unsigned width);
	void (*write)(struct mock_device *dev, unsigned bar, uint64_t off,
	              unsigned width, uint64_t val);
};

/* Services for models. */

/** Model state pointer (set by create). */
void mock_device_set_priv(struct mock_device *dev, void *priv);
void *mock_device_priv(struct mock_device *dev);
const char *mock_device_name(struct mock_device *dev);

/** Drive the device's interrupt: INTx level (1 asserted, 0 released), or,
 * when the driver attached MSI, one message per 0 -> 1 transition. */
void mock_device_set_irq(struct mock_device *dev, int level);

/** Device DMA through the (simulated) IOMMU. Returns 0, or -EFAULT when any
 * byte is not mapped for the device (recorded as MOCK_DMA_FAULT); also
 * -EACCES when bus mastering is off in the command register. */
int mock_device_dma_read(struct mock_device *dev, uint64_t bus, void *buf,
                         size_t len);
int mock_device_dma_write(struct mock_device *dev, uint64_t bus,
                          const void *buf, size_t len);

/** Models known to the mock (terminated by a NULL compatible). */
extern const struct mock_model mock_model_edu;     /* "qemu,edu" */
extern const struct mock_model mock_model_uart;    /* "ns16550a" */
extern const struct mock_model mock_model_scratch; /* "libdde,scratch" */

#endif /* TESTS_MOCK_MODEL_H */
