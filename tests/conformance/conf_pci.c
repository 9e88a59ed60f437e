/*
 * conf_pci.c — PCI: enumeration, the three ways of finding a device,
 * configuration space, BARs, names, enabling and bus mastering, all on the
 * configured edu device.
 */
#include "conf_edu.h"

#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/pci.h>
#include <ddekit/printf.h>

/* Enough for any real bus; guards a loop that never sees -1. */
#define MAX_FUNCTIONS 8192

static void enumeration_lists_the_edu_device(struct conf_test_ctx *t)
{
	struct conf_edu edu;
	int nr, bus, slot, func, found = 0;

	CONF_TRY(conf_edu_find(t, &edu));
	for (nr = 0; nr < MAX_FUNCTIONS; nr++) {
		if (ddekit_pci_get_device(nr, &bus, &slot, &func) != 0)
			break;
		if (bus == edu.bus && slot == edu.slot && func == edu.func)
			found++;
	}
	CONF_CHECK(t, nr < MAX_FUNCTIONS,
	           "ddekit_pci_get_device() never returned -1");
	CONF_CHECK(t, found == 1,
	           "edu at %02x:%02x.%x appears %d times among %d functions",
	           edu.bus, edu.slot, edu.func, found, nr);
	conf_note(t, "%d PCI functions visible", nr);
out:
	return;
}

static void config_space_ids_match_the_device(struct conf_test_ctx *t)
{
	ddekit_uint16_t vendor = 0, device = 0;
	ddekit_uint32_t both = 0;
	struct conf_edu edu;
	int r1, r2, r3;

	CONF_TRY(conf_edu_find(t, &edu));
	r1 = ddekit_pci_readw(edu.bus, edu.slot, edu.func, 0, &vendor);
	r2 = ddekit_pci_readw(edu.bus, edu.slot, edu.func, 2, &device);
	r3 = ddekit_pci_readl(edu.bus, edu.slot, edu.func, 0, &both);
	CONF_CHECK(t, r1 == 0 && r2 == 0 && r3 == 0,
	           "config reads returned %d, %d, %d", r1, r2, r3);
	CONF_CHECK(t,
	           vendor == t->cfg->edu_vendor && device == t->cfg->edu_device,
	           "config space says %04x:%04x, want %04x:%04x", vendor,
	           device, t->cfg->edu_vendor, t->cfg->edu_device);
	CONF_CHECK(t, both == ((ddekit_uint32_t)device << 16 | vendor),
	           "32-bit read of offset 0 is 0x%08x, 16-bit reads gave "
	           "%04x and %04x",
	           both, vendor, device);
	CONF_CHECK(t,
	           ddekit_pci_get_vendor(edu.dev) == vendor &&
	               ddekit_pci_get_device_id(edu.dev) == device,
	           "the device record says %04x:%04x, config space "
	           "%04x:%04x",
	           ddekit_pci_get_vendor(edu.dev),
	           ddekit_pci_get_device_id(edu.dev), vendor, device);
out:
	return;
}

static void config_reads_of_each_width_agree(struct conf_test_ctx *t)
{
	ddekit_uint8_t b[4] = {0};
	ddekit_uint16_t w[2] = {0};
	ddekit_uint32_t l = 0, generic = 0;
	struct conf_edu edu;
	int i, r = 0;

	CONF_TRY(conf_edu_find(t, &edu));
	for (i = 0; i < 4; i++)
		r |= ddekit_pci_readb(edu.bus, edu.slot, edu.func, i, &b[i]);
	for (i = 0; i < 2; i++)
		r |=
		    ddekit_pci_readw(edu.bus, edu.slot, edu.func, 2 * i, &w[i]);
	r |= ddekit_pci_readl(edu.bus, edu.slot, edu.func, 0, &l);
	r |= ddekit_pci_read(edu.bus, edu.slot, edu.func, 0, 4, &generic);
	CONF_CHECK(t, r == 0, "a config read failed");
	CONF_CHECK(t, l == generic,
	           "ddekit_pci_readl says 0x%08x, ddekit_pci_read 0x%08x", l,
	           generic);
	CONF_CHECK(t, w[0] == (l & 0xffff) && w[1] == l >> 16,
	           "16-bit reads %04x %04x disagree with 0x%08x", w[0], w[1],
	           l);
	CONF_CHECK(
	    t,
	    (b[0] | b[1] << 8 | b[2] << 16 | (ddekit_uint32_t)b[3] << 24) == l,
	    "8-bit reads %02x %02x %02x %02x disagree with 0x%08x", b[0], b[1],
	    b[2], b[3], l);
out:
	return;
}

static void absent_function_is_not_readable(struct conf_test_ctx *t)
{
	ddekit_uint32_t val = 0;
	int r = ddekit_pci_read(0xff, 31, 7, 0, 4, &val);

	CONF_CHECK(t, r < 0,
	           "reading 255:31.7 returned %d (value 0x%08x), want an error",
	           r, val);
out:
	return;
}

static void bar0_is_1_mib_of_memory(struct conf_test_ctx *t)
{
	ddekit_pci_res_t *bar;
	struct conf_edu edu;
	unsigned long len;

	CONF_TRY(conf_edu_find(t, &edu));
	bar = ddekit_pci_get_resource(edu.dev, 0);
	len = bar->end - bar->start + 1;
	CONF_CHECK(t, !(bar->flags & DDEKIT_PCI_RES_IO),
	           "BAR0 is an I/O BAR (flags 0x%lx)", bar->flags);
	CONF_CHECK(t, len == EDU_BAR0_SIZE,
	           "BAR0 is 0x%lx bytes (0x%lx..0x%lx), want 0x%lx", len,
	           bar->start, bar->end, EDU_BAR0_SIZE);
	CONF_CHECK(t, bar->start % EDU_BAR0_SIZE == 0,
	           "BAR0 at 0x%lx is not aligned to its size", bar->start);
	CONF_CHECK(t, ddekit_pci_get_resource(edu.dev, 6) == NULL,
	           "ddekit_pci_get_resource(dev, 6) is not NULL");
out:
	return;
}

static void enable_device_turns_on_memory_decoding(struct conf_test_ctx *t)
{
	ddekit_uint16_t cmd = 0;
	struct conf_edu edu;
	int r;

	CONF_TRY(conf_edu_find(t, &edu));
	r = ddekit_pci_enable_device(edu.dev);
	CONF_CHECK(t, r == 0, "ddekit_pci_enable_device() returned %d (%s)", r,
	           ddekit_errname(r));
	r = ddekit_pci_readw(edu.bus, edu.slot, edu.func, PCI_COMMAND, &cmd);
	CONF_CHECK(t, r == 0, "reading the command register returned %d", r);
	CONF_CHECK(t, cmd & PCI_COMMAND_MEMORY,
	           "command register is 0x%04x: memory decoding is off", cmd);
out:
	return;
}

static void set_master_sets_command_bit_2(struct conf_test_ctx *t)
{
	ddekit_uint16_t before = 0, cleared = 0, after = 0;
	struct conf_edu edu;
	int r;

	CONF_TRY(conf_edu_find(t, &edu));
	r = ddekit_pci_readw(edu.bus, edu.slot, edu.func, PCI_COMMAND, &before);
	CONF_CHECK(t, r == 0, "reading the command register returned %d", r);
	/* Start from bus mastering off so the bit can only come from
	 * set_master. */
	r = ddekit_pci_writew(edu.bus, edu.slot, edu.func, PCI_COMMAND,
	                      before & ~PCI_COMMAND_MASTER);
	CONF_CHECK(t, r == 0, "writing the command register returned %d", r);
	ddekit_pci_readw(edu.bus, edu.slot, edu.func, PCI_COMMAND, &cleared);
	CONF_CHECK(t, !(cleared & PCI_COMMAND_MASTER),
	           "bus mastering stayed on after clearing it (0x%04x)",
	           cleared);
	ddekit_pci_set_master(edu.dev);
	ddekit_pci_readw(edu.bus, edu.slot, edu.func, PCI_COMMAND, &after);
	CONF_CHECK(t, after & PCI_COMMAND_MASTER,
	           "command register is 0x%04x after set_master: bit 2 is "
	           "clear",
	           after);
out:
	return;
}

static void find_by_id_returns_the_edu_device(struct conf_test_ctx *t)
{
	struct ddekit_pci_dev *next;
	struct conf_edu edu;

	CONF_TRY(conf_edu_find(t, &edu));
	CONF_CHECK(t,
	           ddekit_pci_get_vendor(edu.dev) == t->cfg->edu_vendor &&
	               ddekit_pci_get_device_id(edu.dev) == t->cfg->edu_device,
	           "found %04x:%04x", ddekit_pci_get_vendor(edu.dev),
	           ddekit_pci_get_device_id(edu.dev));
	next = ddekit_pci_find_device_by_id(t->cfg->edu_vendor,
	                                    t->cfg->edu_device, edu.dev);
	CONF_CHECK(t, next != edu.dev,
	           "searching on after the device returned it again");
	CONF_CHECK(
	    t, !next || ddekit_pci_get_device_id(next) == t->cfg->edu_device,
	    "searching on returned device %04x",
	    ddekit_pci_get_device_id(next));
out:
	return;
}

static void find_by_location_returns_the_edu_device(struct conf_test_ctx *t)
{
	struct ddekit_pci_dev *dev;
	struct conf_edu edu;
	int bus, slot, func;

	CONF_TRY(conf_edu_find(t, &edu));
	bus = edu.bus;
	slot = edu.slot;
	func = edu.func;
	dev = ddekit_pci_find_device(&bus, &slot, &func, NULL);
	CONF_CHECK(t, dev == edu.dev,
	           "ddekit_pci_find_device(%02x:%02x.%x) returned %p, want %p",
	           edu.bus, edu.slot, edu.func, (void *)dev, (void *)edu.dev);

	/* With wildcards the search visits every function once. */
	bus = slot = func = DDEKIT_PCI_ANY_ID;
	for (dev = ddekit_pci_find_device(&bus, &slot, &func, NULL);
	     dev && dev != edu.dev;
	     dev = ddekit_pci_find_device(&bus, &slot, &func, dev))
		bus = slot = func = DDEKIT_PCI_ANY_ID;
	CONF_CHECK(t, dev == edu.dev,
	           "a wildcard search did not reach the edu device");
	CONF_CHECK(t, bus == edu.bus && slot == edu.slot && func == edu.func,
	           "the wildcard search set location %02x:%02x.%x, want "
	           "%02x:%02x.%x",
	           bus, slot, func, edu.bus, edu.slot, edu.func);
out:
	return;
}

static void find_by_class_returns_the_edu_device(struct conf_test_ctx *t)
{
	struct ddekit_pci_dev *dev;
	ddekit_uint32_t rev_class = 0;
	unsigned class_code;
	struct conf_edu edu;
	int r;

	CONF_TRY(conf_edu_find(t, &edu));
	r = ddekit_pci_readl(edu.bus, edu.slot, edu.func, 0x08, &rev_class);
	CONF_CHECK(t, r == 0, "reading the class code returned %d", r);
	class_code = rev_class >> 8;
	CONF_CHECK(t, ddekit_pci_get_dev_class(edu.dev) == class_code,
	           "the device record's class is 0x%06x, config space says "
	           "0x%06x",
	           ddekit_pci_get_dev_class(edu.dev), class_code);
	for (dev = ddekit_pci_find_device_by_class(class_code, 0xffffff, NULL);
	     dev && dev != edu.dev;
	     dev = ddekit_pci_find_device_by_class(class_code, 0xffffff, dev))
		;
	CONF_CHECK(t, dev == edu.dev,
	           "searching class 0x%06x did not find the edu device",
	           class_code);
out:
	return;
}

static void names_show_ids_and_location(struct conf_test_ctx *t)
{
	char want_name[16], want_slot[16];
	const char *name, *slot_name;
	struct conf_edu edu;

	CONF_TRY(conf_edu_find(t, &edu));
	ddekit_snprintf(want_name, sizeof(want_name), "%04x:%04x",
	                t->cfg->edu_vendor, t->cfg->edu_device);
	ddekit_snprintf(want_slot, sizeof(want_slot), "%02x:%02x.%x", edu.bus,
	                edu.slot, edu.func);
	name = ddekit_pci_get_name(edu.dev);
	slot_name = ddekit_pci_get_slot_name(edu.dev);
	CONF_CHECK(t, name && strcmp(name, want_name) == 0,
	           "name is \"%s\", want \"%s\"", name ? name : "(null)",
	           want_name);
	CONF_CHECK(t, slot_name && strcmp(slot_name, want_slot) == 0,
	           "slot name is \"%s\", want \"%s\"",
	           slot_name ? slot_name : "(null)", want_slot);
out:
	return;
}

static void irq_enable_reports_the_edu_line(struct conf_test_ctx *t)
{
	ddekit_uint8_t cfg_line = 0;
	struct conf_edu edu;
	int irq = -1, r;

	CONF_TRY(conf_edu_find(t, &edu));
	CONF_CHECK(t, edu.irq >= 0,
	           "edu has no legacy interrupt line (ddekit_pci_get_irq() "
	           "is 0xff)");
	r = ddekit_pci_irq_enable(edu.bus, edu.slot, edu.func, 1, &irq);
	CONF_CHECK(t, r == 0, "ddekit_pci_irq_enable() returned %d (%s)", r,
	           ddekit_errname(r));
	CONF_CHECK(t, irq == edu.irq,
	           "ddekit_pci_irq_enable() says line %d, ddekit_pci_get_irq() "
	           "%d",
	           irq, edu.irq);
	ddekit_pci_readb(edu.bus, edu.slot, edu.func, 0x3c, &cfg_line);
	conf_note(t, "edu interrupt line %d (config space says %u)", edu.irq,
	          cfg_line);
out:
	return;
}

static const struct conf_test tests[] = {
    {"enumeration_lists_the_edu_device", enumeration_lists_the_edu_device},
    {"config_space_ids_match_the_device", config_space_ids_match_the_device},
    {"config_reads_of_each_width_agree", config_reads_of_each_width_agree},
    {"absent_function_is_not_readable", absent_function_is_not_readable},
    {"bar0_is_1_mib_of_memory", bar0_is_1_mib_of_memory},
    {"enable_device_turns_on_memory_decoding",
     enable_device_turns_on_memory_decoding},
    {"set_master_sets_command_bit_2", set_master_sets_command_bit_2},
    {"find_by_id_returns_the_edu_device", find_by_id_returns_the_edu_device},
    {"find_by_location_returns_the_edu_device",
     find_by_location_returns_the_edu_device},
    {"find_by_class_returns_the_edu_device",
     find_by_class_returns_the_edu_device},
    {"names_show_ids_and_location", names_show_ids_and_location},
    {"irq_enable_reports_the_edu_line", irq_enable_reports_the_edu_line},
};

CONF_AREA(conf_area_pci, "pci", tests);
