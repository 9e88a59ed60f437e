/*
 * ata-all.h — the ATA framework: channels, requests, the hooks a
 * controller driver (atapci, ahci) gives each channel.
 *
 * A controller adds one "ata" child per channel (an IDE channel, an AHCI
 * port) with a struct ata_attach_args as ivars. The channel driver
 * (ata-all.c) queues requests and runs them one at a time through the
 * controller's hooks, driven by interrupts or, when the controller has
 * none to give, by polling in the submitting thread; it identifies the
 * devices and adds an "ad" child (ata-disk.c) for each disk.
 */
#ifndef _ATA_ATA_ALL_H_
#define _ATA_ATA_ALL_H_

#include <sys/param.h>
#include <sys/bus.h>
#include <sys/callout.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/queue.h>
#include <machine/bus.h>

struct ata_channel;
struct ata_request;

/* begin/end results */
#define ATA_OP_FINISHED  0
#define ATA_OP_CONTINUES 1

struct ata_hw {
	/* Claim resources and set the channel up (its thread may sleep). */
	int (*setup)(struct ata_channel *ch);
	void (*teardown)(struct ata_channel *ch);
	/* Reset the channel; returns a mask of present devices (bit per
	 * unit). Called with the channel idle. */
	int (*reset)(struct ata_channel *ch);
	/* Start @req: ATA_OP_CONTINUES, or ATA_OP_FINISHED with
	 * req->result set when it could not be started. */
	int (*begin)(struct ata_channel *ch, struct ata_request *req);
	/* The device signalled (interrupt or poll): ATA_OP_CONTINUES when
	 * it is not done (or the interrupt was not ours), else
	 * ATA_OP_FINISHED with req->result and req->donecount set. */
	int (*end)(struct ata_channel *ch, struct ata_request *req);
	/* An interrupt while nothing runs: quiet the device. */
	void (*stray)(struct ata_channel *ch);
};

struct ata_attach_args {
	const struct ata_hw *hw;
	void *hw_priv; /* the controller's, for its hooks */
	int unit;      /* channel (IDE) or port (AHCI) number */
	u_int max_iosize;
	int ndevs; /* units per channel: 2 for IDE, 1 for AHCI */
};

/* Request flags */
#define ATA_R_READ    0x01
#define ATA_R_WRITE   0x02
#define ATA_R_CONTROL 0x04 /* no data */
#define ATA_R_DMA     0x08
#define ATA_R_48BIT   0x10

struct ata_request {
	struct ata_channel *ch;
	int unit;
	u_int8_t command;
	u_int16_t feature;
	u_int64_t lba;
	u_int32_t count; /* sectors (the command's count field) */
	caddr_t data;
	u_int32_t bytecount;
	u_int32_t donecount; /* bytes done */
	int flags;
	int timeout; /* seconds */
	int result;  /* 0 or an errno */
	u_int8_t status, error;
	/* Called once, without channel locks; NULL for ata_request_wait. */
	void (*callback)(struct ata_request *req);
	void *driver; /* the caller's (ad: the bio) */
	int done;     /* for synchronous callers */
	TAILQ_ENTRY(ata_request) chain;
};

#define ATA_IDENT_WORDS 256

/* One block of device-reachable memory, loaded as a single segment. */
struct ata_dmamem {
	bus_dma_tag_t tag;
	bus_dmamap_t map;
	void *virt;
	bus_addr_t bus;
};

struct ata_channel {
	device_t dev;
	const struct ata_hw *hw;
	void *hw_priv;
	int unit;
	int ndevs;
	u_int max_iosize;
	int polled;  /* no interrupt: hooks are polled */
	int present; /* units found by reset */
	u_int16_t ident[2][ATA_IDENT_WORDS];
	struct mtx state_mtx;
	struct ata_request *running;
	TAILQ_HEAD(, ata_request) queue;
	int poll_busy; /* a thread is polling the queue through */
	struct callout timeout;
	/* What the controller driver keeps per channel. */
	struct resource *r_io, *r_ctl, *r_irq;
	int r_io_rid, r_ctl_rid, r_irq_rid;
	void *ih;
	struct resource *r_bm; /* IDE: the controller's bus-master block */
	bus_size_t bm_base;    /* this channel's registers in it */
	int has_dma;
	/* DMA straight to the caller's buffer when bus_dma can load it as
	 * one segment the device reaches (data_tag), else through a bounce
	 * buffer of one transfer's worth: dma_addr is the current request's
	 * address, direct says which. */
	bus_dma_tag_t data_tag;
	bus_dmamap_t data_map;
	struct ata_dmamem buf;
	bus_addr_t dma_addr;
	int direct;
	/* IDE bus-master DMA: the PRD table. */
	struct ata_dmamem prd;
	u_int32_t pio_left; /* PIO: bytes still to move */
};

/* ata-all.c */
extern devclass_t ata_devclass;
/* Delete every child of @dev (after bus_generic_detach). */
void ata_delete_children(device_t dev);
void ata_queue_request(struct ata_request *req);
/* Run @req and sleep until it finished; its result. */
int ata_request_wait(struct ata_request *req);
/* The channel's interrupt: the controller's handler calls it (ithread). */
void ata_channel_intr(void *arg);
/* The model and serial number of @unit, as C strings. */
void ata_ident_string(const u_int16_t *ident, int word, int nwords, char *out,
                      size_t size);
u_int64_t ata_ident_sectors(const u_int16_t *ident);

/* ata-dma.c: @size bytes of zeroed memory the device reaches as one
 * segment, aligned to @align, not crossing @boundary (0: any), below
 * @lowaddr; 0 or an errno. ata_dmamem_free() takes a never-allocated or
 * already freed block too. */
int ata_dmamem_alloc(device_t dev, struct ata_dmamem *m, bus_size_t size,
                     bus_size_t align, bus_size_t boundary, bus_addr_t lowaddr);
void ata_dmamem_free(struct ata_dmamem *m);
/* The channel's DMA set-up for data: the bounce buffer (max_iosize bytes,
 * 32-bit bus addresses when @addr32), for hooks that do DMA. */
int ata_dma_alloc(struct ata_channel *ch, int addr32);
void ata_dma_free(struct ata_channel *ch);
/* Before a transfer: load the caller's buffer, or copy write data into
 * the bounce buffer; sets dma_addr. After it: unload, or copy read data
 * out. */
void ata_dma_pre(struct ata_channel *ch, struct ata_request *req);
void ata_dma_post(struct ata_channel *ch, struct ata_request *req);

/* ata-lowlevel.c: the task-file hooks of IDE channels (r_io, r_ctl and,
 * with has_dma, the bus-master registers at r_bm + bm_base). */
int ata_tf_reset(struct ata_channel *ch);
int ata_tf_begin(struct ata_channel *ch, struct ata_request *req);
int ata_tf_end(struct ata_channel *ch, struct ata_request *req);
void ata_tf_stray(struct ata_channel *ch);

#endif /* _ATA_ATA_ALL_H_ */
