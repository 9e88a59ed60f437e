/*
 * tests/l4re/l4re_standin.h — the L4Re API stand-in.
 *
 * Declares exactly the L4Re calls backends/l4re makes, with L4Re's names,
 * argument orders and units (PCI config widths in bits, log2 alignments,
 * l4util_out*(value, port), negative L4_E* codes), so the backend compiles
 * unchanged against it (DDE_L4RE_STANDIN). standin.c implements them over
 * the mock machine of tests/mock; standin_ctl.h lets a test shape the
 * simulated L4Re (missing capabilities, refusals) and inspect it.
 *
 * Only what the backend needs is here: this is not an L4Re emulation.
 * Calls that are inline functions in L4Re are plain functions here.
 */
#ifndef TESTS_L4RE_L4RE_STANDIN_H
#define TESTS_L4RE_L4RE_STANDIN_H

#include <pthread.h>
#include <stdint.h>

/* ---- l4/sys/types.h, err.h, consts.h, __l4_fpage.h --------------------- */

typedef uint8_t l4_uint8_t;
typedef uint16_t l4_uint16_t;
typedef uint32_t l4_uint32_t;
typedef uint64_t l4_uint64_t;
typedef unsigned long l4_umword_t;
typedef long l4_mword_t;
typedef unsigned long l4_addr_t;
typedef unsigned long l4_size_t;
typedef unsigned long l4_cap_idx_t;
typedef int16_t l4_ret_t;
typedef uint64_t l4_cpu_time_t;

enum {
	L4_EOK = 0,
	L4_EPERM = 1,
	L4_ENOENT = 2,
	L4_EIO = 5,
	L4_ENXIO = 6,
	L4_EAGAIN = 11,
	L4_ENOMEM = 12,
	L4_EACCESS = 13,
	L4_EFAULT = 14,
	L4_EBUSY = 16,
	L4_EEXIST = 17,
	L4_ENODEV = 19,
	L4_EINVAL = 22,
	L4_ERANGE = 34,
	L4_ENOSYS = 38,
	L4_EADDRNOTAVAIL = 99,
};

#define L4_CAP_SHIFT    12
#define L4_INVALID_CAP  (~0UL << (L4_CAP_SHIFT - 1))
#define L4_CAP_FPAGE_RW 0x3UL

static inline int l4_is_invalid_cap(l4_cap_idx_t c)
{
	return (c & (1UL << (L4_CAP_SHIFT - 1))) != 0;
}

/* A message tag: here only the error the operation ended with. */
typedef struct {
	long err;
} l4_msgtag_t;

typedef struct l4_utcb_t l4_utcb_t;
typedef struct {
	uint32_t raw;
} l4_timeout_t;
#define L4_IPC_NEVER ((l4_timeout_t){0})

long l4_error(l4_msgtag_t tag);
long l4_ipc_error(l4_msgtag_t tag, l4_utcb_t *utcb);
l4_utcb_t *l4_utcb(void);

/* ---- l4/re/env.h, l4/sys/kip.h, l4/re/c/log.h -------------------------- */

typedef struct {
	l4_cap_idx_t mem_alloc;
	l4_cap_idx_t factory;
} l4re_env_t;

typedef struct l4_kernel_info_t l4_kernel_info_t;

l4re_env_t *l4re_env(void);
l4_cap_idx_t l4re_env_get_cap(const char *name);
l4_kernel_info_t *l4re_kip(void);
l4_cpu_time_t l4_kip_clock(l4_kernel_info_t *kip);
void l4re_log_printn(const char *string, int len);

/* ---- capabilities, factory, threads ------------------------------------ */

l4_cap_idx_t l4re_util_cap_alloc(void);
void l4re_util_cap_free_um(l4_cap_idx_t cap);

#define L4RE_PROTO_DMA_SPACE (-1007L)
l4_msgtag_t l4_factory_create(l4_cap_idx_t factory, long obj,
                              l4_cap_idx_t target);
l4_msgtag_t l4_factory_create_irq(l4_cap_idx_t factory, l4_cap_idx_t target);

l4_cap_idx_t pthread_l4_cap(pthread_t t);
l4_msgtag_t l4_thread_yield(void);

/* ---- IRQ objects, ICU, IPC ---------------------------------------------- */

l4_msgtag_t l4_icu_bind(l4_cap_idx_t icu, unsigned irqnum, l4_cap_idx_t irq);
l4_msgtag_t l4_icu_unbind(l4_cap_idx_t icu, unsigned irqnum, l4_cap_idx_t irq);
l4_msgtag_t l4_rcv_ep_bind_thread(l4_cap_idx_t ep, l4_cap_idx_t thread,
                                  l4_umword_t label);
l4_msgtag_t l4_irq_detach(l4_cap_idx_t irq);
l4_msgtag_t l4_irq_unmask(l4_cap_idx_t irq);
l4_msgtag_t l4_irq_trigger(l4_cap_idx_t irq);
l4_msgtag_t l4_ipc_receive(l4_cap_idx_t object, l4_utcb_t *utcb,
                           l4_timeout_t timeout);

/* ---- l4/io/io.h, l4/util/port_io.h --------------------------------------- */

enum { L4IO_MEM_NONCACHED = 0 };

l4_cap_idx_t l4io_request_icu(void);
long l4io_request_ioport(unsigned portnum, unsigned len);
long l4io_release_ioport(unsigned portnum, unsigned len);
long l4io_request_iomem(l4_addr_t phys, unsigned long size, int flags,
                        l4_addr_t *virt);
long l4io_release_iomem(l4_addr_t virt, unsigned long size);

l4_uint8_t l4util_in8(l4_uint16_t port);
l4_uint16_t l4util_in16(l4_uint16_t port);
l4_uint32_t l4util_in32(l4_uint16_t port);
void l4util_out8(l4_uint8_t value, l4_uint16_t port);
void l4util_out16(l4_uint16_t value, l4_uint16_t port);
void l4util_out32(l4_uint32_t value, l4_uint16_t port);

/* ---- l4/vbus/vbus.h, vbus_pci.h, vbus_types.h ---------------------------- */

typedef l4_mword_t l4vbus_device_handle_t;
typedef l4_addr_t l4vbus_paddr_t;

enum {
	L4VBUS_NULL = -1L,
	L4VBUS_ROOT_BUS = 0,
};
enum { L4VBUS_DEV_NAME_LEN = 64, L4VBUS_MAX_DEPTH = 100 };
enum {
	L4VBUS_RESOURCE_INVALID = 0,
	L4VBUS_RESOURCE_IRQ,
	L4VBUS_RESOURCE_MEM,
	L4VBUS_RESOURCE_PORT,
};
enum {
	L4VBUS_DMAD_UNBIND = 0,
	L4VBUS_DMAD_BIND = 1,
	L4VBUS_DMAD_L4RE_DMA_SPACE = 0,
	L4VBUS_DMAD_KERNEL_DMA_SPACE = 2,
};

typedef struct {
	l4_uint16_t type;
	l4_uint16_t flags;
	l4vbus_paddr_t start;
	l4vbus_paddr_t end;
	l4vbus_device_handle_t provider;
	l4_uint32_t id;
} l4vbus_resource_t;

typedef struct {
	l4_uint32_t type;
	char name[L4VBUS_DEV_NAME_LEN];
	unsigned num_resources;
	unsigned flags;
} l4vbus_device_t;

int l4vbus_get_next_device(l4_cap_idx_t vbus, l4vbus_device_handle_t parent,
                           l4vbus_device_handle_t *child, int depth,
                           l4vbus_device_t *devinfo);
int l4vbus_get_resource(l4_cap_idx_t vbus, l4vbus_device_handle_t dev,
                        unsigned res_idx, l4vbus_resource_t *res);
int l4vbus_get_adr(l4_cap_idx_t vbus, l4vbus_device_handle_t dev,
                   l4_uint32_t *adr);
int l4vbus_assign_dma_domain(l4_cap_idx_t vbus, unsigned domain_id,
                             unsigned flags, l4_cap_idx_t dma_space);
int l4vbus_pcidev_cfg_read(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                           l4_uint32_t reg, l4_uint32_t *value,
                           l4_uint32_t width);
int l4vbus_pcidev_cfg_write(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                            l4_uint32_t reg, l4_uint32_t value,
                            l4_uint32_t width);
int l4vbus_pcidev_irq_enable(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                             unsigned char *trigger, unsigned char *polarity);

/* ---- l4/re/c/mem_alloc.h, rm.h, dataspace.h, dma_space.h ----------------- */

typedef l4_cap_idx_t l4re_ds_t;
typedef l4_uint64_t l4re_ds_offset_t;
typedef l4_uint32_t l4re_rm_flags_t;
typedef l4_uint64_t l4re_rm_offset_t;

enum { L4RE_MA_CONTINUOUS = 0x01, L4RE_MA_PINNED = 0x02 };
enum {
	L4RE_RM_F_RW = 0x3,
	L4RE_RM_F_SEARCH_ADDR = 0x020000,
	L4RE_RM_F_EAGER_MAP = 0x080000,
};

l4_ret_t l4re_ma_alloc_align(long size, l4re_ds_t const mem,
                             unsigned long flags, unsigned long align);
int l4re_rm_attach(void **start, unsigned long size, l4re_rm_flags_t flags,
                   l4re_ds_t mem, l4re_rm_offset_t offs, unsigned char align);
int l4re_rm_detach(void *addr);
int l4re_rm_find(l4_addr_t *addr, unsigned long *size, l4re_rm_offset_t *offset,
                 l4re_rm_flags_t *flags, l4re_ds_t *m);

enum l4re_dma_space_direction {
	L4RE_DMA_SPACE_BIDIRECTIONAL,
	L4RE_DMA_SPACE_TO_DEVICE,
	L4RE_DMA_SPACE_FROM_DEVICE,
	L4RE_DMA_SPACE_NONE
};
typedef l4_cap_idx_t l4re_dma_space_t;
typedef l4_uint64_t l4re_dma_space_dma_addr_t;

l4_ret_t l4re_dma_space_map(l4re_dma_space_t dma, l4re_ds_t src,
                            l4re_ds_offset_t offset, l4_size_t *size,
                            unsigned long attrs,
                            enum l4re_dma_space_direction dir,
                            l4re_dma_space_dma_addr_t *dma_addr);
l4_ret_t l4re_dma_space_unmap(l4re_dma_space_t dma,
                              l4re_dma_space_dma_addr_t dma_addr,
                              l4_size_t size, unsigned long attrs,
                              enum l4re_dma_space_direction dir);

/* ---- device memory (the seam of backends/l4re/l4re_sys.h) --------------- */

uint64_t l4re_sys_mmio_read(const volatile void *addr, unsigned width);
void l4re_sys_mmio_write(volatile void *addr, unsigned width, uint64_t val);

#endif /* TESTS_L4RE_L4RE_STANDIN_H */
