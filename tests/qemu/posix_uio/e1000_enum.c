/*
 * e1000_enum.c — posix_uio enumerates QEMU's e1000 (Intel 82540EM) bound to
 * uio_pci_generic and reports it with the facts of the real chip: IDs
 * 8086:100e, class 0x020000 (Ethernet controller), BAR0 128 KiB of 32-bit
 * memory, BAR1 64 bytes of I/O ports, interrupt pin INTA. Then it maps BAR0
 * and claims BAR1, which must work for a function the server owns.
 *
 * Runs in the guest of qemu_posix_uio_e1000_enumerates; exit status 0 only
 * when every fact holds and DDEKit tears down cleanly.
 */
#include <stdio.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/pci.h>
#include <ddekit/resources.h>

#define E1000_VENDOR   0x8086
#define E1000_82540EM  0x100e
#define CLASS_ETHERNET 0x020000
#define BAR0_SIZE      0x20000ul /* 128 KiB register window */
#define BAR1_SIZE      0x40ul    /* IOADDR/IODATA window */
#define REG_STATUS     0x0008

static int failures;

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL: " __VA_ARGS__);                          \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static void check_bars(struct ddekit_pci_dev *dev)
{
	ddekit_pci_res_t *bar0 = ddekit_pci_get_resource(dev, 0);
	ddekit_pci_res_t *bar1 = ddekit_pci_get_resource(dev, 1);
	unsigned long len0, len1;

	EXPECT(bar0 && (bar0->flags & DDEKIT_PCI_RES_MEM),
	       "BAR0 is not memory");
	EXPECT(bar1 && (bar1->flags & DDEKIT_PCI_RES_IO), "BAR1 is not I/O");
	if (!bar0 || !bar1)
		return;
	len0 = bar0->end - bar0->start + 1;
	len1 = bar1->end - bar1->start + 1;
	printf("BAR0 0x%lx-0x%lx (%lu KiB, flags 0x%lx)\n", bar0->start,
	       bar0->end, len0 / 1024, bar0->flags);
	printf("BAR1 ports 0x%lx-0x%lx (%lu bytes, flags 0x%lx)\n", bar1->start,
	       bar1->end, len1, bar1->flags);
	EXPECT(len0 == BAR0_SIZE, "BAR0 is %lu bytes, want %lu", len0,
	       BAR0_SIZE);
	EXPECT(
	    !(bar0->flags & (DDEKIT_PCI_RES_MEM64 | DDEKIT_PCI_RES_PREFETCH)),
	    "BAR0 flags 0x%lx: want 32-bit, not prefetchable", bar0->flags);
	EXPECT(len1 == BAR1_SIZE, "BAR1 is %lu ports, want %lu", len1,
	       BAR1_SIZE);
}

static void check_access(struct ddekit_pci_dev *dev)
{
	ddekit_pci_res_t *bar0 = ddekit_pci_get_resource(dev, 0);
	ddekit_pci_res_t *bar1 = ddekit_pci_get_resource(dev, 1);
	ddekit_addr_t va = 0;
	ddekit_uint32_t status;
	int r;

	r = ddekit_pci_enable_device(dev);
	EXPECT(r == 0, "ddekit_pci_enable_device: %s", ddekit_errname(r));
	r = ddekit_request_mem(bar0->start, bar0->end - bar0->start + 1, &va);
	EXPECT(r == 0 && va, "ddekit_request_mem(BAR0): %s", ddekit_errname(r));
	if (r == 0 && va) {
		status = ddekit_mmio_read32((char *)va + REG_STATUS);
		printf("STATUS register 0x%08x\n", status);
		EXPECT(status != 0xffffffffu,
		       "STATUS reads all ones: BAR0 is not decoded");
		ddekit_release_mem(bar0->start, bar0->end - bar0->start + 1);
	}
	r = ddekit_request_io(bar1->start, bar1->end - bar1->start + 1);
	EXPECT(r == 0, "ddekit_request_io(BAR1): %s", ddekit_errname(r));
	if (r == 0)
		ddekit_release_io(bar1->start, bar1->end - bar1->start + 1);
}

int main(void)
{
	struct ddekit_pci_dev *dev;
	ddekit_uint16_t vendor = 0, device = 0;
	ddekit_uint8_t pin = 0;
	int bus, slot, func, r;

	r = ddekit_init_checked();
	if (r < 0) {
		printf("FAIL: ddekit_init: %s\n", ddekit_strerror(r));
		return 1;
	}
	dev = ddekit_pci_find_device_by_id(E1000_VENDOR, E1000_82540EM, NULL);
	EXPECT(dev, "no 8086:100e among the functions posix_uio owns");
	if (dev) {
		ddekit_pci_get_location(dev, &bus, &slot, &func);
		printf("found %s at %s, class 0x%06x, irq %lu\n",
		       ddekit_pci_get_name(dev), ddekit_pci_get_slot_name(dev),
		       ddekit_pci_get_dev_class(dev), ddekit_pci_get_irq(dev));
		EXPECT(ddekit_pci_get_dev_class(dev) == CLASS_ETHERNET,
		       "class 0x%06x, want 0x%06x",
		       ddekit_pci_get_dev_class(dev), CLASS_ETHERNET);
		r = ddekit_pci_readw(bus, slot, func, 0, &vendor);
		r |= ddekit_pci_readw(bus, slot, func, 2, &device);
		r |= ddekit_pci_readb(bus, slot, func, 0x3d, &pin);
		EXPECT(r == 0 && vendor == E1000_VENDOR &&
		           device == E1000_82540EM,
		       "config space says %04x:%04x (r %d)", vendor, device, r);
		EXPECT(pin == 1, "interrupt pin %u, want 1 (INTA)", pin);
		EXPECT(ddekit_pci_get_irq(dev) != 0xff,
		       "no legacy interrupt line");
		check_bars(dev);
		if (!failures)
			check_access(dev);
	}
	r = ddekit_deinit();
	EXPECT(r == 0, "ddekit_deinit: %s", ddekit_errname(r));
	printf("e1000 enumeration: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
