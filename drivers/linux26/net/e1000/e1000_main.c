/*
 * e1000_main.c — Intel PRO/1000 (82540EM) network driver: PCI glue, open
 * and close, the interrupt handler, the watchdog, resets.
 *
 * Written against the Linux 2.6.24 driver interface only.
 */
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "e1000.h"

static const char e1000_driver_name[] = DRV_NAME;
static const char e1000_driver_string[] =
    "Intel(R) PRO/1000 Network Driver (82540EM)";

static struct pci_device_id e1000_pci_tbl[] = {
    {PCI_DEVICE(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_82540EM)},
    {0},
};
MODULE_DEVICE_TABLE(pci, e1000_pci_tbl);

static int debug = -1;
module_param(debug, int, 0);
MODULE_PARM_DESC(debug, "Debug level (0=none,...,16=all)");

#define DEFAULT_MSG_ENABLE (NETIF_MSG_DRV | NETIF_MSG_PROBE | NETIF_MSG_LINK)

/* The causes the driver handles (SDM 13.4.20). */
#define IMS_ENABLE_MASK                                                        \
	(E1000_ICR_RXT0 | E1000_ICR_TXDW | E1000_ICR_RXDMT0 |                  \
	 E1000_ICR_RXSEQ | E1000_ICR_LSC | E1000_ICR_RXO)

void e1000_irq_enable(struct e1000_adapter *adapter)
{
	ew32(adapter, E1000_IMS, IMS_ENABLE_MASK);
	e1000_flush(adapter);
}

static void e1000_irq_disable(struct e1000_adapter *adapter)
{
	ew32(adapter, E1000_IMC, 0xffffffff);
	e1000_flush(adapter);
	synchronize_irq(adapter->pdev->irq);
}

/*
 * Interrupt handler. The line may be shared: a zero ICR means the
 * interrupt was another device's. Reading ICR acknowledges the causes;
 * the work is left to the NAPI poll with interrupts masked until it is
 * done.
 */
static irqreturn_t e1000_intr(int irq, void *data)
{
	struct net_device *netdev = data;
	struct e1000_adapter *adapter = netdev_priv(netdev);
	u32 icr = er32(adapter, E1000_ICR);

	(void)irq;
	if (unlikely(!icr))
		return IRQ_NONE;

	if (unlikely(icr & (E1000_ICR_LSC | E1000_ICR_RXSEQ)) &&
	    !test_bit(__E1000_DOWN, &adapter->flags))
		mod_timer(&adapter->watchdog_timer, jiffies + 1);

	if (netif_rx_schedule_prep(netdev, &adapter->napi)) {
		ew32(adapter, E1000_IMC, 0xffffffff);
		e1000_flush(adapter);
		__netif_rx_schedule(netdev, &adapter->napi);
	}
	return IRQ_HANDLED;
}

/* Collects the hardware's missed-packet count (read to clear). */
static void e1000_update_stats(struct e1000_adapter *adapter)
{
	u32 mpc = er32(adapter, E1000_MPC);

	spin_lock_bh(&adapter->stats_lock);
	adapter->stats.rx_missed_errors += mpc;
	adapter->stats.rx_over_errors += mpc;
	spin_unlock_bh(&adapter->stats_lock);
}

/* Softirq: link state after an LSC interrupt, and every two seconds. */
static void e1000_watchdog(unsigned long data)
{
	struct e1000_adapter *adapter = (struct e1000_adapter *)data;

	if (test_bit(__E1000_DOWN, &adapter->flags))
		return;
	e1000_check_link(adapter);
	e1000_update_stats(adapter);
	if (!test_bit(__E1000_DOWN, &adapter->flags))
		mod_timer(&adapter->watchdog_timer,
		          round_jiffies(jiffies + E1000_WATCHDOG_PERIOD));
}

static int e1000_up(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;

	e1000_rar_set(adapter, netdev->dev_addr, 0);
	/* Internal copper PHY: speed from the PHY, link forced up on the
	 * MAC side (SDM 14.5, "MAC/PHY link setup"). */
	ew32(adapter, E1000_CTRL,
	     er32(adapter, E1000_CTRL) | E1000_CTRL_ASDE | E1000_CTRL_SLU);
	e1000_configure_tx(adapter);
	e1000_configure_rx(adapter);

	clear_bit(__E1000_DOWN, &adapter->flags);
	napi_enable(&adapter->napi);
	e1000_check_link(adapter);
	e1000_irq_enable(adapter);
	mod_timer(&adapter->watchdog_timer,
	          round_jiffies(jiffies + E1000_WATCHDOG_PERIOD));
	return 0;
}

static void e1000_down(struct e1000_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;

	set_bit(__E1000_DOWN, &adapter->flags);
	ew32(adapter, E1000_RCTL, er32(adapter, E1000_RCTL) & ~E1000_RCTL_EN);
	netif_tx_disable(netdev);
	ew32(adapter, E1000_TCTL, er32(adapter, E1000_TCTL) & ~E1000_TCTL_EN);
	e1000_flush(adapter);
	msleep(10);

	napi_disable(&adapter->napi);
	e1000_irq_disable(adapter);
	del_timer_sync(&adapter->watchdog_timer);
	netif_carrier_off(netdev);
	e1000_update_stats(adapter);
	e1000_reset_hw(adapter);
	e1000_clean_tx_ring(adapter);
	e1000_clean_rx_ring(adapter);
}

static void e1000_reinit_locked(struct e1000_adapter *adapter)
{
	while (test_and_set_bit(__E1000_RESETTING, &adapter->flags))
		msleep(1);
	if (netif_running(adapter->netdev)) {
		e1000_down(adapter);
		e1000_up(adapter);
	}
	clear_bit(__E1000_RESETTING, &adapter->flags);
}

static void e1000_reset_task(struct work_struct *work)
{
	struct e1000_adapter *adapter =
	    container_of(work, struct e1000_adapter, reset_task);

	e1000_reinit_locked(adapter);
}

/* The transmitter hung: reset outside the watchdog's softirq. */
static void e1000_tx_timeout(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	adapter->stats.tx_errors++;
	schedule_work(&adapter->reset_task);
}

static int e1000_open(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);
	int err;

	while (test_and_set_bit(__E1000_RESETTING, &adapter->flags))
		msleep(1);
	netif_carrier_off(netdev);
	netif_stop_queue(netdev);
	err = e1000_setup_rings(adapter);
	if (err)
		goto out;
	err = request_irq(adapter->pdev->irq, e1000_intr, IRQF_SHARED,
	                  netdev->name, netdev);
	if (err) {
		printk(KERN_ERR "%s: cannot get interrupt %u: %d\n",
		       netdev->name, adapter->pdev->irq, err);
		e1000_free_rings(adapter);
		goto out;
	}
	e1000_up(adapter);
out:
	clear_bit(__E1000_RESETTING, &adapter->flags);
	return err;
}

static int e1000_close(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	while (test_and_set_bit(__E1000_RESETTING, &adapter->flags))
		msleep(1);
	e1000_down(adapter);
	free_irq(adapter->pdev->irq, netdev);
	e1000_free_rings(adapter);
	clear_bit(__E1000_RESETTING, &adapter->flags);
	return 0;
}

static struct net_device_stats *e1000_get_stats(struct net_device *netdev)
{
	struct e1000_adapter *adapter = netdev_priv(netdev);

	/* The counters change in the poll and under the transmit lock, both
	 * with bottom halves off. */
	spin_lock_bh(&adapter->stats_lock);
	netdev->stats = adapter->stats;
	spin_unlock_bh(&adapter->stats_lock);
	return &netdev->stats;
}

static int __devinit e1000_probe(struct pci_dev *pdev,
                                 const struct pci_device_id *ent)
{
	struct e1000_adapter *adapter;
	struct net_device *netdev;
	resource_size_t mmio_start, mmio_len;
	int err;

	(void)ent;
	err = pci_enable_device(pdev);
	if (err)
		return err;
	err = pci_set_dma_mask(pdev, DMA_32BIT_MASK);
	if (!err)
		err = pci_set_consistent_dma_mask(pdev, DMA_32BIT_MASK);
	if (err) {
		printk(KERN_ERR "%s: no usable DMA configuration\n",
		       pci_name(pdev));
		goto err_dma;
	}
	err = pci_request_regions(pdev, e1000_driver_name);
	if (err)
		goto err_dma;
	pci_set_master(pdev);

	err = -ENOMEM;
	netdev = alloc_etherdev(sizeof(struct e1000_adapter));
	if (!netdev)
		goto err_alloc_etherdev;
	SET_NETDEV_DEV(netdev, &pdev->dev);
	pci_set_drvdata(pdev, netdev);
	adapter = netdev_priv(netdev);
	adapter->netdev = netdev;
	adapter->pdev = pdev;
	adapter->msg_enable = netif_msg_init(debug, DEFAULT_MSG_ENABLE);

	err = -ENODEV;
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_MEM))
		goto err_ioremap;
	mmio_start = pci_resource_start(pdev, 0);
	mmio_len = pci_resource_len(pdev, 0);
	err = -EIO;
	adapter->hw_addr = ioremap(mmio_start, mmio_len);
	if (!adapter->hw_addr)
		goto err_ioremap;

	netdev->open = e1000_open;
	netdev->stop = e1000_close;
	netdev->hard_start_xmit = e1000_xmit_frame;
	netdev->get_stats = e1000_get_stats;
	netdev->set_multicast_list = e1000_set_rx_mode;
	netdev->tx_timeout = e1000_tx_timeout;
	netdev->watchdog_timeo = 5 * HZ;
	netdev->mem_start = (unsigned long)mmio_start;
	netdev->mem_end = (unsigned long)(mmio_start + mmio_len);
	netdev->irq = pdev->irq;
	e1000_set_ethtool_ops(netdev);
	netif_napi_add(netdev, &adapter->napi, e1000_poll, E1000_NAPI_WEIGHT);

	spin_lock_init(&adapter->stats_lock);
	setup_timer(&adapter->watchdog_timer, e1000_watchdog,
	            (unsigned long)adapter);
	INIT_WORK(&adapter->reset_task, e1000_reset_task);
	set_bit(__E1000_DOWN, &adapter->flags);

	err = e1000_reset_hw(adapter);
	if (err)
		goto err_eeprom;
	err = e1000_read_eeprom(adapter);
	if (err)
		goto err_eeprom;
	e1000_rar_set(adapter, netdev->dev_addr, 0);
	e1000_mta_clear(adapter);

	netif_carrier_off(netdev);
	netif_stop_queue(netdev);
	err = register_netdev(netdev);
	if (err)
		goto err_eeprom;

	if (netif_msg_probe(adapter))
		printk(KERN_INFO "%s: %s at %s, irq %u, "
		                 "%02x:%02x:%02x:%02x:%02x:%02x\n",
		       netdev->name, e1000_driver_string, pci_name(pdev),
		       pdev->irq, netdev->dev_addr[0], netdev->dev_addr[1],
		       netdev->dev_addr[2], netdev->dev_addr[3],
		       netdev->dev_addr[4], netdev->dev_addr[5]);
	return 0;

err_eeprom:
	iounmap(adapter->hw_addr);
err_ioremap:
	pci_set_drvdata(pdev, NULL);
	free_netdev(netdev);
err_alloc_etherdev:
	pci_release_regions(pdev);
err_dma:
	pci_disable_device(pdev);
	return err;
}

static void __devexit e1000_remove(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e1000_adapter *adapter = netdev_priv(netdev);

	unregister_netdev(netdev);
	/* Closed now, so a reset still queued finds nothing to do. */
	cancel_work_sync(&adapter->reset_task);
	e1000_reset_hw(adapter);
	iounmap(adapter->hw_addr);
	pci_set_drvdata(pdev, NULL);
	free_netdev(netdev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver e1000_driver = {
    .name = DRV_NAME,
    .id_table = e1000_pci_tbl,
    .probe = e1000_probe,
    .remove = __devexit_p(e1000_remove),
};

static int __init e1000_init_module(void)
{
	printk(KERN_INFO "%s - version %s\n", e1000_driver_string, DRV_VERSION);
	return pci_register_driver(&e1000_driver);
}
module_init(e1000_init_module);

static void __exit e1000_exit_module(void)
{
	pci_unregister_driver(&e1000_driver);
}
module_exit(e1000_exit_module);

MODULE_AUTHOR("libdde");
MODULE_DESCRIPTION("Intel(R) PRO/1000 (82540EM) network driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(DRV_VERSION);
