/*
 * e1000_rings.c — the descriptor rings: setup, transmit, receive, the NAPI
 * poll that cleans both.
 *
 * Ownership follows head and tail (SDM 3.2.6, 3.3.6): the hardware owns
 * the descriptors from head up to, not including, tail. One descriptor
 * always stays unused so that head == tail means "hardware owns none".
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/byteorder.h>
#include <asm/system.h>

#include "e1000.h"

static int e1000_setup_ring(struct e1000_adapter *adapter,
                            struct e1000_ring *ring, unsigned int count,
                            size_t desc_size, u32 head, u32 tail)
{
	ring->count = count;
	ring->size = (unsigned int)(count * desc_size);
	ring->head = head;
	ring->tail = tail;
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->buffer_info =
	    kcalloc(count, sizeof(*ring->buffer_info), GFP_KERNEL);
	if (!ring->buffer_info)
		return -ENOMEM;
	ring->desc =
	    pci_alloc_consistent(adapter->pdev, ring->size, &ring->dma);
	if (!ring->desc) {
		kfree(ring->buffer_info);
		ring->buffer_info = NULL;
		return -ENOMEM;
	}
	memset(ring->desc, 0, ring->size);
	return 0;
}

static void e1000_free_ring(struct e1000_adapter *adapter,
                            struct e1000_ring *ring)
{
	if (ring->desc)
		pci_free_consistent(adapter->pdev, ring->size, ring->desc,
		                    ring->dma);
	kfree(ring->buffer_info);
	ring->desc = NULL;
	ring->buffer_info = NULL;
}

int e1000_setup_rings(struct e1000_adapter *adapter)
{
	int err;

	err = e1000_setup_ring(adapter, &adapter->tx_ring, E1000_TX_RING,
	                       sizeof(struct e1000_tx_desc), E1000_TDH,
	                       E1000_TDT);
	if (err)
		goto out;
	err = e1000_setup_ring(adapter, &adapter->rx_ring, E1000_RX_RING,
	                       sizeof(struct e1000_rx_desc), E1000_RDH,
	                       E1000_RDT);
	if (err)
		e1000_free_ring(adapter, &adapter->tx_ring);
out:
	if (err)
		printk(KERN_ERR "%s: no memory for the descriptor rings\n",
		       adapter->netdev->name);
	return err;
}

void e1000_free_rings(struct e1000_adapter *adapter)
{
	e1000_clean_tx_ring(adapter);
	e1000_clean_rx_ring(adapter);
	e1000_free_ring(adapter, &adapter->tx_ring);
	e1000_free_ring(adapter, &adapter->rx_ring);
}

static void e1000_ring_base(struct e1000_adapter *adapter,
                            struct e1000_ring *ring, u32 bal, u32 bah, u32 len)
{
	u64 dma = ring->dma;

	ew32(adapter, bal, (u32)(dma & 0xffffffffULL));
	ew32(adapter, bah, (u32)(dma >> 32));
	ew32(adapter, len, ring->size);
	ew32(adapter, ring->head, 0);
	ew32(adapter, ring->tail, 0);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}

/* Transmit initialisation, SDM 14.5. */
void e1000_configure_tx(struct e1000_adapter *adapter)
{
	e1000_ring_base(adapter, &adapter->tx_ring, E1000_TDBAL, E1000_TDBAH,
	                E1000_TDLEN);
	/* IEEE 802.3 gaps for copper: IPGT 10, IPGR1 8, IPGR2 6 (13.4.34) */
	ew32(adapter, E1000_TIPG,
	     10 | 8 << E1000_TIPG_IPGR1_SHIFT | 6 << E1000_TIPG_IPGR2_SHIFT);
	ew32(adapter, E1000_TIDV, 0);
	/* Short frames padded; collision threshold 15 and distance 64 byte
	 * times, the full-duplex values of 14.5. */
	ew32(adapter, E1000_TCTL,
	     E1000_TCTL_EN | E1000_TCTL_PSP | 0x0f << E1000_TCTL_CT_SHIFT |
	         0x40 << E1000_TCTL_COLD_SHIFT);
	e1000_flush(adapter);
}

/* Receive initialisation, SDM 14.4. */
void e1000_configure_rx(struct e1000_adapter *adapter)
{
	ew32(adapter, E1000_RCTL, 0);
	e1000_ring_base(adapter, &adapter->rx_ring, E1000_RDBAL, E1000_RDBAH,
	                E1000_RDLEN);
	ew32(adapter, E1000_RDTR, 0);
	/* 2048-byte buffers, the CRC stripped so lengths are the frame's;
	 * the promiscuous and multicast bits come from set_rx_mode. */
	ew32(adapter, E1000_RCTL,
	     E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_RDMTS_HALF |
	         E1000_RCTL_SZ_2048 | E1000_RCTL_SECRC);
	e1000_set_rx_mode(adapter->netdev);
	e1000_alloc_rx_buffers(adapter);
}

/* Gives every unused receive descriptor a fresh buffer. */
void e1000_alloc_rx_buffers(struct e1000_adapter *adapter)
{
	struct e1000_ring *ring = &adapter->rx_ring;
	struct pci_dev *pdev = adapter->pdev;
	unsigned int i = ring->next_to_use;
	unsigned int n = e1000_desc_unused(ring);

	while (n--) {
		struct e1000_buffer *bi = &ring->buffer_info[i];
		struct e1000_rx_desc *desc = E1000_RX_DESC(ring, i);
		struct sk_buff *skb;

		skb = netdev_alloc_skb(adapter->netdev,
		                       E1000_RX_BUFSZ + NET_IP_ALIGN);
		if (!skb)
			break;
		/* Aligns the IP header behind the 14-byte Ethernet one. */
		skb_reserve(skb, NET_IP_ALIGN);
		bi->dma = pci_map_single(pdev, skb->data, E1000_RX_BUFSZ,
		                         PCI_DMA_FROMDEVICE);
		if (pci_dma_mapping_error(bi->dma)) {
			dev_kfree_skb_any(skb);
			break;
		}
		bi->skb = skb;
		bi->length = E1000_RX_BUFSZ;
		desc->buffer_addr = cpu_to_le64(bi->dma);
		desc->status = 0;
		i = (i + 1) % ring->count;
	}
	if (i != ring->next_to_use) {
		ring->next_to_use = i;
		/* Descriptors complete in memory before the device may
		 * fetch them. */
		wmb();
		ew32(adapter, ring->tail, i);
	}
}

void e1000_clean_tx_ring(struct e1000_adapter *adapter)
{
	struct e1000_ring *ring = &adapter->tx_ring;
	unsigned int i;

	if (!ring->buffer_info)
		return;
	for (i = 0; i < ring->count; i++) {
		struct e1000_buffer *bi = &ring->buffer_info[i];

		if (!bi->skb)
			continue;
		pci_unmap_single(adapter->pdev, bi->dma, bi->length,
		                 PCI_DMA_TODEVICE);
		dev_kfree_skb_any(bi->skb);
		bi->skb = NULL;
	}
	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}

void e1000_clean_rx_ring(struct e1000_adapter *adapter)
{
	struct e1000_ring *ring = &adapter->rx_ring;
	unsigned int i;

	if (!ring->buffer_info)
		return;
	for (i = 0; i < ring->count; i++) {
		struct e1000_buffer *bi = &ring->buffer_info[i];

		if (!bi->skb)
			continue;
		pci_unmap_single(adapter->pdev, bi->dma, bi->length,
		                 PCI_DMA_FROMDEVICE);
		dev_kfree_skb_any(bi->skb);
		bi->skb = NULL;
	}
	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}

/* hard_start_xmit: process context, bh off, the transmit lock held. */
int e1000_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	struct e1000_ring *ring = &adapter->tx_ring;
	struct e1000_tx_desc *desc;
	struct e1000_buffer *bi;
	unsigned int i;
	dma_addr_t dma;

	if (unlikely(skb->len == 0)) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (unlikely(e1000_desc_unused(ring) < E1000_TX_DESC_NEEDED)) {
		/* The queue should have been stopped already. */
		netif_stop_queue(netdev);
		return NETDEV_TX_BUSY;
	}
	dma = pci_map_single(adapter->pdev, skb->data, skb->len,
	                     PCI_DMA_TODEVICE);
	if (pci_dma_mapping_error(dma)) {
		adapter->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	i = ring->next_to_use;
	bi = &ring->buffer_info[i];
	bi->skb = skb;
	bi->dma = dma;
	bi->length = skb->len;
	desc = E1000_TX_DESC(ring, i);
	desc->buffer_addr = cpu_to_le64(dma);
	desc->length = cpu_to_le16((u16)skb->len);
	desc->cso = 0;
	desc->css = 0;
	desc->special = 0;
	desc->status = 0;
	/* Report status for every frame so it can be freed at once; let the
	 * MAC append the FCS. */
	desc->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	ring->next_to_use = (i + 1) % ring->count;
	/* The descriptor must be in memory before the tail moves over it. */
	wmb();
	ew32(adapter, E1000_TDT, ring->next_to_use);
	netdev->trans_start = jiffies;

	if (unlikely(e1000_desc_unused(ring) < E1000_TX_DESC_NEEDED)) {
		netif_stop_queue(netdev);
		/* Pairs with the barrier in e1000_clean_tx_irq: either it
		 * sees the stopped queue or we see the freed descriptors. */
		smp_mb();
		if (e1000_desc_unused(ring) >= E1000_TX_DESC_NEEDED)
			netif_start_queue(netdev);
	}
	return NETDEV_TX_OK;
}

/* Frees the transmitted frames; NAPI poll context. */
static void e1000_clean_tx_irq(struct e1000_adapter *adapter)
{
	struct e1000_ring *ring = &adapter->tx_ring;
	struct net_device *netdev = adapter->netdev;
	unsigned int i = ring->next_to_clean;

	while (i != ring->next_to_use) {
		struct e1000_tx_desc *desc = E1000_TX_DESC(ring, i);
		struct e1000_buffer *bi = &ring->buffer_info[i];

		if (!(desc->status & E1000_TXD_STAT_DD))
			break;
		/* Nothing else of the descriptor is read before DD. */
		rmb();
		if (bi->skb) {
			pci_unmap_single(adapter->pdev, bi->dma, bi->length,
			                 PCI_DMA_TODEVICE);
			adapter->stats.tx_packets++;
			adapter->stats.tx_bytes += bi->length;
			dev_kfree_skb_any(bi->skb);
			bi->skb = NULL;
		}
		desc->status = 0;
		i = (i + 1) % ring->count;
	}
	ring->next_to_clean = i;

	/* Pairs with the barrier in e1000_xmit_frame. */
	smp_mb();
	if (unlikely(netif_queue_stopped(netdev) && netif_carrier_ok(netdev) &&
	             e1000_desc_unused(ring) >= E1000_TX_WAKE_THRESHOLD))
		netif_wake_queue(netdev);
}

/* Hands up to @budget received frames to the stack; NAPI poll context. */
static int e1000_clean_rx_irq(struct e1000_adapter *adapter, int budget)
{
	struct e1000_ring *ring = &adapter->rx_ring;
	struct net_device *netdev = adapter->netdev;
	unsigned int i = ring->next_to_clean;
	int done = 0;

	while (done < budget) {
		struct e1000_rx_desc *desc = E1000_RX_DESC(ring, i);
		struct e1000_buffer *bi = &ring->buffer_info[i];
		struct sk_buff *skb;
		unsigned int length;
		u8 status;

		status = desc->status;
		if (!(status & E1000_RXD_STAT_DD))
			break;
		/* Length and errors are valid only once DD is seen. */
		rmb();
		done++;
		skb = bi->skb;
		bi->skb = NULL;
		pci_unmap_single(adapter->pdev, bi->dma, bi->length,
		                 PCI_DMA_FROMDEVICE);
		length = le16_to_cpu(desc->length);

		/* Frames that span buffers cannot happen with 2048-byte
		 * buffers and long packets off; drop them like bad ones. */
		if (unlikely(!(status & E1000_RXD_STAT_EOP) ||
		             desc->errors & E1000_RXD_ERR_FRAME_ERR_MASK ||
		             length < ETH_HLEN || length > E1000_RX_BUFSZ)) {
			adapter->stats.rx_errors++;
			dev_kfree_skb_any(skb);
		} else {
			skb_put(skb, length);
			skb->protocol = eth_type_trans(skb, netdev);
			adapter->stats.rx_packets++;
			adapter->stats.rx_bytes += length;
			if (skb->pkt_type == PACKET_MULTICAST)
				adapter->stats.multicast++;
			netdev->last_rx = jiffies;
			netif_receive_skb(skb);
		}
		desc->status = 0;
		i = (i + 1) % ring->count;
	}
	ring->next_to_clean = i;
	if (done)
		e1000_alloc_rx_buffers(adapter);
	return done;
}

int e1000_poll(struct napi_struct *napi, int budget)
{
	struct e1000_adapter *adapter =
	    container_of(napi, struct e1000_adapter, napi);
	int work_done;

	e1000_clean_tx_irq(adapter);
	work_done = e1000_clean_rx_irq(adapter, budget);
	if (work_done < budget) {
		netif_rx_complete(adapter->netdev, napi);
		if (!test_bit(__E1000_DOWN, &adapter->flags))
			e1000_irq_enable(adapter);
	}
	return work_done;
}
