/*
 * ata-pci.c — "atapci": PCI IDE controllers (generic, Intel PIIX3/PIIX4).
 *
 * Each of the two channels runs in compatibility mode (the ISA-era ports
 * 0x1f0/0x3f6 with IRQ 14, 0x170/0x376 with IRQ 15 — no BARs describe
 * them) or in native mode (BARs 0-3, the function's INTx), as the
 * programming interface says. Bus-master DMA uses BAR4, eight registers
 * per channel, when the interface announces it. A channel whose interrupt
 * cannot be had is polled.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/module.h>
#include <sys/rman.h>
#include <machine/bus.h>
#include <machine/bus_dma.h>
#include <machine/resource.h>
#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>

#include "ata-all.h"
#include "atareg.h"

struct atapci_softc {
	device_t dev;
	int progif;
	struct resource *r_bm;
	int r_bm_rid;
	struct ata_attach_args args[2];
};

static const struct {
	u_int32_t devid;
	const char *name;
} atapci_ids[] = {
    {0x70108086, "Intel PIIX3 ATA controller"},
    {0x71118086, "Intel PIIX4 ATA controller"},
};

/* rids of the channels' explicit ranges (compatibility mode). */
#define ATAPCI_RID_IO(ch)  (0x100 + 0x10 * (ch))
#define ATAPCI_RID_CTL(ch) (0x104 + 0x10 * (ch))
#define ATAPCI_RID_IRQ(ch) (0x108 + 0x10 * (ch))

static int atapci_native(struct atapci_softc *sc, int unit)
{
	return (sc->progif & ATA_PROGIF_NATIVE(unit)) != 0;
}

static struct resource *atapci_alloc_ports(struct atapci_softc *sc, int *rid,
                                           u_long start, u_long count)
{
	return bus_alloc_resource(sc->dev, SYS_RES_IOPORT, rid, start,
	                          start + count - 1, count, RF_ACTIVE);
}

/* The PRD table: 4-byte aligned, within one 64 KiB window, 32-bit. */
static int atapci_alloc_prd(struct ata_channel *ch)
{
	return ata_dmamem_alloc(ch->dev, &ch->prd, PAGE_SIZE, 4,
	                        ATA_PRD_BOUNDARY, BUS_SPACE_MAXADDR_32BIT);
}

static void atapci_release(struct ata_channel *ch)
{
	struct atapci_softc *sc = ch->hw_priv;

	if (ch->ih)
		bus_teardown_intr(sc->dev, ch->r_irq, ch->ih);
	ch->ih = NULL;
	if (ch->r_irq)
		bus_release_resource(sc->dev, SYS_RES_IRQ, ch->r_irq_rid,
		                     ch->r_irq);
	if (ch->r_ctl)
		bus_release_resource(sc->dev, SYS_RES_IOPORT, ch->r_ctl_rid,
		                     ch->r_ctl);
	if (ch->r_io)
		bus_release_resource(sc->dev, SYS_RES_IOPORT, ch->r_io_rid,
		                     ch->r_io);
	ch->r_irq = ch->r_ctl = ch->r_io = NULL;
	ata_dma_free(ch);
	ata_dmamem_free(&ch->prd);
	ch->has_dma = 0;
}

static int atapci_ch_setup(struct ata_channel *ch)
{
	struct atapci_softc *sc = ch->hw_priv;
	int unit = ch->unit, err = ENXIO;

	if (atapci_native(sc, unit)) {
		ch->r_io_rid = PCIR_BAR(2 * unit);
		ch->r_io = bus_alloc_resource_any(sc->dev, SYS_RES_IOPORT,
		                                  &ch->r_io_rid, RF_ACTIVE);
		ch->r_ctl_rid = PCIR_BAR(2 * unit + 1);
		ch->r_ctl = bus_alloc_resource_any(sc->dev, SYS_RES_IOPORT,
		                                   &ch->r_ctl_rid, RF_ACTIVE);
		if (ch->r_ctl) {
			bus_space_handle_t h;

			/* The register sits at offset 2 of the BAR. */
			bus_space_subregion(rman_get_bustag(ch->r_ctl),
			                    rman_get_bushandle(ch->r_ctl),
			                    ATA_CTL_OFFSET_NATIVE, ATA_CTLSIZE,
			                    &h);
			rman_set_bushandle(ch->r_ctl, h);
		}
		ch->r_irq_rid = 0;
		ch->r_irq =
		    bus_alloc_resource_any(sc->dev, SYS_RES_IRQ, &ch->r_irq_rid,
		                           RF_ACTIVE | RF_SHAREABLE);
	} else {
		u_long io = unit ? 0x170 : 0x1f0, ctl = unit ? 0x376 : 0x3f6;
		u_long irq = unit ? 15 : 14;

		ch->r_io_rid = ATAPCI_RID_IO(unit);
		ch->r_io =
		    atapci_alloc_ports(sc, &ch->r_io_rid, io, ATA_IOSIZE);
		ch->r_ctl_rid = ATAPCI_RID_CTL(unit);
		ch->r_ctl =
		    atapci_alloc_ports(sc, &ch->r_ctl_rid, ctl, ATA_CTLSIZE);
		ch->r_irq_rid = ATAPCI_RID_IRQ(unit);
		ch->r_irq =
		    bus_alloc_resource(sc->dev, SYS_RES_IRQ, &ch->r_irq_rid,
		                       irq, irq, 1, RF_ACTIVE | RF_SHAREABLE);
	}
	if (!ch->r_io || !ch->r_ctl) {
		device_printf(ch->dev, "cannot get the channel's ports\n");
		goto fail;
	}
	if (sc->r_bm) {
		ch->r_bm = sc->r_bm;
		ch->bm_base = (bus_size_t)unit * ATA_BMIOSIZE;
		ch->has_dma = !atapci_alloc_prd(ch) && !ata_dma_alloc(ch, 1);
		if (!ch->has_dma) {
			device_printf(ch->dev, "no DMA memory: PIO only\n");
			ata_dma_free(ch);
			ata_dmamem_free(&ch->prd);
		}
	}
	if (!ch->r_irq ||
	    bus_setup_intr(sc->dev, ch->r_irq, INTR_TYPE_BIO | INTR_MPSAFE,
	                   NULL, ata_channel_intr, ch, &ch->ih)) {
		ch->ih = NULL;
		ch->polled = 1;
	}
	device_printf(ch->dev, "%s mode, %s, %s\n",
	              atapci_native(sc, unit) ? "native" : "compatibility",
	              ch->has_dma ? "bus-master DMA" : "PIO",
	              ch->polled ? "polled (no interrupt)" : "interrupts");
	return 0;

fail:
	atapci_release(ch);
	return err;
}

static const struct ata_hw atapci_hw = {
    .setup = atapci_ch_setup,
    .teardown = atapci_release,
    .reset = ata_tf_reset,
    .begin = ata_tf_begin,
    .end = ata_tf_end,
    .stray = ata_tf_stray,
};

static int atapci_probe(device_t dev)
{
	u_int32_t devid = pci_get_devid(dev);
	size_t i;

	if (pci_get_class(dev) != PCIC_STORAGE ||
	    pci_get_subclass(dev) != PCIS_STORAGE_IDE)
		return ENXIO;
	for (i = 0; i < nitems(atapci_ids); i++) {
		if (atapci_ids[i].devid == devid) {
			device_set_desc(dev, atapci_ids[i].name);
			return BUS_PROBE_DEFAULT;
		}
	}
	device_set_desc(dev, "generic PCI ATA controller");
	return BUS_PROBE_GENERIC;
}

static int atapci_attach(device_t dev)
{
	struct atapci_softc *sc = device_get_softc(dev);
	int unit;

	sc->dev = dev;
	sc->progif = pci_get_progif(dev);
	pci_enable_io(dev, SYS_RES_IOPORT);
	if (sc->progif & ATA_PROGIF_MASTERDEV) {
		sc->r_bm_rid = PCIR_BAR(4);
		sc->r_bm = bus_alloc_resource_any(dev, SYS_RES_IOPORT,
		                                  &sc->r_bm_rid, RF_ACTIVE);
		if (sc->r_bm)
			pci_enable_busmaster(dev);
		else
			device_printf(dev, "no bus-master registers (BAR4)\n");
	}
	for (unit = 0; unit < 2; unit++) {
		device_t child = device_add_child(dev, "ata", -1);

		sc->args[unit] = (struct ata_attach_args){
		    .hw = &atapci_hw,
		    .hw_priv = sc,
		    .unit = unit,
		    .max_iosize = MAXPHYS, /* 256 sectors, LBA28's limit */
		    .ndevs = 2,
		};
		if (child)
			device_set_ivars(child, &sc->args[unit]);
	}
	return bus_generic_attach(dev);
}

static int atapci_detach(device_t dev)
{
	struct atapci_softc *sc = device_get_softc(dev);
	int err;

	err = bus_generic_detach(dev);
	if (err)
		return err;
	ata_delete_children(dev);
	if (sc->r_bm)
		bus_release_resource(dev, SYS_RES_IOPORT, sc->r_bm_rid,
		                     sc->r_bm);
	sc->r_bm = NULL;
	return 0;
}

static device_method_t atapci_methods[] = {
    DEVMETHOD(device_probe, atapci_probe),
    DEVMETHOD(device_attach, atapci_attach),
    DEVMETHOD(device_detach, atapci_detach),
    DEVMETHOD(bus_print_child, bus_generic_print_child),
    DEVMETHOD(bus_alloc_resource, bus_generic_alloc_resource),
    DEVMETHOD(bus_release_resource, bus_generic_release_resource),
    DEVMETHOD(bus_activate_resource, bus_generic_activate_resource),
    DEVMETHOD(bus_deactivate_resource, bus_generic_deactivate_resource),
    DEVMETHOD(bus_setup_intr, bus_generic_setup_intr),
    DEVMETHOD(bus_teardown_intr, bus_generic_teardown_intr),
    DEVMETHOD_END,
};

static driver_t atapci_driver = {
    "atapci",
    atapci_methods,
    sizeof(struct atapci_softc),
};

static devclass_t atapci_devclass;

DRIVER_MODULE(atapci, pci, atapci_driver, atapci_devclass, 0, 0);
MODULE_VERSION(atapci, 1);
MODULE_DEPEND(atapci, ata, 1, 1, 1);
