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
extern const struct mock_model mock_model_e1000;   /* "intel,82540em" */

/*
 * Test API of the "intel,82540em" model (model_e1000.c), acting on the
 * machine's first such device. Any thread; each call is atomic with respect
 * to the driver's register accesses.
 */

/** mock_e1000_inject() - a frame (Ethernet header on, no FCS) arrives from
 * the wire. Returns 1 when the receive filter took it (it reaches the
 * driver's descriptors at its next ICR read or IMS/RDT/TDT write), 0 when
 * the frame was not for this station or the receiver or link is off,
 * -ENOSPC when the packet buffer was full (counted in MPC), -EINVAL for a
 * length below 14 bytes or above 16128, -ENODEV without such a device. */
int mock_e1000_inject(const void *frame, size_t len);

/** mock_e1000_rx_room() - how many frames can be injected now that will
 * find a free receive descriptor. */
int mock_e1000_rx_room(void);

/** mock_e1000_tx_frame() - take the oldest transmitted frame (no FCS; padded
 * to 60 bytes with TCTL.PSP): copies up to @cap bytes into @buf and returns
 * the frame's length, or -EAGAIN when none is waiting. */
int mock_e1000_tx_frame(void *buf, size_t cap);

/** mock_e1000_tx_pending() - transmitted frames not yet taken. */
int mock_e1000_tx_pending(void);

/** mock_e1000_set_link() - plug (1) or unplug (0) the cable: STATUS.LU
 * follows and ICR.LSC is raised on a change. The link starts up. */
void mock_e1000_set_link(int up);

/** mock_e1000_tx_pause() - on: the transmitter leaves descriptors alone;
 * off: it sends what is waiting (at the driver's next ICR read, with
 * ICR.TXDW raised now). */
void mock_e1000_tx_pause(int on);

/** mock_e1000_reg() - a register's value without side effects (ICR is not
 * cleared, statistics are not reset); all-ones for a bad offset. */
uint32_t mock_e1000_reg(uint32_t off);

/** mock_e1000_eeprom_write() - change EEPROM word @word (0..63), e.g. to
 * break the checksum; no checksum is recomputed. */
int mock_e1000_eeprom_write(unsigned word, uint16_t val);

#endif /* TESTS_MOCK_MODEL_H */
