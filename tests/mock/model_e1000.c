/*
 * model_e1000.c — "intel,82540em": the Intel 82540EM gigabit controller
 * (QEMU's "e1000") at register level, from the 8254x Software Developer's
 * Manual (SDM) and, where the two differ, QEMU's observable behaviour.
 *
 * BAR0 (128 KiB memory) holds the registers, BAR1 (I/O) the IOADDR/IODATA
 * window onto them. Modelled: CTRL.RST (self-clearing at once), STATUS.LU
 * from the link state, EERD reads of a 64-word EEPROM (MAC from the tree's
 * "mac-address", checksum word making the sum 0xBABA), ICR read-to-clear,
 * ICS, IMS/IMC, INTx level = (ICR & IMS) != 0, legacy transmit and receive
 * descriptors, receive filtering per RCTL (UPE, MPE, BAM, the receive
 * address registers, the MTA hash with its four MO offsets), RDMTS,
 * SECRC (without it four FCS bytes are appended, as QEMU does), TCTL.PSP
 * padding, and the read-to-clear statistics MPC, GPRC, GPTC. Registers
 * not listed are plain storage. Only 32-bit accesses reach registers.
 *
 * When the device touches memory: only inside a register access of the
 * driver (ICR read, IMS/RDT/TDT write), on the driver's own thread. A frame
 * that arrives (mock_e1000_inject) waits in the receive FIFO, like the
 * packet buffer of the real part, and raises RXT0 at once; the next of
 * those accesses writes it into descriptors before the register answers,
 * so a driver that saw RXT0 in ICR finds the frame written. This keeps
 * every device write ordered (by the device lock) before the driver's
 * reads of it, as the driver's own barriers order them on real hardware.
 *
 * Transmit processing runs on a TDT write from TDH up to TDT; each frame
 * (descriptors up to EOP) goes to a capture queue the test reads, unless
 * the link is down (then it is lost, as on a cable that is unplugged).
 * Descriptors with DEXT (context and extended data) are completed without
 * sending anything: the model knows legacy descriptors only.
 */
#include "mock_internal.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#define BAR0_SIZE 0x20000u
#define NREGS     (BAR0_SIZE / 4)

/* Register offsets (SDM table 13-2). */
#define CTRL      0x00000u
#define STATUS    0x00008u
#define EECD      0x00010u
#define EERD      0x00014u
#define ICR       0x000c0u
#define ICS       0x000c8u
#define IMS       0x000d0u
#define IMC       0x000d8u
#define RCTL      0x00100u
#define TCTL      0x00400u
#define RDBAL     0x02800u
#define RDBAH     0x02804u
#define RDLEN     0x02808u
#define RDH       0x02810u
#define RDT       0x02818u
#define TDBAL     0x03800u
#define TDBAH     0x03804u
#define TDLEN     0x03808u
#define TDH       0x03810u
#define TDT       0x03818u
#define STATS     0x04000u /* 0x4000-0x40ff: statistics, read to clear */
#define STATS_END 0x04100u
#define MPC       0x04010u
#define GPRC      0x04074u
#define GPTC      0x04080u
#define MTA       0x05200u
#define RA        0x05400u
#define RA_COUNT  16u

#define CTRL_RST      0x04000000u
#define STATUS_FD     0x00000001u
#define STATUS_LU     0x00000002u
#define STATUS_1000   0x00000080u
#define EECD_PRES     0x00000100u
#define EERD_START    0x00000001u
#define EERD_DONE     0x00000010u
#define ICR_TXDW      0x00000001u
#define ICR_TXQE      0x00000002u
#define ICR_LSC       0x00000004u
#define ICR_RXDMT0    0x00000010u
#define ICR_RXO       0x00000040u
#define ICR_RXT0      0x00000080u
#define RCTL_EN       0x00000002u
#define RCTL_UPE      0x00000008u
#define RCTL_MPE      0x00000010u
#define RCTL_LPE      0x00000020u
#define RCTL_RDMTS(r) (((r) >> 8) & 3u)
#define RCTL_MO(r)    (((r) >> 12) & 3u)
#define RCTL_BAM      0x00008000u
#define RCTL_BSIZE(r) (((r) >> 16) & 3u)
#define RCTL_BSEX     0x02000000u
#define RCTL_SECRC    0x04000000u
#define TCTL_EN       0x00000002u
#define TCTL_PSP      0x00000008u
#define RAH_AV        0x80000000u

#define TXD_EOP  0x01u
#define TXD_RS   0x08u
#define TXD_DEXT 0x20u
#define DESC_DD  0x01u
#define RXD_EOP  0x02u

#define EEPROM_WORDS 64u
#define EEPROM_SUM   0xbabau
#define MIN_FRAME    60u    /* without FCS */
#define MAX_FRAME    1522u  /* with a VLAN tag, without FCS, LPE off */
#define MAX_LONG     16128u /* LPE on */
#define RX_FIFO      64u    /* frames the packet buffer holds */

struct frame {
	struct frame *next;
	size_t len;
	uint8_t data[];
};

struct queue {
	struct frame *head, *tail;
	unsigned count;
};

struct e1000m {
	uint32_t reg[NREGS];
	uint16_t eeprom[EEPROM_WORDS];
	uint8_t mac[6];
	uint32_t ioaddr;
	bool link_up;
	bool tx_paused;
	uint8_t tx[MAX_LONG]; /* frame being gathered from descriptors */
	size_t tx_len;
	bool tx_overrun;
	struct queue wire; /* transmitted frames for the test */
	struct queue fifo; /* received frames waiting for descriptors */
};

static struct frame *frame_new(const void *data, size_t len, size_t room)
{
	struct frame *f = calloc(1, sizeof(*f) + room);

	if (f) {
		memcpy(f->data, data, len);
		f->len = len;
	}
	return f;
}

static void queue_put(struct queue *q, struct frame *f)
{
	f->next = NULL;
	if (q->tail)
		q->tail->next = f;
	else
		q->head = f;
	q->tail = f;
	q->count++;
}

static struct frame *queue_get(struct queue *q)
{
	struct frame *f = q->head;

	if (f) {
		q->head = f->next;
		if (!q->head)
			q->tail = NULL;
		q->count--;
	}
	return f;
}

static void queue_free(struct queue *q)
{
	struct frame *f;

	while ((f = queue_get(q)))
		free(f);
}

static uint32_t *r(struct e1000m *m, uint32_t off)
{
	return &m->reg[off / 4];
}

static void stat_add(struct e1000m *m, uint32_t off)
{
	if (*r(m, off) != UINT32_MAX)
		(*r(m, off))++;
}

static void update_irq(struct mock_device *dev, struct e1000m *m)
{
	mock_device_set_irq(dev, (*r(m, ICR) & *r(m, IMS)) != 0);
}

static void cause(struct mock_device *dev, struct e1000m *m, uint32_t bits)
{
	*r(m, ICR) |= bits;
	update_irq(dev, m);
}

/* Power-on and CTRL.RST state: registers cleared, receive address 0
 * loaded from the EEPROM (SDM 5.6.1), queues emptied. */
static void reset(struct e1000m *m)
{
	memset(m->reg, 0, sizeof(m->reg));
	*r(m, RA) = (uint32_t)m->eeprom[0] | (uint32_t)m->eeprom[1] << 16;
	*r(m, RA + 4) = (uint32_t)m->eeprom[2] | RAH_AV;
	m->tx_len = 0;
	m->tx_overrun = false;
	queue_free(&m->fifo);
}

static void eeprom_seal(struct e1000m *m)
{
	uint16_t sum = 0;

	for (unsigned i = 0; i < EEPROM_WORDS - 1; i++)
		sum = (uint16_t)(sum + m->eeprom[i]);
	m->eeprom[EEPROM_WORDS - 1] = (uint16_t)(EEPROM_SUM - sum);
}

static int e1000m_create(struct mock_device *dev, const void *fdt, int node)
{
	struct e1000m *m;
	const uint8_t *mac;
	int len;

	mac = fdt_getprop(fdt, node, "mac-address", &len);
	if (!mac || len != 6) {
		mock__log("mock: %s: needs a 6-byte \"mac-address\"\n",
		          mock_device_name(dev));
		return -DDEKIT_EINVAL;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -DDEKIT_ENOMEM;
	memcpy(m->mac, mac, 6);
	for (unsigned i = 0; i < 3; i++)
		m->eeprom[i] = (uint16_t)(mac[2 * i] | mac[2 * i + 1] << 8);
	m->eeprom[0x0d] = 0x100e; /* device ID */
	m->eeprom[0x0e] = 0x8086; /* vendor ID */
	eeprom_seal(m);
	m->link_up = true;
	reset(m);
	mock_device_set_priv(dev, m);
	return 0;
}

static void e1000m_destroy(struct mock_device *dev)
{
	struct e1000m *m = mock_device_priv(dev);

	queue_free(&m->wire);
	queue_free(&m->fifo);
	free(m);
}

static uint64_t ring_base(struct e1000m *m, uint32_t bal)
{
	return (uint64_t)*r(m, bal + 4) << 32 | (*r(m, bal) & ~0xfu);
}

/* ---- transmit ------------------------------------------------------------ */

static void tx_frame_done(struct e1000m *m)
{
	struct frame *f;
	size_t len = m->tx_len;

	if (m->tx_overrun || !m->link_up)
		goto out;
	/* Pad Short Packets: the MAC fills up to the minimum (SDM 13.4.33) */
	if (*r(m, TCTL) & TCTL_PSP && len < MIN_FRAME)
		len = MIN_FRAME;
	f = frame_new(m->tx, m->tx_len, len);
	if (!f)
		goto out;
	f->len = len;
	queue_put(&m->wire, f);
	stat_add(m, GPTC);
out:
	m->tx_len = 0;
	m->tx_overrun = false;
}

static void tx_run(struct mock_device *dev, struct e1000m *m)
{
	uint32_t n = *r(m, TDLEN) / 16, done = 0;
	uint64_t base = ring_base(m, TDBAL);

	if (!(*r(m, TCTL) & TCTL_EN) || m->tx_paused || !n)
		return;
	while (*r(m, TDH) != *r(m, TDT) && *r(m, TDH) < n) {
		uint64_t at = base + (uint64_t)*r(m, TDH) * 16;
		uint8_t d[16];
		uint64_t buf;
		uint16_t len;

		if (mock_device_dma_read(dev, at, d, sizeof(d)) < 0)
			break;
		memcpy(&buf, d, 8);
		len = (uint16_t)(d[8] | d[9] << 8);
		if (!(d[11] & TXD_DEXT)) {
			if (m->tx_len + len > sizeof(m->tx)) {
				m->tx_overrun = true;
			} else if (len &&
			           mock_device_dma_read(
			               dev, buf, m->tx + m->tx_len, len) < 0) {
				m->tx_overrun = true;
			} else {
				m->tx_len += len;
			}
			if (d[11] & TXD_EOP)
				tx_frame_done(m);
		}
		if (d[11] & TXD_RS) {
			uint8_t status = d[12] | DESC_DD;

			mock_device_dma_write(dev, at + 12, &status, 1);
			done |= ICR_TXDW;
		}
		*r(m, TDH) = (*r(m, TDH) + 1) % n;
	}
	if (done && *r(m, TDH) == *r(m, TDT))
		done |= ICR_TXQE;
	*r(m, ICR) |= done;
}

/* ---- receive ------------------------------------------------------------- */

static uint32_t rx_buffer_size(uint32_t rctl)
{
	static const uint32_t sizes[4] = {2048, 1024, 512, 256};
	uint32_t s = sizes[RCTL_BSIZE(rctl)];

	return rctl & RCTL_BSEX && RCTL_BSIZE(rctl) ? s * 16 : s;
}

static uint32_t rx_free(struct e1000m *m)
{
	uint32_t n = *r(m, RDLEN) / 16;

	if (!n || *r(m, RDH) >= n || *r(m, RDT) >= n)
		return 0;
	return (*r(m, RDT) + n - *r(m, RDH)) % n;
}

static uint32_t crc32_le(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Writes @f into descriptors; false when there are not enough. */
static bool rx_put(struct mock_device *dev, struct e1000m *m, struct frame *f)
{
	uint32_t rctl = *r(m, RCTL), n = *r(m, RDLEN) / 16;
	uint32_t bufsz = rx_buffer_size(rctl);
	uint64_t base = ring_base(m, RDBAL);
	uint8_t data[MAX_LONG + 4];
	size_t len = f->len, off = 0;

	memcpy(data, f->data, len);
	if (!(rctl & RCTL_SECRC)) {
		uint32_t fcs = crc32_le(data, len);

		for (int i = 0; i < 4; i++)
			data[len++] = (uint8_t)(fcs >> (8 * i));
	}
	if (rx_free(m) < (len + bufsz - 1) / bufsz)
		return false;
	while (off < len) {
		uint64_t at = base + (uint64_t)*r(m, RDH) * 16;
		size_t chunk = len - off < bufsz ? len - off : bufsz;
		uint8_t d[16];
		uint64_t buf;

		if (mock_device_dma_read(dev, at, d, sizeof(d)) < 0)
			return true; /* a fault loses the frame */
		memcpy(&buf, d, 8);
		if (mock_device_dma_write(dev, buf, data + off, chunk) < 0)
			return true;
		off += chunk;
		memset(d + 8, 0, 8);
		d[8] = (uint8_t)chunk;
		d[9] = (uint8_t)(chunk >> 8);
		d[12] = DESC_DD | (off == len ? RXD_EOP : 0);
		mock_device_dma_write(dev, at + 8, d + 8, 8);
		*r(m, RDH) = (*r(m, RDH) + 1) % n;
	}
	stat_add(m, GPRC);
	return true;
}

static void rx_run(struct mock_device *dev, struct e1000m *m)
{
	uint32_t done = 0, n = *r(m, RDLEN) / 16;

	if (!(*r(m, RCTL) & RCTL_EN))
		return;
	while (m->fifo.head && rx_put(dev, m, m->fifo.head)) {
		free(queue_get(&m->fifo));
		done |= ICR_RXT0;
		/* Minimum threshold: 1/2, 1/4 or 1/8 of the ring (13.4.22) */
		if (rx_free(m) <= n >> (RCTL_RDMTS(*r(m, RCTL)) + 1))
			done |= ICR_RXDMT0;
	}
	*r(m, ICR) |= done;
}

/* The device touches memory here only; see the file comment. */
static void run(struct mock_device *dev, struct e1000m *m)
{
	tx_run(dev, m);
	rx_run(dev, m);
	update_irq(dev, m);
}

/* Destination filter of SDM 13.5 (receive address, multicast table,
 * broadcast, promiscuous modes). */
static bool rx_accept(struct e1000m *m, const uint8_t *dst)
{
	static const unsigned shift[4] = {4, 3, 2, 0};
	uint32_t rctl = *r(m, RCTL), hash;
	bool multicast = dst[0] & 1;
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

	if (memcmp(dst, bcast, 6) == 0)
		return rctl & (RCTL_BAM | RCTL_MPE | RCTL_UPE);
	if (rctl & (multicast ? RCTL_MPE | RCTL_UPE : RCTL_UPE))
		return true;
	for (unsigned i = 0; i < RA_COUNT; i++) {
		uint32_t lo = *r(m, RA + 8 * i), hi = *r(m, RA + 8 * i + 4);
		uint8_t a[6] = {(uint8_t)lo,         (uint8_t)(lo >> 8),
		                (uint8_t)(lo >> 16), (uint8_t)(lo >> 24),
		                (uint8_t)hi,         (uint8_t)(hi >> 8)};

		if (hi & RAH_AV && memcmp(a, dst, 6) == 0)
			return true;
	}
	if (!multicast)
		return false;
	hash = (uint32_t)(dst[4] >> shift[RCTL_MO(rctl)] |
	                  dst[5] << (8 - shift[RCTL_MO(rctl)])) &
	       0xfff;
	return *r(m, MTA + 4 * (hash >> 5)) >> (hash & 31) & 1;
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t reg_read(struct mock_device *dev, struct e1000m *m,
                         uint32_t off)
{
	uint32_t v;

	if (off >= BAR0_SIZE || off % 4)
		return UINT32_MAX;
	switch (off) {
	case STATUS:
		return STATUS_FD | STATUS_1000 | (m->link_up ? STATUS_LU : 0);
	case EECD:
		return *r(m, EECD) | EECD_PRES;
	case ICR:
		run(dev, m);
		v = *r(m, ICR);
		*r(m, ICR) = 0;
		update_irq(dev, m);
		return v;
	case ICS:
	case IMC:
		return 0; /* write-only */
	}
	v = *r(m, off);
	if (off >= STATS && off < STATS_END)
		*r(m, off) = 0;
	return v;
}

static void reg_write(struct mock_device *dev, struct e1000m *m, uint32_t off,
                      uint32_t val)
{
	if (off >= BAR0_SIZE || off % 4)
		return;
	switch (off) {
	case CTRL:
		if (val & CTRL_RST) {
			reset(m);
			update_irq(dev, m);
			return;
		}
		break;
	case STATUS:
		return;
	case EERD:
		if (!(val & EERD_START))
			return;
		/* a word past the end completes with no data, as in QEMU */
		val = (val >> 8 & 0xff) << 8 | EERD_DONE;
		if (val >> 8 < EEPROM_WORDS)
			val |= (uint32_t)m->eeprom[val >> 8] << 16;
		break;
	case ICR: /* writing ones clears them */
		*r(m, ICR) &= ~val;
		update_irq(dev, m);
		return;
	case ICS:
		cause(dev, m, val);
		return;
	case IMS:
		*r(m, IMS) |= val;
		run(dev, m);
		return;
	case IMC:
		*r(m, IMS) &= ~val;
		update_irq(dev, m);
		return;
	case RDLEN:
	case TDLEN:
		val &= 0xfff80u; /* multiples of 128 bytes */
		break;
	case RDH:
	case RDT:
	case TDH:
	case TDT:
		val &= 0xffffu;
		break;
	}
	*r(m, off) = val;
	if (off == RDT || off == TDT)
		run(dev, m);
}

static uint64_t e1000m_read(struct mock_device *dev, unsigned bar, uint64_t off,
                            unsigned width)
{
	struct e1000m *m = mock_device_priv(dev);

	if (width != 4)
		return mock__ones(width);
	if (bar == 0)
		return reg_read(dev, m, (uint32_t)off);
	/* BAR1: IOADDR at 0, IODATA at 4 (SDM 13.2) */
	if (bar == 1 && off == 0)
		return m->ioaddr;
	if (bar == 1 && off == 4)
		return reg_read(dev, m, m->ioaddr);
	return mock__ones(width);
}

static void e1000m_write(struct mock_device *dev, unsigned bar, uint64_t off,
                         unsigned width, uint64_t val)
{
	struct e1000m *m = mock_device_priv(dev);

	if (width != 4)
		return;
	if (bar == 0)
		reg_write(dev, m, (uint32_t)off, (uint32_t)val);
	else if (bar == 1 && off == 0)
		m->ioaddr = (uint32_t)val;
	else if (bar == 1 && off == 4)
		reg_write(dev, m, m->ioaddr, (uint32_t)val);
}

const struct mock_model mock_model_e1000 = {
    .compatible = "intel,82540em",
    .create = e1000m_create,
    .destroy = e1000m_destroy,
    .read = e1000m_read,
    .write = e1000m_write,
};

/* ---- test API (model.h) -------------------------------------------------- */

static struct mock_device *find_e1000(void)
{
	struct mock_machine *mach = mock__machine;

	for (unsigned i = 0; mach && i < mach->ndev; i++)
		if (mach->dev[i]->model == &mock_model_e1000)
			return mach->dev[i];
	return NULL;
}

int mock_e1000_inject(const void *frame, size_t len)
{
	struct mock_device *dev = find_e1000();
	struct e1000m *m;
	struct frame *f;
	uint32_t rctl;
	int rc = 0;

	if (!dev)
		return -DDEKIT_ENODEV;
	if (!frame || len < 14 || len > MAX_LONG)
		return -DDEKIT_EINVAL;
	mock__device_lock(dev);
	m = mock_device_priv(dev);
	rctl = *r(m, RCTL);
	if (!m->link_up || !(rctl & RCTL_EN) ||
	    len > (rctl & RCTL_LPE ? MAX_LONG : MAX_FRAME) ||
	    !rx_accept(m, frame))
		goto out;
	if (m->fifo.count >= RX_FIFO) {
		/* packet buffer full: a missed packet (SDM 13.7) */
		stat_add(m, MPC);
		cause(dev, m, ICR_RXO);
		rc = -DDEKIT_ENOSPC;
		goto out;
	}
	/* The wire delivers at least the minimum frame. */
	f = frame_new(frame, len, len < MIN_FRAME ? MIN_FRAME : len);
	if (!f) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	if (f->len < MIN_FRAME)
		f->len = MIN_FRAME;
	queue_put(&m->fifo, f);
	cause(dev, m, ICR_RXT0);
	rc = 1;
out:
	mock__device_unlock(dev);
	return rc;
}

int mock_e1000_rx_room(void)
{
	struct mock_device *dev = find_e1000();
	struct e1000m *m;
	int room;

	if (!dev)
		return -DDEKIT_ENODEV;
	mock__device_lock(dev);
	m = mock_device_priv(dev);
	room = (int)rx_free(m) - (int)m->fifo.count;
	if (room > (int)(RX_FIFO - m->fifo.count))
		room = (int)(RX_FIFO - m->fifo.count);
	mock__device_unlock(dev);
	return room < 0 ? 0 : room;
}

int mock_e1000_tx_frame(void *buf, size_t cap)
{
	struct mock_device *dev = find_e1000();
	struct frame *f;
	int len;

	if (!dev)
		return -DDEKIT_ENODEV;
	mock__device_lock(dev);
	f = queue_get(&((struct e1000m *)mock_device_priv(dev))->wire);
	mock__device_unlock(dev);
	if (!f)
		return -DDEKIT_EAGAIN;
	len = (int)f->len;
	memcpy(buf, f->data, f->len < cap ? f->len : cap);
	free(f);
	return len;
}

int mock_e1000_tx_pending(void)
{
	struct mock_device *dev = find_e1000();
	int n;

	if (!dev)
		return -DDEKIT_ENODEV;
	mock__device_lock(dev);
	n = (int)((struct e1000m *)mock_device_priv(dev))->wire.count;
	mock__device_unlock(dev);
	return n;
}

void mock_e1000_set_link(int up)
{
	struct mock_device *dev = find_e1000();
	struct e1000m *m;

	if (!dev)
		return;
	mock__device_lock(dev);
	m = mock_device_priv(dev);
	if (m->link_up != (up != 0)) {
		m->link_up = up != 0;
		cause(dev, m, ICR_LSC);
	}
	mock__device_unlock(dev);
}

void mock_e1000_tx_pause(int on)
{
	struct mock_device *dev = find_e1000();
	struct e1000m *m;

	if (!dev)
		return;
	mock__device_lock(dev);
	m = mock_device_priv(dev);
	m->tx_paused = on != 0;
	/* Descriptors waiting are sent at the driver's next ICR read. */
	if (!on && *r(m, TDH) != *r(m, TDT))
		cause(dev, m, ICR_TXDW);
	mock__device_unlock(dev);
}

uint32_t mock_e1000_reg(uint32_t off)
{
	struct mock_device *dev = find_e1000();
	struct e1000m *m;
	uint32_t v;

	if (!dev || off >= BAR0_SIZE || off % 4)
		return UINT32_MAX;
	mock__device_lock(dev);
	m = mock_device_priv(dev);
	v = off == STATUS
	        ? STATUS_FD | STATUS_1000 | (m->link_up ? STATUS_LU : 0)
	        : *r(m, off);
	mock__device_unlock(dev);
	return v;
}

int mock_e1000_eeprom_write(unsigned word, uint16_t val)
{
	struct mock_device *dev = find_e1000();

	if (!dev)
		return -DDEKIT_ENODEV;
	if (word >= EEPROM_WORDS)
		return -DDEKIT_EINVAL;
	mock__device_lock(dev);
	((struct e1000m *)mock_device_priv(dev))->eeprom[word] = val;
	mock__device_unlock(dev);
	return 0;
}
