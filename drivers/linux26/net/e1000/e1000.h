/*
 * e1000.h — the driver's state and what its files share.
 *
 * An Intel 82540EM (the NIC QEMU emulates as "e1000") driven with legacy
 * descriptors, one transmit and one receive ring, NAPI.
 */
#ifndef _E1000_H_
#define _E1000_H_

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <asm/io.h>

#include "e1000_hw.h"

#define DRV_NAME    "e1000"
#define DRV_VERSION "7.3.20-libdde"

/* Ring sizes: multiples of 8 so each ring is a multiple of 128 bytes
 * (SDM 13.4.26: RDLEN/TDLEN must be 128-byte aligned). */
#define E1000_TX_RING  256
#define E1000_RX_RING  256
#define E1000_RX_BUFSZ 2048 /* RCTL.BSIZE 2048 */

/* Each frame takes one descriptor (linear skbs, at most 16288 bytes). */
#define E1000_TX_DESC_NEEDED    1
#define E1000_TX_WAKE_THRESHOLD 32
#define E1000_NAPI_WEIGHT       64

#define E1000_WATCHDOG_PERIOD (2 * HZ)

struct e1000_buffer {
	struct sk_buff *skb;
	dma_addr_t dma;
	unsigned int length;
};

struct e1000_ring {
	void *desc;        /* descriptor array (coherent) */
	dma_addr_t dma;    /* its bus address */
	unsigned int size; /* bytes */
	unsigned int count;
	unsigned int next_to_use;
	unsigned int next_to_clean;
	struct e1000_buffer *buffer_info;
	u32 head, tail; /* register offsets */
};

#define E1000_RX_DESC(r, i) (&((struct e1000_rx_desc *)(r)->desc)[i])
#define E1000_TX_DESC(r, i) (&((struct e1000_tx_desc *)(r)->desc)[i])

enum e1000_state_t {
	__E1000_DOWN,
	__E1000_RESETTING,
};

struct e1000_adapter {
	struct net_device *netdev;
	struct pci_dev *pdev;
	u8 __iomem *hw_addr;
	u16 eeprom[E1000_EEPROM_WORDS];

	struct e1000_ring tx_ring;
	struct e1000_ring rx_ring;
	spinlock_t tx_queue_lock; /* tx cleaning against itself */
	struct napi_struct napi;

	struct timer_list watchdog_timer;
	struct work_struct reset_task;
	unsigned long flags; /* __E1000_* */
	u32 msg_enable;
	u16 link_speed;
	u8 link_duplex; /* DUPLEX_* */

	spinlock_t stats_lock;
	struct net_device_stats stats;
};

/* Register accessors: BAR0 is memory mapped. */
static inline u32 er32(struct e1000_adapter *a, u32 reg)
{
	return readl(a->hw_addr + reg);
}

static inline void ew32(struct e1000_adapter *a, u32 reg, u32 val)
{
	writel(val, a->hw_addr + reg);
}

/* Posted PCI writes reach the device once a read of it completes. */
static inline void e1000_flush(struct e1000_adapter *a)
{
	(void)er32(a, E1000_STATUS);
}

static inline unsigned int e1000_desc_unused(const struct e1000_ring *r)
{
	if (r->next_to_clean > r->next_to_use)
		return r->next_to_clean - r->next_to_use - 1;
	return r->count + r->next_to_clean - r->next_to_use - 1;
}

/* e1000_hw.c */
int e1000_reset_hw(struct e1000_adapter *adapter);
int e1000_read_eeprom(struct e1000_adapter *adapter);
void e1000_rar_set(struct e1000_adapter *adapter, const u8 *addr, int index);
void e1000_mta_clear(struct e1000_adapter *adapter);
u32 e1000_hash_mc_addr(const u8 *addr);
void e1000_set_rx_mode(struct net_device *netdev);
bool e1000_check_link(struct e1000_adapter *adapter);

/* e1000_rings.c */
int e1000_setup_rings(struct e1000_adapter *adapter);
void e1000_free_rings(struct e1000_adapter *adapter);
void e1000_configure_tx(struct e1000_adapter *adapter);
void e1000_configure_rx(struct e1000_adapter *adapter);
void e1000_alloc_rx_buffers(struct e1000_adapter *adapter);
void e1000_clean_tx_ring(struct e1000_adapter *adapter);
void e1000_clean_rx_ring(struct e1000_adapter *adapter);
int e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
int e1000_poll(struct napi_struct *napi, int budget);

/* e1000_main.c */
void e1000_irq_enable(struct e1000_adapter *adapter);

/* e1000_ethtool.c */
void e1000_set_ethtool_ops(struct net_device *netdev);

#endif /* _E1000_H_ */
