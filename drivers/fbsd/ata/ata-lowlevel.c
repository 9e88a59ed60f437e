/*
 * ata-lowlevel.c — the task-file protocol of IDE channels: reset and
 * device detection, LBA28/LBA48 commands, PIO data-in/data-out a sector
 * per DRQ, and SFF-8038i bus-master DMA through the PRD table.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/endian.h>
#include <sys/errno.h>
#include <sys/rman.h>
#include <machine/bus.h>
#include <machine/bus_dma.h>

#include "ata-all.h"
#include "atareg.h"

#define ATA_SECTOR    512
#define ATA_LBA28_MAX 0x0fffffffULL

#define ATA_IDX_INB(ch, reg)     bus_read_1((ch)->r_io, (reg))
#define ATA_IDX_OUTB(ch, reg, v) bus_write_1((ch)->r_io, (reg), (v))
#define ATA_ALT_INB(ch)          bus_read_1((ch)->r_ctl, ATA_ALTSTAT)
#define ATA_CTL_OUTB(ch, v)      bus_write_1((ch)->r_ctl, ATA_CONTROL, (v))
#define ATA_BM_INB(ch, reg)      bus_read_1((ch)->r_bm, (ch)->bm_base + (reg))
#define ATA_BM_OUTB(ch, reg, v)                                                \
	bus_write_1((ch)->r_bm, (ch)->bm_base + (reg), (v))
#define ATA_BM_OUTL(ch, reg, v)                                                \
	bus_write_4((ch)->r_bm, (ch)->bm_base + (reg), (v))

/* Wait until BSY is clear (and @mask bits set), at most @usec; the last
 * status read, or -1 on timeout. */
static int ata_wait(struct ata_channel *ch, u_int8_t mask, int usec)
{
	u_int8_t st;
	int t;

	for (t = 0; t < usec; t += 10) {
		st = ATA_ALT_INB(ch);
		if (st != 0xff && !(st & ATA_S_BUSY) && (st & mask) == mask)
			return st;
		DELAY(10);
	}
	return -1;
}

static u_int8_t ata_ctl_bits(struct ata_channel *ch)
{
	/* The bus-master engine sets its interrupt bit from the device's
	 * INTRQ, so a polled channel that does DMA must let the device
	 * interrupt (nobody listens to the line). */
	return ch->polled && !ch->has_dma ? ATA_A_IDS : 0;
}

int ata_tf_reset(struct ata_channel *ch)
{
	int unit, mask = 0;

	/* Software reset of both devices (ATA/ATAPI-6 9.2). */
	ATA_IDX_OUTB(ch, ATA_DRIVE, ATA_D_IBM | ATA_DEV(0));
	DELAY(10);
	ATA_CTL_OUTB(ch, ATA_A_IDS | ATA_A_RESET);
	DELAY(20);
	ATA_CTL_OUTB(ch, ATA_A_IDS);
	DELAY(2000);
	for (unit = 0; unit < ch->ndevs; unit++) {
		int st;

		ATA_IDX_OUTB(ch, ATA_DRIVE, ATA_D_IBM | ATA_DEV(unit));
		DELAY(10);
		st = ATA_ALT_INB(ch);
		/* 0xff: nothing drives the bus; 0: no device selected. */
		if (st == 0xff || st == 0x00)
			continue;
		st = ata_wait(ch, 0, 3000000);
		if (st < 0 || !(st & ATA_S_READY))
			continue;
		/* An ATAPI device leaves 0x14/0xeb in the LBA registers. */
		if (ATA_IDX_INB(ch, ATA_LBA1) == 0x14 &&
		    ATA_IDX_INB(ch, ATA_LBA2) == 0xeb)
			continue;
		mask |= 1 << unit;
	}
	ATA_IDX_OUTB(ch, ATA_DRIVE, ATA_D_IBM | ATA_DEV(0));
	ATA_CTL_OUTB(ch, ata_ctl_bits(ch));
	if (ch->has_dma) {
		ATA_BM_OUTB(ch, ATA_BMCMD, 0);
		ATA_BM_OUTB(ch, ATA_BMSTAT,
		            ATA_BM_INB(ch, ATA_BMSTAT) | ATA_BMSTAT_INTERRUPT |
		                ATA_BMSTAT_ERROR);
	}
	return mask;
}

static void ata_tf_command(struct ata_channel *ch, struct ata_request *req,
                           u_int8_t cmd, int use48)
{
	u_int64_t lba = req->lba;
	u_int32_t count = req->count;
	u_int8_t dev = ATA_D_IBM | ATA_DEV(req->unit);

	if (cmd == ATA_ATA_IDENTIFY) {
		ATA_IDX_OUTB(ch, ATA_DRIVE, dev);
	} else if (use48) {
		/* Each register is a FIFO of two: the high byte first. */
		ATA_IDX_OUTB(ch, ATA_FEATURE, req->feature >> 8);
		ATA_IDX_OUTB(ch, ATA_FEATURE, req->feature);
		ATA_IDX_OUTB(ch, ATA_COUNT, count >> 8);
		ATA_IDX_OUTB(ch, ATA_COUNT, count);
		ATA_IDX_OUTB(ch, ATA_LBA0, lba >> 24);
		ATA_IDX_OUTB(ch, ATA_LBA0, lba);
		ATA_IDX_OUTB(ch, ATA_LBA1, lba >> 32);
		ATA_IDX_OUTB(ch, ATA_LBA1, lba >> 8);
		ATA_IDX_OUTB(ch, ATA_LBA2, lba >> 40);
		ATA_IDX_OUTB(ch, ATA_LBA2, lba >> 16);
		ATA_IDX_OUTB(ch, ATA_DRIVE, dev | ATA_D_LBA);
	} else {
		ATA_IDX_OUTB(ch, ATA_FEATURE, req->feature);
		ATA_IDX_OUTB(ch, ATA_COUNT, count);
		ATA_IDX_OUTB(ch, ATA_LBA0, lba);
		ATA_IDX_OUTB(ch, ATA_LBA1, lba >> 8);
		ATA_IDX_OUTB(ch, ATA_LBA2, lba >> 16);
		ATA_IDX_OUTB(ch, ATA_DRIVE,
		             dev | ATA_D_LBA | ((lba >> 24) & 0xf));
	}
	ATA_IDX_OUTB(ch, ATA_COMMAND, cmd);
}

/* The opcode for @req on this channel; sets ATA_R_DMA / ATA_R_48BIT. */
static u_int8_t ata_tf_opcode(struct ata_channel *ch, struct ata_request *req)
{
	int use48 = req->lba + req->count > ATA_LBA28_MAX || req->count > 256;

	if (use48)
		req->flags |= ATA_R_48BIT;
	switch (req->command) {
	case ATA_READ:
	case ATA_WRITE:
		if (ch->has_dma)
			req->flags |= ATA_R_DMA;
		if (req->command == ATA_READ)
			return ch->has_dma
			           ? (use48 ? ATA_READ_DMA48 : ATA_READ_DMA)
			           : (use48 ? ATA_READ48 : ATA_READ);
		return ch->has_dma ? (use48 ? ATA_WRITE_DMA48 : ATA_WRITE_DMA)
		                   : (use48 ? ATA_WRITE48 : ATA_WRITE);
	case ATA_FLUSHCACHE:
		return use48 ? ATA_FLUSHCACHE48 : ATA_FLUSHCACHE;
	default:
		return req->command;
	}
}

static void ata_tf_fill_prd(struct ata_channel *ch, u_int32_t len)
{
	struct ata_prd *prd = ch->prd.virt;
	bus_addr_t addr = ch->dma_addr;
	int i = 0;

	/* The data is one segment; cut it where 64 KiB boundaries fall. */
	while (len) {
		u_int32_t room =
		    ATA_PRD_BOUNDARY - (addr & (ATA_PRD_BOUNDARY - 1));
		u_int32_t n = MIN(len, room);

		prd[i].addr = htole32((u_int32_t)addr);
		prd[i].count = htole32(n & 0xffff);
		addr += n;
		len -= n;
		i++;
	}
	prd[i - 1].count |= htole32(ATA_PRD_EOT);
	bus_dmamap_sync(ch->prd.tag, ch->prd.map, BUS_DMASYNC_PREWRITE);
}

static void ata_pio_out(struct ata_channel *ch, struct ata_request *req)
{
	bus_write_multi_2(ch->r_io, ATA_DATA,
	                  (u_int16_t *)(req->data + req->donecount),
	                  ATA_SECTOR / 2);
	req->donecount += ATA_SECTOR;
	ch->pio_left -= ATA_SECTOR;
}

static void ata_pio_in(struct ata_channel *ch, struct ata_request *req)
{
	bus_read_multi_2(ch->r_io, ATA_DATA,
	                 (u_int16_t *)(req->data + req->donecount),
	                 ATA_SECTOR / 2);
	req->donecount += ATA_SECTOR;
	ch->pio_left -= ATA_SECTOR;
}

int ata_tf_begin(struct ata_channel *ch, struct ata_request *req)
{
	u_int8_t cmd = ata_tf_opcode(ch, req);

	ATA_IDX_OUTB(ch, ATA_DRIVE, ATA_D_IBM | ATA_DEV(req->unit));
	if (ata_wait(ch, 0, 1000000) < 0) {
		req->result = EBUSY;
		return ATA_OP_FINISHED;
	}
	ch->pio_left = req->bytecount;
	if (req->flags & ATA_R_DMA) {
		ata_dma_pre(ch, req);
		ata_tf_fill_prd(ch, req->bytecount);
		ATA_BM_OUTB(ch, ATA_BMCMD, 0);
		ATA_BM_OUTL(ch, ATA_BMDTP, (u_int32_t)ch->prd.bus);
		ATA_BM_OUTB(ch, ATA_BMSTAT,
		            ATA_BM_INB(ch, ATA_BMSTAT) | ATA_BMSTAT_INTERRUPT |
		                ATA_BMSTAT_ERROR);
		ATA_BM_OUTB(ch, ATA_BMCMD,
		            (req->flags & ATA_R_READ) ? ATA_BMCMD_TO_MEM : 0);
		ata_tf_command(ch, req, cmd, req->flags & ATA_R_48BIT);
		ATA_BM_OUTB(ch, ATA_BMCMD,
		            ATA_BM_INB(ch, ATA_BMCMD) | ATA_BMCMD_START);
		return ATA_OP_CONTINUES;
	}
	ata_tf_command(ch, req, cmd, req->flags & ATA_R_48BIT);
	if (req->flags & ATA_R_WRITE) {
		/* Data-out: the first sector goes without an interrupt. */
		int st = ata_wait(ch, ATA_S_DRQ, 1000000);

		if (st < 0 || (st & ATA_S_ERROR)) {
			req->status = ATA_IDX_INB(ch, ATA_STATUS);
			req->error = ATA_IDX_INB(ch, ATA_ERROR);
			req->result = EIO;
			return ATA_OP_FINISHED;
		}
		ata_pio_out(ch, req);
	}
	return ATA_OP_CONTINUES;
}

static int ata_tf_end_dma(struct ata_channel *ch, struct ata_request *req)
{
	u_int8_t bm = ATA_BM_INB(ch, ATA_BMSTAT);

	if (!(bm & ATA_BMSTAT_INTERRUPT) || (ATA_ALT_INB(ch) & ATA_S_BUSY))
		return ATA_OP_CONTINUES;
	ATA_BM_OUTB(ch, ATA_BMCMD,
	            ATA_BM_INB(ch, ATA_BMCMD) & ~ATA_BMCMD_START);
	ATA_BM_OUTB(ch, ATA_BMSTAT,
	            bm | ATA_BMSTAT_INTERRUPT | ATA_BMSTAT_ERROR);
	req->status = ATA_IDX_INB(ch, ATA_STATUS);
	if ((req->status & (ATA_S_ERROR | ATA_S_DWF)) ||
	    (bm & ATA_BMSTAT_ERROR)) {
		req->error = ATA_IDX_INB(ch, ATA_ERROR);
		req->result = EIO;
	} else {
		req->donecount = req->bytecount;
	}
	ata_dma_post(ch, req);
	return ATA_OP_FINISHED;
}

int ata_tf_end(struct ata_channel *ch, struct ata_request *req)
{
	if (req->flags & ATA_R_DMA)
		return ata_tf_end_dma(ch, req);
	if (ATA_ALT_INB(ch) & ATA_S_BUSY)
		return ATA_OP_CONTINUES;
	req->status = ATA_IDX_INB(ch, ATA_STATUS);
	if (req->status & (ATA_S_ERROR | ATA_S_DWF)) {
		req->error = ATA_IDX_INB(ch, ATA_ERROR);
		req->result = EIO;
		return ATA_OP_FINISHED;
	}
	if (req->flags & ATA_R_READ) {
		if (!(req->status & ATA_S_DRQ)) {
			req->result = EIO;
			return ATA_OP_FINISHED;
		}
		ata_pio_in(ch, req);
		return ch->pio_left ? ATA_OP_CONTINUES : ATA_OP_FINISHED;
	}
	if ((req->flags & ATA_R_WRITE) && ch->pio_left) {
		if (!(req->status & ATA_S_DRQ)) {
			req->result = EIO;
			return ATA_OP_FINISHED;
		}
		ata_pio_out(ch, req);
		return ATA_OP_CONTINUES;
	}
	return ATA_OP_FINISHED;
}

void ata_tf_stray(struct ata_channel *ch)
{
	(void)ATA_IDX_INB(ch, ATA_STATUS);
	if (ch->has_dma)
		ATA_BM_OUTB(ch, ATA_BMSTAT,
		            ATA_BM_INB(ch, ATA_BMSTAT) | ATA_BMSTAT_INTERRUPT);
}
