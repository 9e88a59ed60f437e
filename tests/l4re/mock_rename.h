/*
 * mock_rename.h — force-included into a second build of tests/mock: the
 * mock machine's own host.h implementation becomes mocksim_host_*(), so the
 * L4Re stand-in can run on it while backends/l4re provides ddekit_host_*().
 */
#ifndef TESTS_L4RE_MOCK_RENAME_H
#define TESTS_L4RE_MOCK_RENAME_H

#define ddekit_host_abort           mocksim_host_abort
#define ddekit_host_clock_ns        mocksim_host_clock_ns
#define ddekit_host_console_write   mocksim_host_console_write
#define ddekit_host_dma_map         mocksim_host_dma_map
#define ddekit_host_dma_unmap       mocksim_host_dma_unmap
#define ddekit_host_event_create    mocksim_host_event_create
#define ddekit_host_event_destroy   mocksim_host_event_destroy
#define ddekit_host_event_signal    mocksim_host_event_signal
#define ddekit_host_event_wait      mocksim_host_event_wait
#define ddekit_host_fini            mocksim_host_fini
#define ddekit_host_init            mocksim_host_init
#define ddekit_host_io_read         mocksim_host_io_read
#define ddekit_host_io_release      mocksim_host_io_release
#define ddekit_host_io_request      mocksim_host_io_request
#define ddekit_host_io_write        mocksim_host_io_write
#define ddekit_host_irq_attach      mocksim_host_irq_attach
#define ddekit_host_irq_cancel      mocksim_host_irq_cancel
#define ddekit_host_irq_detach      mocksim_host_irq_detach
#define ddekit_host_irq_unmask      mocksim_host_irq_unmask
#define ddekit_host_irq_wait        mocksim_host_irq_wait
#define ddekit_host_mem_alloc       mocksim_host_mem_alloc
#define ddekit_host_mem_free        mocksim_host_mem_free
#define ddekit_host_mmio_map        mocksim_host_mmio_map
#define ddekit_host_mmio_read       mocksim_host_mmio_read
#define ddekit_host_mmio_unmap      mocksim_host_mmio_unmap
#define ddekit_host_mmio_write      mocksim_host_mmio_write
#define ddekit_host_mutex_create    mocksim_host_mutex_create
#define ddekit_host_mutex_destroy   mocksim_host_mutex_destroy
#define ddekit_host_mutex_lock      mocksim_host_mutex_lock
#define ddekit_host_mutex_unlock    mocksim_host_mutex_unlock
#define ddekit_host_pci_cfg_read    mocksim_host_pci_cfg_read
#define ddekit_host_pci_cfg_write   mocksim_host_pci_cfg_write
#define ddekit_host_pci_enable      mocksim_host_pci_enable
#define ddekit_host_pci_enumerate   mocksim_host_pci_enumerate
#define ddekit_host_thread_exit     mocksim_host_thread_exit
#define ddekit_host_thread_get_data mocksim_host_thread_get_data
#define ddekit_host_thread_set_data mocksim_host_thread_set_data
#define ddekit_host_thread_start    mocksim_host_thread_start
#define ddekit_host_thread_yield    mocksim_host_thread_yield

#endif
