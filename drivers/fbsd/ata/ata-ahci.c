/*
 * ata-ahci.c — "ahci": AHCI 1.x SATA controllers (Intel ICH9 8086:2922,
 * any class 01/06/01 function).
 *
 * Each implemented port is an "ata" channel with one device. A port uses
 * command slot 0 only (no NCQ): one command list, one received-FIS area
 * and one command table with a single PRD entry for the channel's bounce
 * buffer, all in one DMA page. The HBA's interrupt (INTx) is shared by
 * the ports; without one, the channels poll.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/endian.h>
#include <sys/errno.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/malloc.h>
#include <sys/module.h>
#include <sys/mutex.h>
#include <sys/rman.h>
#include <machine/bus.h>
#include <machine/bus_dma.h>
#include <machine/resource.h>
#include <dev/pci/pcireg.h>
#include <dev/pci/pcivar.h>

#include "ata-all.h"
#include "atareg.h"

CTASSERT(sizeof(struct ahci_cmd_header) == 32);
CTASSERT(sizeof(struct ahci_prd) == 16);

/* The port's DMA page: command list, received FIS, command table. */
#define AHCI_WORK_CL  0
#define AHCI_WORK_FIS 1024
#define AHCI_WORK_CT  2048
CTASSERT(AHCI_WORK_CT + AHCI_CT_SIZE <= PAGE_SIZE);

struct ahci_softc;

struct ahci_port {
	struct ahci_softc *sc;
	int port;
	struct ata_channel *ch; /* set while the channel is attached */
	u_int32_t is_seen;      /* PxIS bits the interrupt handler cleared */
	struct ata_dmamem work;
};

struct ahci_softc {
	device_t dev;
	struct resource *r_mem, *r_irq;
	int r_mem_rid, r_irq_rid;
	void *ih;
	/* Held by the interrupt handler while it uses a port's channel, and
	 * by a channel's teardown to unhook it: once teardown has it, no
	 * handler still works on the channel being freed. */
	struct mtx ch_mtx;
	u_int32_t cap, pi;
	int polled;
	struct ahci_port ports[32];
	struct ata_attach_args args[32];
};

/* Bytes per command: one PRD entry takes up to 4 MiB (AHCI 1.3 4.2.3.3)
 * and LBA48 65536 sectors; larger than MAXPHYS so that a sweeper's 1 MiB
 * requests are one command and one interrupt each. */
#define AHCI_MAXIO (1024 * 1024)

#define AHCI_RD(sc, reg)    bus_read_4((sc)->r_mem, (reg))
#define AHCI_WR(sc, reg, v) bus_write_4((sc)->r_mem, (reg), (v))
#define AHCI_PRD(p, reg)    AHCI_RD((p)->sc, AHCI_PORT((p)->port) + (reg))
#define AHCI_PWR(p, reg, v) AHCI_WR((p)->sc, AHCI_PORT((p)->port) + (reg), (v))

/* Wait until (reg & mask) == want, at most @ms; 0 or ETIMEDOUT. */
static int ahci_wait(struct ahci_port *p, int reg, u_int32_t mask,
                     u_int32_t want, int ms)
{
	int t;

	for (t = 0; t < ms * 10; t++) {
		if ((AHCI_PRD(p, reg) & mask) == want)
			return 0;
		DELAY(100);
	}
	return ETIMEDOUT;
}

static void ahci_port_stop(struct ahci_port *p)
{
	u_int32_t cmd = AHCI_PRD(p, AHCI_P_CMD);

	/* AHCI 1.3 10.1.2: ST off and CR clear, then FRE off and FR
	 * clear, before the port's memory may change. */
	AHCI_PWR(p, AHCI_P_CMD, cmd & ~AHCI_P_CMD_ST);
	ahci_wait(p, AHCI_P_CMD, AHCI_P_CMD_CR, 0, 500);
}

static void ahci_port_start(struct ahci_port *p)
{
	u_int32_t tfd = AHCI_PRD(p, AHCI_P_TFD);

	/* A device still BSY/DRQ after an error: command list override. */
	if (tfd & (ATA_S_BUSY | ATA_S_DRQ)) {
		AHCI_PWR(p, AHCI_P_CMD,
		         AHCI_PRD(p, AHCI_P_CMD) | AHCI_P_CMD_CLO);
		ahci_wait(p, AHCI_P_CMD, AHCI_P_CMD_CLO, 0, 500);
	}
	AHCI_PWR(p, AHCI_P_CMD, AHCI_PRD(p, AHCI_P_CMD) | AHCI_P_CMD_ST);
}

static void ahci_ch_teardown(struct ata_channel *ch)
{
	struct ahci_port *p = ch->hw_priv;

	AHCI_PWR(p, AHCI_P_IE, 0);
	ahci_port_stop(p);
	AHCI_PWR(p, AHCI_P_CMD, AHCI_PRD(p, AHCI_P_CMD) & ~AHCI_P_CMD_FRE);
	ahci_wait(p, AHCI_P_CMD, AHCI_P_CMD_FR, 0, 500);
	mtx_lock(&p->sc->ch_mtx);
	__atomic_store_n(&p->ch, NULL, __ATOMIC_RELEASE);
	mtx_unlock(&p->sc->ch_mtx);
	ata_dma_free(ch);
	ata_dmamem_free(&p->work);
}

static int ahci_ch_setup(struct ata_channel *ch)
{
	struct ahci_port *p = ch->hw_priv;
	struct ahci_softc *sc = p->sc;
	int addr32 = !(sc->cap & AHCI_CAP_64BIT);
	u_int64_t clb, fb;
	int err;

	/* The command list wants 1 KiB alignment (AHCI 1.3 3.3.1). */
	err = ata_dmamem_alloc(ch->dev, &p->work, PAGE_SIZE, 1024, 0,
	                       addr32 ? BUS_SPACE_MAXADDR_32BIT
	                              : BUS_SPACE_MAXADDR);
	if (err)
		goto fail;
	err = ata_dma_alloc(ch, addr32);
	if (err)
		goto fail_work;
	ch->has_dma = 1;
	ch->polled = sc->polled;
	ahci_port_stop(p);
	AHCI_PWR(p, AHCI_P_CMD, AHCI_PRD(p, AHCI_P_CMD) & ~AHCI_P_CMD_FRE);
	ahci_wait(p, AHCI_P_CMD, AHCI_P_CMD_FR, 0, 500);
	clb = p->work.bus + AHCI_WORK_CL;
	fb = p->work.bus + AHCI_WORK_FIS;
	AHCI_PWR(p, AHCI_P_CLB, (u_int32_t)clb);
	AHCI_PWR(p, AHCI_P_CLBU, (u_int32_t)(clb >> 32));
	AHCI_PWR(p, AHCI_P_FB, (u_int32_t)fb);
	AHCI_PWR(p, AHCI_P_FBU, (u_int32_t)(fb >> 32));
	AHCI_PWR(p, AHCI_P_SERR, 0xffffffff);
	AHCI_PWR(p, AHCI_P_IS, 0xffffffff);
	AHCI_PWR(p, AHCI_P_CMD,
	         AHCI_PRD(p, AHCI_P_CMD) | AHCI_P_CMD_FRE | AHCI_P_CMD_SUD |
	             AHCI_P_CMD_POD);
	__atomic_store_n(&p->ch, ch, __ATOMIC_RELEASE);
	AHCI_PWR(p, AHCI_P_IE,
	         sc->polled
	             ? 0
	             : AHCI_P_IX_DHR | AHCI_P_IX_PS | AHCI_P_IX_DS |
	                   AHCI_P_IX_SDB | AHCI_P_IX_DP | AHCI_P_IX_ERRORS);
	return 0;

fail_work:
	ata_dmamem_free(&p->work);
fail:
	device_printf(ch->dev, "no DMA memory for the port (error %d)\n", err);
	return err;
}

/* COMRESET, then wait for the device's signature. */
static int ahci_ch_reset(struct ata_channel *ch)
{
	struct ahci_port *p = ch->hw_priv;
	u_int32_t sig;

	ahci_port_stop(p);
	/* DET=1 for at least 1 ms; partial/slumber states off (IPM=3). */
	AHCI_PWR(p, AHCI_P_SCTL, 0x300 | AHCI_P_SCTL_DET_INIT);
	DELAY(1000);
	AHCI_PWR(p, AHCI_P_SCTL, 0x300);
	if (ahci_wait(p, AHCI_P_SSTS, AHCI_P_SSTS_DET_MASK, AHCI_P_SSTS_DET_PHY,
	              200)) {
		AHCI_PWR(p, AHCI_P_SERR, 0xffffffff);
		return 0;
	}
	AHCI_PWR(p, AHCI_P_SERR, 0xffffffff);
	if (ahci_wait(p, AHCI_P_TFD, ATA_S_BUSY | ATA_S_DRQ, 0, 5000)) {
		device_printf(ch->dev, "device stays busy after reset\n");
		return 0;
	}
	AHCI_PWR(p, AHCI_P_IS, 0xffffffff);
	ahci_port_start(p);
	sig = AHCI_PRD(p, AHCI_P_SIG);
	if (sig != AHCI_P_SIG_ATA) {
		device_printf(ch->dev, "signature %#x: not an ATA disk\n", sig);
		return 0;
	}
	return 1;
}

static u_int8_t ahci_opcode(struct ata_channel *ch, struct ata_request *req)
{
	int dev48 = (ch->ident[0][ATA_ID_CMDSET2] & ATA_CMDSET2_48BIT) != 0;

	switch (req->command) {
	case ATA_READ:
		return dev48 ? ATA_READ_DMA48 : ATA_READ_DMA;
	case ATA_WRITE:
		return dev48 ? ATA_WRITE_DMA48 : ATA_WRITE_DMA;
	case ATA_FLUSHCACHE:
		return dev48 ? ATA_FLUSHCACHE48 : ATA_FLUSHCACHE;
	default:
		return req->command;
	}
}

static int ahci_begin(struct ata_channel *ch, struct ata_request *req)
{
	struct ahci_port *p = ch->hw_priv;
	struct ahci_cmd_header *hdr =
	    (struct ahci_cmd_header *)((u_int8_t *)p->work.virt + AHCI_WORK_CL);
	u_int8_t *fis = (u_int8_t *)p->work.virt + AHCI_WORK_CT + AHCI_CT_CFIS;
	struct ahci_prd *prd = (struct ahci_prd *)((u_int8_t *)p->work.virt +
	                                           AHCI_WORK_CT + AHCI_CT_PRDT);
	u_int8_t cmd = ahci_opcode(ch, req);
	int data = (req->flags & (ATA_R_READ | ATA_R_WRITE)) != 0;
	u_int16_t flags = 5; /* the H2D FIS is five dwords */

	bzero(fis, 64);
	fis[0] = AHCI_FIS_H2D;
	fis[1] = AHCI_FIS_CMD;
	fis[2] = cmd;
	fis[3] = (u_int8_t)req->feature;
	if (cmd != ATA_ATA_IDENTIFY) {
		fis[4] = (u_int8_t)req->lba;
		fis[5] = (u_int8_t)(req->lba >> 8);
		fis[6] = (u_int8_t)(req->lba >> 16);
		fis[7] = ATA_D_LBA;
		fis[8] = (u_int8_t)(req->lba >> 24);
		fis[9] = (u_int8_t)(req->lba >> 32);
		fis[10] = (u_int8_t)(req->lba >> 40);
		fis[11] = (u_int8_t)(req->feature >> 8);
		fis[12] = (u_int8_t)req->count;
		fis[13] = (u_int8_t)(req->count >> 8);
		if (cmd == ATA_READ_DMA || cmd == ATA_WRITE_DMA)
			fis[7] |= (u_int8_t)((req->lba >> 24) & 0xf);
	}
	if (data) {
		req->flags |= ATA_R_DMA;
		ata_dma_pre(ch, req);
		prd[0].dba = htole64(ch->dma_addr);
		prd[0].reserved = 0;
		prd[0].dbc = htole32((req->bytecount - 1) | 0x80000000u);
	}
	if (req->flags & ATA_R_WRITE)
		flags |= AHCI_CMD_WRITE;
	hdr->flags = htole16(flags);
	hdr->prdtl = htole16(data ? 1 : 0);
	hdr->prdbc = 0;
	hdr->ctba = htole64(p->work.bus + AHCI_WORK_CT);
	bus_dmamap_sync(p->work.tag, p->work.map,
	                BUS_DMASYNC_PREREAD | BUS_DMASYNC_PREWRITE);
	__atomic_store_n(&p->is_seen, 0, __ATOMIC_RELAXED);
	AHCI_PWR(p, AHCI_P_CI, 1);
	return ATA_OP_CONTINUES;
}

static int ahci_end(struct ata_channel *ch, struct ata_request *req)
{
	struct ahci_port *p = ch->hw_priv;
	u_int32_t is, tfd, ci;

	is = AHCI_PRD(p, AHCI_P_IS);
	AHCI_PWR(p, AHCI_P_IS, is);
	is |= __atomic_exchange_n(&p->is_seen, 0, __ATOMIC_ACQ_REL);
	ci = AHCI_PRD(p, AHCI_P_CI);
	tfd = AHCI_PRD(p, AHCI_P_TFD);
	if (!(is & AHCI_P_IX_ERRORS) && (ci & 1))
		return ATA_OP_CONTINUES;
	bus_dmamap_sync(p->work.tag, p->work.map,
	                BUS_DMASYNC_POSTREAD | BUS_DMASYNC_POSTWRITE);
	req->status = (u_int8_t)tfd;
	if ((is & AHCI_P_IX_ERRORS) || (tfd & ATA_S_ERROR)) {
		req->error = (u_int8_t)(tfd >> 8);
		req->result = EIO;
		device_printf(ch->dev,
		              "command %#x failed: IS %#x TFD %#x SERR %#x\n",
		              req->command, is, tfd, AHCI_PRD(p, AHCI_P_SERR));
		/* AHCI 1.3 6.2.2: stop, clear the errors, start again. */
		ahci_port_stop(p);
		AHCI_PWR(p, AHCI_P_SERR, 0xffffffff);
		AHCI_PWR(p, AHCI_P_IS, 0xffffffff);
		ahci_port_start(p);
	} else if (req->flags & ATA_R_DMA) {
		req->donecount = req->bytecount;
	}
	if (req->flags & ATA_R_DMA)
		ata_dma_post(ch, req);
	return ATA_OP_FINISHED;
}

static void ahci_stray(struct ata_channel *ch)
{
	struct ahci_port *p = ch->hw_priv;

	AHCI_PWR(p, AHCI_P_IS, AHCI_PRD(p, AHCI_P_IS));
	__atomic_store_n(&p->is_seen, 0, __ATOMIC_RELAXED);
}

static const struct ata_hw ahci_hw = {
    .setup = ahci_ch_setup,
    .teardown = ahci_ch_teardown,
    .reset = ahci_ch_reset,
    .begin = ahci_begin,
    .end = ahci_end,
    .stray = ahci_stray,
};

static void ahci_intr(void *arg)
{
	struct ahci_softc *sc = arg;
	u_int32_t is = AHCI_RD(sc, AHCI_IS);
	int i;

	mtx_lock(&sc->ch_mtx);
	for (i = 0; i < 32; i++) {
		struct ahci_port *p = &sc->ports[i];
		struct ata_channel *ch;
		u_int32_t pis;

		if (!(is & (1u << i)))
			continue;
		/* PxIS before IS, or the HBA raises IS again at once. */
		pis = AHCI_PRD(p, AHCI_P_IS);
		AHCI_PWR(p, AHCI_P_IS, pis);
		__atomic_fetch_or(&p->is_seen, pis, __ATOMIC_ACQ_REL);
		ch = __atomic_load_n(&p->ch, __ATOMIC_ACQUIRE);
		if (ch)
			ata_channel_intr(ch);
	}
	mtx_unlock(&sc->ch_mtx);
	AHCI_WR(sc, AHCI_IS, is);
}

static int ahci_probe(device_t dev)
{
	if (pci_get_devid(dev) == 0x29228086) {
		device_set_desc(dev, "Intel ICH9 AHCI SATA controller");
		return BUS_PROBE_DEFAULT;
	}
	if (pci_get_class(dev) == PCIC_STORAGE &&
	    pci_get_subclass(dev) == PCIS_STORAGE_SATA &&
	    pci_get_progif(dev) == PCIP_STORAGE_SATA_AHCI_1_0) {
		device_set_desc(dev, "AHCI SATA controller");
		return BUS_PROBE_GENERIC;
	}
	return ENXIO;
}

static int ahci_hba_reset(struct ahci_softc *sc)
{
	int t;

	/* AHCI mode first: HR is only defined with AE set. */
	AHCI_WR(sc, AHCI_GHC, AHCI_GHC_AE);
	AHCI_WR(sc, AHCI_GHC, AHCI_GHC_AE | AHCI_GHC_HR);
	for (t = 0; t < 1000 && (AHCI_RD(sc, AHCI_GHC) & AHCI_GHC_HR); t++)
		DELAY(1000);
	if (AHCI_RD(sc, AHCI_GHC) & AHCI_GHC_HR)
		return ETIMEDOUT;
	AHCI_WR(sc, AHCI_GHC, AHCI_GHC_AE);
	return 0;
}

static void ahci_release(struct ahci_softc *sc)
{
	if (sc->ih)
		bus_teardown_intr(sc->dev, sc->r_irq, sc->ih);
	sc->ih = NULL;
	if (sc->r_irq)
		bus_release_resource(sc->dev, SYS_RES_IRQ, sc->r_irq_rid,
		                     sc->r_irq);
	if (sc->r_mem)
		bus_release_resource(sc->dev, SYS_RES_MEMORY, sc->r_mem_rid,
		                     sc->r_mem);
	sc->r_irq = sc->r_mem = NULL;
	if (mtx_initialized(&sc->ch_mtx))
		mtx_destroy(&sc->ch_mtx);
}

static int ahci_attach(device_t dev)
{
	struct ahci_softc *sc = device_get_softc(dev);
	int i, err;

	sc->dev = dev;
	mtx_init(&sc->ch_mtx, "ahci channels", NULL, MTX_DEF);
	sc->r_mem_rid = PCIR_BAR(5);
	sc->r_mem = bus_alloc_resource_any(dev, SYS_RES_MEMORY, &sc->r_mem_rid,
	                                   RF_ACTIVE);
	if (!sc->r_mem) {
		device_printf(dev, "cannot map the ABAR (BAR5)\n");
		mtx_destroy(&sc->ch_mtx);
		return ENXIO;
	}
	pci_enable_busmaster(dev);
	err = ahci_hba_reset(sc);
	if (err) {
		device_printf(dev, "HBA reset did not complete\n");
		goto fail;
	}
	sc->cap = AHCI_RD(sc, AHCI_CAP);
	sc->pi = AHCI_RD(sc, AHCI_PI);
	sc->r_irq_rid = 0;
	sc->r_irq = bus_alloc_resource_any(dev, SYS_RES_IRQ, &sc->r_irq_rid,
	                                   RF_ACTIVE | RF_SHAREABLE);
	if (!sc->r_irq ||
	    bus_setup_intr(dev, sc->r_irq, INTR_TYPE_BIO | INTR_MPSAFE, NULL,
	                   ahci_intr, sc, &sc->ih)) {
		sc->ih = NULL;
		sc->polled = 1;
	}
	device_printf(dev, "AHCI %x.%x, %d ports (PI %#x), %s%s\n",
	              AHCI_RD(sc, AHCI_VS) >> 16, AHCI_RD(sc, AHCI_VS) & 0xffff,
	              (int)(sc->cap & AHCI_CAP_NPMASK) + 1, sc->pi,
	              (sc->cap & AHCI_CAP_64BIT) ? "64-bit DMA, " : "",
	              sc->polled ? "polled (no interrupt)" : "interrupts");
	AHCI_WR(sc, AHCI_IS, 0xffffffff);
	if (!sc->polled)
		AHCI_WR(sc, AHCI_GHC, AHCI_GHC_AE | AHCI_GHC_IE);
	for (i = 0; i < 32; i++) {
		device_t child;

		if (!(sc->pi & (1u << i)))
			continue;
		sc->ports[i].sc = sc;
		sc->ports[i].port = i;
		sc->args[i] = (struct ata_attach_args){
		    .hw = &ahci_hw,
		    .hw_priv = &sc->ports[i],
		    .unit = i,
		    .max_iosize = AHCI_MAXIO,
		    .ndevs = 1,
		};
		child = device_add_child(dev, "ata", -1);
		if (child)
			device_set_ivars(child, &sc->args[i]);
	}
	return bus_generic_attach(dev);

fail:
	ahci_release(sc);
	return err;
}

static int ahci_detach(device_t dev)
{
	struct ahci_softc *sc = device_get_softc(dev);
	int err;

	err = bus_generic_detach(dev);
	if (err)
		return err;
	ata_delete_children(dev);
	AHCI_WR(sc, AHCI_GHC, AHCI_GHC_AE);
	ahci_release(sc);
	return 0;
}

static device_method_t ahci_methods[] = {
    DEVMETHOD(device_probe, ahci_probe),
    DEVMETHOD(device_attach, ahci_attach),
    DEVMETHOD(device_detach, ahci_detach),
    DEVMETHOD(bus_print_child, bus_generic_print_child),
    DEVMETHOD(bus_alloc_resource, bus_generic_alloc_resource),
    DEVMETHOD(bus_release_resource, bus_generic_release_resource),
    DEVMETHOD(bus_setup_intr, bus_generic_setup_intr),
    DEVMETHOD(bus_teardown_intr, bus_generic_teardown_intr),
    DEVMETHOD_END,
};

static driver_t ahci_driver = {
    "ahci",
    ahci_methods,
    sizeof(struct ahci_softc),
};

static devclass_t ahci_devclass;

DRIVER_MODULE(ahci, pci, ahci_driver, ahci_devclass, 0, 0);
MODULE_VERSION(ahci, 1);
MODULE_DEPEND(ahci, ata, 1, 1, 1);
