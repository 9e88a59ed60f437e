/*
 * pci_bus.c — the root "pci" bus: DDEKit's PCI functions as newbus
 * children, their ivars, resources (BARs, explicit port/memory ranges,
 * interrupt lines) and configuration space.
 */
#include "internal.h"

#include <ddekit/pci.h>
#include <ddekit/resources.h>

#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>
#include <sys/rman.h>

MALLOC_DEFINE(M_PCIBUS, "pcibus", "root PCI bus data");

struct pci_devinfo {
	struct ddekit_pci_dev *dd;
	int bus, slot, func;
	TAILQ_ENTRY(pci_devinfo) link;
};

struct pci_softc {
	TAILQ_HEAD(, pci_devinfo) devinfos;
	TAILQ_HEAD(, resource) resources;
};

static device_t pci_bus_dev; /* the one instance */

static int pci_probe(device_t dev)
{
	device_set_desc(dev, "PCI bus (DDEKit)");
	return BUS_PROBE_SPECIFIC;
}

static int pci_attach(device_t dev)
{
	struct pci_softc *sc = device_get_softc(dev);
	struct pci_devinfo *di;
	int nr, b, s, f;

	TAILQ_INIT(&sc->devinfos);
	TAILQ_INIT(&sc->resources);
	pci_bus_dev = dev;
	for (nr = 0; ddekit_pci_get_device(nr, &b, &s, &f) == 0; nr++) {
		device_t child;

		di = malloc(sizeof(*di), M_PCIBUS, M_WAITOK | M_ZERO);
		di->dd = ddekit_pci_find_device(&b, &s, &f, NULL);
		di->bus = b;
		di->slot = s;
		di->func = f;
		TAILQ_INSERT_TAIL(&sc->devinfos, di, link);
		child = device_add_child(dev, NULL, -1);
		if (child)
			device_set_ivars(child, di);
	}
	return bus_generic_attach(dev);
}

static int pci_release_resource(device_t dev, device_t child, int type, int rid,
                                struct resource *r);

static int pci_detach(device_t dev)
{
	struct pci_softc *sc = device_get_softc(dev);
	struct pci_devinfo *di;
	struct resource *r;
	device_t *children;
	int i, n, err;

	err = bus_generic_detach(dev);
	if (err)
		return err;
	if (device_get_children(dev, &children, &n) == 0) {
		for (i = 0; i < n; i++)
			device_delete_child(dev, children[i]);
		free(children, M_TEMP);
	}
	while ((r = TAILQ_FIRST(&sc->resources)) != NULL) {
		/* Its device is gone: name the resource, not the device. */
		printf("pci0: resource type %d rid %#x at %#lx was not "
		       "released\n",
		       r->r_type, r->r_rid, r->r_start);
		pci_release_resource(dev, NULL, r->r_type, r->r_rid, r);
	}
	while ((di = TAILQ_FIRST(&sc->devinfos)) != NULL) {
		TAILQ_REMOVE(&sc->devinfos, di, link);
		free(di, M_PCIBUS);
	}
	pci_bus_dev = NULL;
	return 0;
}

static struct pci_devinfo *devinfo(device_t child)
{
	if (!pci_bus_dev || device_get_parent(child) != pci_bus_dev)
		return NULL;
	return device_get_ivars(child);
}

struct ddekit_pci_dev *dde_fbsd_pci_ddekit_dev(device_t dev)
{
	struct pci_devinfo *di = devinfo(dev);

	return di ? di->dd : NULL;
}

static int pci_read_ivar(device_t dev, device_t child, int which,
                         uintptr_t *result)
{
	struct pci_devinfo *di = devinfo(child);
	unsigned cls;

	(void)dev;
	if (!di)
		return ENOENT;
	cls = ddekit_pci_get_dev_class(di->dd);
	switch (which) {
	case PCI_IVAR_SUBVENDOR:
		*result = ddekit_pci_get_sub_vendor(di->dd);
		break;
	case PCI_IVAR_SUBDEVICE:
		*result = ddekit_pci_get_sub_device(di->dd);
		break;
	case PCI_IVAR_VENDOR:
		*result = ddekit_pci_get_vendor(di->dd);
		break;
	case PCI_IVAR_DEVICE:
		*result = ddekit_pci_get_device_id(di->dd);
		break;
	case PCI_IVAR_DEVID:
		*result = (uintptr_t)ddekit_pci_get_device_id(di->dd) << 16 |
		          ddekit_pci_get_vendor(di->dd);
		break;
	case PCI_IVAR_CLASS:
		*result = (cls >> 16) & 0xff;
		break;
	case PCI_IVAR_SUBCLASS:
		*result = (cls >> 8) & 0xff;
		break;
	case PCI_IVAR_PROGIF:
		*result = cls & 0xff;
		break;
	case PCI_IVAR_REVID:
	case PCI_IVAR_INTPIN:
	case PCI_IVAR_CMDREG:
	case PCI_IVAR_CACHELNSZ:
	case PCI_IVAR_LATTIMER: {
		static const int reg[] = {
		    [PCI_IVAR_REVID] = PCIR_REVID,
		    [PCI_IVAR_INTPIN] = PCIR_INTPIN,
		    [PCI_IVAR_CMDREG] = PCIR_COMMAND,
		    [PCI_IVAR_CACHELNSZ] = PCIR_CACHELNSZ,
		    [PCI_IVAR_LATTIMER] = PCIR_LATTIMER,
		};
		*result = pci_read_config(child, reg[which],
		                          which == PCI_IVAR_CMDREG ? 2 : 1);
		break;
	}
	case PCI_IVAR_IRQ:
		*result = ddekit_pci_get_irq(di->dd);
		break;
	case PCI_IVAR_DOMAIN:
		*result = 0;
		break;
	case PCI_IVAR_BUS:
		*result = (uintptr_t)di->bus;
		break;
	case PCI_IVAR_SLOT:
		*result = (uintptr_t)di->slot;
		break;
	case PCI_IVAR_FUNCTION:
		*result = (uintptr_t)di->func;
		break;
	default:
		return ENOENT;
	}
	return 0;
}

uint32_t dde_fbsd_pci_ivar(device_t dev, int which)
{
	uintptr_t v = ~(uintptr_t)0;

	if (BUS_READ_IVAR(device_get_parent(dev), dev, which, &v))
		printf("%s: PCI ivar %d not available\n",
		       device_get_nameunit(dev), which);
	return (uint32_t)v;
}

static int activate(struct resource *r)
{
	ddekit_addr_t va;
	int err = 0;

	if (r->r_flags & RF_ACTIVE)
		return 0;
	switch (r->r_type) {
	case SYS_RES_IOPORT:
		err = ddekit_request_io(r->r_start, r->r_end - r->r_start + 1);
		r->r_bustag = X86_BUS_SPACE_IO;
		r->r_bushandle = r->r_start;
		break;
	case SYS_RES_MEMORY:
		err = ddekit_request_mem(r->r_start, r->r_end - r->r_start + 1,
		                         &va);
		r->r_bustag = X86_BUS_SPACE_MEM;
		r->r_bushandle = va;
		r->r_virtual = (void *)va;
		break;
	default:
		break;
	}
	if (err)
		return dde_fbsd_errno(err);
	r->r_flags |= RF_ACTIVE;
	return 0;
}

static int deactivate(struct resource *r)
{
	int err = 0;

	if (!(r->r_flags & RF_ACTIVE))
		return 0;
	if (r->r_type == SYS_RES_IOPORT)
		err = ddekit_release_io(r->r_start, r->r_end - r->r_start + 1);
	else if (r->r_type == SYS_RES_MEMORY)
		err = ddekit_release_mem(r->r_start, r->r_end - r->r_start + 1);
	r->r_flags &= ~RF_ACTIVE;
	r->r_virtual = NULL;
	return dde_fbsd_errno(err);
}

/* A BAR request: the rid names the BAR, the range is the BAR's. */
static int bar_range(struct pci_devinfo *di, int type, int rid, u_long *start,
                     u_long *end)
{
	ddekit_pci_res_t *bar;
	unsigned long want;

	if (!di || rid < PCIR_BAR(0) || rid > PCIR_BAR(5) || (rid & 3))
		return ENOENT;
	bar = ddekit_pci_get_resource(di->dd, (unsigned)PCI_RID2BAR(rid));
	want = type == SYS_RES_IOPORT ? DDEKIT_PCI_RES_IO : DDEKIT_PCI_RES_MEM;
	if (!bar || !(bar->flags & want) || bar->end < bar->start)
		return ENOENT;
	*start = bar->start;
	*end = bar->end;
	return 0;
}

static struct resource *pci_alloc_resource(device_t dev, device_t child,
                                           int type, int *rid, u_long start,
                                           u_long end, u_long count,
                                           u_int flags)
{
	struct pci_softc *sc = device_get_softc(dev);
	struct pci_devinfo *di = devinfo(child);
	int is_default = start == 0ul && end == ~0ul;
	struct resource *r;

	switch (type) {
	case SYS_RES_IOPORT:
	case SYS_RES_MEMORY:
		if (is_default) {
			if (bar_range(di, type, *rid, &start, &end))
				return NULL;
			if (count > end - start + 1)
				return NULL;
			if (ddekit_pci_enable_device(di->dd))
				return NULL;
		} else {
			if (count == 0 || end < start ||
			    count - 1 > end - start)
				return NULL;
			end = start + count - 1;
		}
		break;
	case SYS_RES_IRQ:
		if (is_default) {
			unsigned long line;

			if (*rid != 0 || !di)
				return NULL;
			line = ddekit_pci_get_irq(di->dd);
			if (line == 0xff || line == 0)
				return NULL;
			start = end = line;
		} else {
			end = start;
		}
		break;
	default:
		return NULL;
	}
	r = malloc(sizeof(*r), M_PCIBUS, M_NOWAIT | M_ZERO);
	if (!r)
		return NULL;
	r->r_start = start;
	r->r_end = end;
	r->r_rid = *rid;
	r->r_type = type;
	r->r_dev = child;
	r->r_flags = flags & ~RF_ACTIVE;
	if ((flags & RF_ACTIVE) && activate(r)) {
		free(r, M_PCIBUS);
		return NULL;
	}
	TAILQ_INSERT_TAIL(&sc->resources, r, r_link);
	return r;
}

static int pci_release_resource(device_t dev, device_t child, int type, int rid,
                                struct resource *r)
{
	struct pci_softc *sc = device_get_softc(dev);
	int err;

	(void)child;
	if (r->r_type != type || r->r_rid != rid)
		return EINVAL;
	err = deactivate(r);
	TAILQ_REMOVE(&sc->resources, r, r_link);
	free(r, M_PCIBUS);
	return err;
}

static int pci_activate_resource(device_t dev, device_t child, int type,
                                 int rid, struct resource *r)
{
	(void)dev;
	(void)child;
	(void)type;
	(void)rid;
	return activate(r);
}

static int pci_deactivate_resource(device_t dev, device_t child, int type,
                                   int rid, struct resource *r)
{
	(void)dev;
	(void)child;
	(void)type;
	(void)rid;
	return deactivate(r);
}

static int pci_setup_intr(device_t dev, device_t child, struct resource *irq,
                          int flags, driver_filter_t *filter,
                          driver_intr_t *intr, void *arg, void **cookiep)
{
	(void)dev;
	if (!irq || irq->r_type != SYS_RES_IRQ)
		return EINVAL;
	return dde_fbsd_intr_setup(child, (int)irq->r_start, flags, filter,
	                           intr, arg, cookiep);
}

static int pci_teardown_intr(device_t dev, device_t child, struct resource *irq,
                             void *cookie)
{
	(void)dev;
	(void)child;
	(void)irq;
	return dde_fbsd_intr_teardown(cookie);
}

static struct bus_dma_tag *pci_get_dma_tag(device_t dev, device_t child)
{
	(void)dev;
	(void)child;
	return NULL;
}

static kobj_method_t pci_methods[] = {
    DEVMETHOD(device_probe, pci_probe),
    DEVMETHOD(device_attach, pci_attach),
    DEVMETHOD(device_detach, pci_detach),
    DEVMETHOD(bus_read_ivar, pci_read_ivar),
    DEVMETHOD(bus_alloc_resource, pci_alloc_resource),
    DEVMETHOD(bus_release_resource, pci_release_resource),
    DEVMETHOD(bus_activate_resource, pci_activate_resource),
    DEVMETHOD(bus_deactivate_resource, pci_deactivate_resource),
    DEVMETHOD(bus_setup_intr, pci_setup_intr),
    DEVMETHOD(bus_teardown_intr, pci_teardown_intr),
    DEVMETHOD(bus_get_dma_tag, pci_get_dma_tag),
    DEVMETHOD_END,
};

driver_t dde_fbsd_pci_driver = {"pci", pci_methods, sizeof(struct pci_softc)};

/* ---- configuration space ---- */

u_int32_t pci_read_config(device_t dev, int reg, int width)
{
	struct pci_devinfo *di = devinfo(dev);
	ddekit_uint32_t v = ~0u;

	if (!di || ddekit_pci_read(di->bus, di->slot, di->func, reg, width, &v))
		return width == 4 ? ~0u : (1u << (8 * width)) - 1;
	return v;
}

void pci_write_config(device_t dev, int reg, u_int32_t val, int width)
{
	struct pci_devinfo *di = devinfo(dev);

	if (di)
		ddekit_pci_write(di->bus, di->slot, di->func, reg, width, val);
}

int pci_enable_busmaster(device_t dev)
{
	struct pci_devinfo *di = devinfo(dev);

	if (!di)
		return ENXIO;
	ddekit_pci_set_master(di->dd);
	return 0;
}

int pci_disable_busmaster(device_t dev)
{
	u_int32_t cmd = pci_read_config(dev, PCIR_COMMAND, 2);

	pci_write_config(dev, PCIR_COMMAND, cmd & ~PCIM_CMD_BUSMASTEREN, 2);
	return 0;
}

static int space_bit(int space)
{
	if (space == SYS_RES_IOPORT)
		return PCIM_CMD_PORTEN;
	if (space == SYS_RES_MEMORY)
		return PCIM_CMD_MEMEN;
	return 0;
}

int pci_enable_io(device_t dev, int space)
{
	int bit = space_bit(space);

	if (!bit || !devinfo(dev))
		return EINVAL;
	pci_write_config(dev, PCIR_COMMAND,
	                 pci_read_config(dev, PCIR_COMMAND, 2) | (u_int)bit, 2);
	return 0;
}

int pci_disable_io(device_t dev, int space)
{
	int bit = space_bit(space);

	if (!bit || !devinfo(dev))
		return EINVAL;
	pci_write_config(dev, PCIR_COMMAND,
	                 pci_read_config(dev, PCIR_COMMAND, 2) & ~(u_int)bit,
	                 2);
	return 0;
}

int pci_find_extcap(device_t dev, int capability, int *capreg)
{
	int ptr, guard;

	if (!(pci_read_config(dev, PCIR_STATUS, 2) & PCIM_STATUS_CAPPRESENT))
		return ENXIO;
	ptr = (int)pci_read_config(dev, PCIR_CAP_PTR, 1) & 0xfc;
	/* 48 capabilities fit in the 192 bytes after the header. */
	for (guard = 0; ptr && guard < 48; guard++) {
		if ((int)pci_read_config(dev, ptr + PCICAP_ID, 1) ==
		    capability) {
			if (capreg)
				*capreg = ptr;
			return 0;
		}
		ptr = (int)pci_read_config(dev, ptr + PCICAP_NEXTPTR, 1) & 0xfc;
	}
	return ENOENT;
}

int pci_get_powerstate(device_t dev)
{
	(void)dev;
	return PCI_POWERSTATE_D0;
}

int pci_set_powerstate(device_t dev, int state)
{
	(void)dev;
	return state == PCI_POWERSTATE_D0 ? 0 : EOPNOTSUPP;
}

int pci_msi_count(device_t dev)
{
	(void)dev;
	return 0;
}

int pci_msix_count(device_t dev)
{
	(void)dev;
	return 0;
}

int pci_alloc_msi(device_t dev, int *count)
{
	(void)dev;
	(void)count;
	return ENXIO;
}

int pci_alloc_msix(device_t dev, int *count)
{
	(void)dev;
	(void)count;
	return ENXIO;
}

int pci_release_msi(device_t dev)
{
	(void)dev;
	return ENODEV;
}

/* ---- rman accessors ---- */

u_long rman_get_start(struct resource *r)
{
	return r->r_start;
}

u_long rman_get_end(struct resource *r)
{
	return r->r_end;
}

u_long rman_get_size(struct resource *r)
{
	return r->r_end - r->r_start + 1;
}

u_int rman_get_flags(struct resource *r)
{
	return r->r_flags;
}

int rman_get_rid(struct resource *r)
{
	return r->r_rid;
}

void *rman_get_virtual(struct resource *r)
{
	return r->r_virtual;
}

bus_space_tag_t rman_get_bustag(struct resource *r)
{
	return r->r_bustag;
}

bus_space_handle_t rman_get_bushandle(struct resource *r)
{
	return r->r_bushandle;
}

struct device *rman_get_device(struct resource *r)
{
	return r->r_dev;
}

void rman_set_bustag(struct resource *r, bus_space_tag_t t)
{
	r->r_bustag = t;
}

void rman_set_bushandle(struct resource *r, bus_space_handle_t h)
{
	r->r_bushandle = h;
}

void rman_set_virtual(struct resource *r, void *v)
{
	r->r_virtual = v;
}

void rman_set_rid(struct resource *r, int rid)
{
	r->r_rid = rid;
}
