/*
 * standin.c — the L4Re calls of l4re_standin.h, simulated over the mock
 * machine (whose own host interface is renamed mocksim_host_*, see
 * mock_rename.h).
 *
 * Capabilities are slots in one table. The simulation keeps L4Re's rules
 * that the backend must follow and that a plain mock would let slip: IRQ
 * objects must be bound to the receiving thread before a receive, a DMA
 * space maps nothing before it is bound to the vbus's DMA domain, PCI
 * configuration widths are in bits, dataspaces are released by freeing
 * their capability, and every capability taken must be given back.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mock_rename.h"

#include <ddekit/host.h>

#include "l4re_standin.h"
#include "standin_ctl.h"

#define NOBJ          512
#define CAP_OF(i)     ((l4_cap_idx_t)((i) + 16) << L4_CAP_SHIFT)
#define VBUS_CAP      ((l4_cap_idx_t)1 << L4_CAP_SHIFT)
#define ICU_CAP       ((l4_cap_idx_t)2 << L4_CAP_SHIFT)
#define FACTORY_CAP   ((l4_cap_idx_t)3 << L4_CAP_SHIFT)
#define MEM_ALLOC_CAP ((l4_cap_idx_t)4 << L4_CAP_SHIFT)
#define HEAP_DS_CAP   ((l4_cap_idx_t)5 << L4_CAP_SHIFT)
#define MAX_FNS       32

enum kind { FREE = 0, EMPTY, IRQ, DS, DMA_SPACE };

struct obj {
	enum kind kind;
	/* IRQ */
	struct ddekit_host_irq *src;
	unsigned line;
	int icu_bound;
	l4_cap_idx_t thread;
	unsigned triggers;
	/* DS */
	void *virt;
	size_t size;
	uint64_t bus;
	unsigned attached;
	unsigned dma_maps;
	/* DMA_SPACE */
	int bound;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct obj objs[NOBJ];
static struct ddekit_host_pci_fn fns[MAX_FNS];
static unsigned nfns;
static unsigned withheld;
static unsigned bad_widths;
static int booted;
static l4re_env_t env = {.mem_alloc = MEM_ALLOC_CAP, .factory = FACTORY_CAP};

static l4_msgtag_t tag(long err)
{
	l4_msgtag_t t = {.err = err};

	return t;
}

/* Caller holds lock. */
static struct obj *obj_of(l4_cap_idx_t cap)
{
	unsigned long i = cap >> L4_CAP_SHIFT;

	if (l4_is_invalid_cap(cap) || i < 16 || i - 16 >= NOBJ)
		return NULL;
	if (objs[i - 16].kind == FREE)
		return NULL;
	return &objs[i - 16];
}

static long l4_from_ddekit(int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case -DDEKIT_ENOMEM:
		return -L4_ENOMEM;
	case -DDEKIT_EBUSY:
		return -L4_EBUSY;
	case -DDEKIT_ENODEV:
	case -DDEKIT_ENOENT:
		return -L4_ENOENT;
	case -DDEKIT_EACCES:
		return -L4_EACCESS;
	case -DDEKIT_EPERM:
		return -L4_EPERM;
	case -DDEKIT_EFAULT:
		return -L4_ERANGE;
	case -DDEKIT_ERANGE:
		return -L4_ERANGE;
	default:
		return -L4_EIO;
	}
}

/* ---- control --------------------------------------------------------------
 */

int l4re_standin_boot(unsigned withhold)
{
	int rc;

	rc = mocksim_host_init(DDEKIT_HOST_VERSION);
	if (rc < 0)
		return rc;
	pthread_mutex_lock(&lock);
	memset(objs, 0, sizeof(objs));
	withheld = withhold;
	bad_widths = 0;
	rc = mocksim_host_pci_enumerate(fns, MAX_FNS, &nfns);
	if (nfns > MAX_FNS)
		nfns = MAX_FNS;
	booted = rc == 0;
	pthread_mutex_unlock(&lock);
	if (rc < 0)
		mocksim_host_fini();
	return rc;
}

int l4re_standin_shutdown(void)
{
	int left = 0;
	unsigned i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++) {
		if (objs[i].kind == FREE)
			continue;
		fprintf(stderr,
		        "standin: capability slot %u (kind %d) never "
		        "freed\n",
		        i, objs[i].kind);
		left++;
		if (objs[i].kind == IRQ && objs[i].icu_bound)
			mocksim_host_irq_detach(objs[i].src);
		if (objs[i].kind == DS)
			mocksim_host_mem_free(objs[i].virt, objs[i].size);
		objs[i].kind = FREE;
	}
	booted = 0;
	pthread_mutex_unlock(&lock);
	mocksim_host_fini();
	return left;
}

unsigned l4re_standin_live_caps(void)
{
	unsigned i, n = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++)
		n += objs[i].kind != FREE;
	pthread_mutex_unlock(&lock);
	return n;
}

int l4re_standin_icu_bound(unsigned line)
{
	unsigned i;
	int found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++)
		if (objs[i].kind == IRQ && objs[i].icu_bound &&
		    objs[i].line == line)
			found = 1;
	pthread_mutex_unlock(&lock);
	return found;
}

int l4re_standin_dma_bound(void)
{
	unsigned i;
	int found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++)
		if (objs[i].kind == DMA_SPACE && objs[i].bound)
			found = 1;
	pthread_mutex_unlock(&lock);
	return found;
}

unsigned l4re_standin_dma_mappings(void)
{
	unsigned i, n = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++)
		if (objs[i].kind == DS)
			n += objs[i].dma_maps;
	pthread_mutex_unlock(&lock);
	return n;
}

unsigned l4re_standin_bad_cfg_widths(void)
{
	unsigned n;

	pthread_mutex_lock(&lock);
	n = bad_widths;
	pthread_mutex_unlock(&lock);
	return n;
}

/* ---- l4sys basics ----------------------------------------------------------
 */

long l4_error(l4_msgtag_t t)
{
	return t.err;
}

long l4_ipc_error(l4_msgtag_t t, l4_utcb_t *utcb)
{
	(void)utcb;
	return t.err ? 1 : 0;
}

l4_utcb_t *l4_utcb(void)
{
	return NULL;
}

l4re_env_t *l4re_env(void)
{
	return &env;
}

l4_cap_idx_t l4re_env_get_cap(const char *name)
{
	if (strcmp(name, "vbus") == 0 && !(withheld & STANDIN_NO_VBUS))
		return VBUS_CAP;
	return L4_INVALID_CAP;
}

l4_kernel_info_t *l4re_kip(void)
{
	return NULL;
}

l4_cpu_time_t l4_kip_clock(l4_kernel_info_t *kip)
{
	(void)kip;
	return mocksim_host_clock_ns() / 1000u;
}

void l4re_log_printn(const char *string, int len)
{
	if (len > 0)
		mocksim_host_console_write(string, (size_t)len);
}

l4_cap_idx_t pthread_l4_cap(pthread_t t)
{
	/* Any value that is a valid, distinct capability per thread. */
	return ((l4_cap_idx_t)t << L4_CAP_SHIFT) | ((l4_cap_idx_t)1 << 62);
}

l4_msgtag_t l4_thread_yield(void)
{
	sched_yield();
	return tag(0);
}

/* ---- capabilities and factories ---------------------------------------------
 */

l4_cap_idx_t l4re_util_cap_alloc(void)
{
	l4_cap_idx_t cap = L4_INVALID_CAP;
	unsigned i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++) {
		if (objs[i].kind == FREE) {
			memset(&objs[i], 0, sizeof(objs[i]));
			objs[i].kind = EMPTY;
			cap = CAP_OF(i);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return cap;
}

void l4re_util_cap_free_um(l4_cap_idx_t cap)
{
	struct ddekit_host_irq *src = NULL;
	void *virt = NULL;
	size_t size = 0;
	struct obj *o;

	pthread_mutex_lock(&lock);
	o = obj_of(cap);
	if (!o) {
		pthread_mutex_unlock(&lock);
		fprintf(stderr,
		        "standin: free of capability 0x%lx that is "
		        "not allocated\n",
		        cap);
		abort();
	}
	/* Deleting the object ends its ICU binding and its memory. */
	if (o->kind == IRQ && o->icu_bound)
		src = o->src;
	if (o->kind == DS) {
		if (o->attached || o->dma_maps)
			fprintf(stderr,
			        "standin: dataspace freed while "
			        "attached (%u) or DMA-mapped (%u)\n",
			        o->attached, o->dma_maps);
		virt = o->virt;
		size = o->size;
	}
	memset(o, 0, sizeof(*o));
	pthread_mutex_unlock(&lock);
	if (src)
		mocksim_host_irq_detach(src);
	if (virt)
		mocksim_host_mem_free(virt, size);
}

l4_msgtag_t l4_factory_create(l4_cap_idx_t factory, long obj,
                              l4_cap_idx_t target)
{
	struct obj *o;
	long err = 0;

	pthread_mutex_lock(&lock);
	o = obj_of(target);
	if (factory != MEM_ALLOC_CAP || obj != L4RE_PROTO_DMA_SPACE)
		err = -L4_ENOSYS;
	else if (!o || o->kind != EMPTY)
		err = -L4_EINVAL;
	else
		o->kind = DMA_SPACE;
	pthread_mutex_unlock(&lock);
	return tag(err);
}

l4_msgtag_t l4_factory_create_irq(l4_cap_idx_t factory, l4_cap_idx_t target)
{
	struct obj *o;
	long err = 0;

	pthread_mutex_lock(&lock);
	o = obj_of(target);
	if (factory != FACTORY_CAP)
		err = -L4_EPERM;
	else if (!o || o->kind != EMPTY)
		err = -L4_EINVAL;
	else
		o->kind = IRQ;
	pthread_mutex_unlock(&lock);
	return tag(err);
}

/* ---- IRQ objects and the ICU
 * ------------------------------------------------- */

l4_msgtag_t l4_icu_bind(l4_cap_idx_t icu, unsigned irqnum, l4_cap_idx_t irq)
{
	struct ddekit_host_irq *src;
	struct obj *o;
	int rc;

	pthread_mutex_lock(&lock);
	o = obj_of(irq);
	if (icu != ICU_CAP || !o || o->kind != IRQ || o->icu_bound) {
		pthread_mutex_unlock(&lock);
		return tag(-L4_EINVAL);
	}
	pthread_mutex_unlock(&lock);
	rc = mocksim_host_irq_attach(DDEKIT_HOST_IRQ_LINE, irqnum, NULL, &src);
	if (rc < 0)
		return tag(rc == -DDEKIT_ENODEV ? -L4_EINVAL
		                                : l4_from_ddekit(rc));
	pthread_mutex_lock(&lock);
	o->src = src;
	o->line = irqnum;
	o->icu_bound = 1;
	pthread_mutex_unlock(&lock);
	return tag(0);
}

l4_msgtag_t l4_icu_unbind(l4_cap_idx_t icu, unsigned irqnum, l4_cap_idx_t irq)
{
	struct ddekit_host_irq *src = NULL;
	struct obj *o;

	pthread_mutex_lock(&lock);
	o = obj_of(irq);
	if (icu == ICU_CAP && o && o->kind == IRQ && o->icu_bound &&
	    o->line == irqnum) {
		src = o->src;
		o->icu_bound = 0;
		o->src = NULL;
	}
	pthread_mutex_unlock(&lock);
	if (!src)
		return tag(-L4_EINVAL);
	mocksim_host_irq_detach(src);
	return tag(0);
}

l4_msgtag_t l4_rcv_ep_bind_thread(l4_cap_idx_t ep, l4_cap_idx_t thread,
                                  l4_umword_t label)
{
	struct obj *o;
	long err = 0;

	(void)label;
	pthread_mutex_lock(&lock);
	o = obj_of(ep);
	if (!o || o->kind != IRQ)
		err = -L4_EINVAL;
	else
		o->thread = thread;
	pthread_mutex_unlock(&lock);
	return tag(err);
}

l4_msgtag_t l4_irq_detach(l4_cap_idx_t irq)
{
	struct obj *o;
	long err = 0;

	pthread_mutex_lock(&lock);
	o = obj_of(irq);
	if (!o || o->kind != IRQ)
		err = -L4_EINVAL;
	else
		o->thread = 0;
	pthread_mutex_unlock(&lock);
	return tag(err);
}

l4_msgtag_t l4_irq_unmask(l4_cap_idx_t irq)
{
	struct ddekit_host_irq *src = NULL;
	struct obj *o;
	long err = 0;

	pthread_mutex_lock(&lock);
	o = obj_of(irq);
	if (!o || o->kind != IRQ)
		err = -L4_EINVAL;
	else if (o->icu_bound)
		src = o->src;
	pthread_mutex_unlock(&lock);
	if (src && mocksim_host_irq_unmask(src) < 0)
		err = -L4_EIO;
	return tag(err);
}

l4_msgtag_t l4_irq_trigger(l4_cap_idx_t irq)
{
	struct ddekit_host_irq *src = NULL;
	struct obj *o;
	long err = 0;

	pthread_mutex_lock(&lock);
	o = obj_of(irq);
	if (!o || o->kind != IRQ)
		err = -L4_EINVAL;
	else if (o->icu_bound)
		src = o->src;
	else
		o->triggers++;
	pthread_mutex_unlock(&lock);
	/* The receiver wakes as for an interrupt: the mock's cancel is its
	 * way of waking a waiter without one. */
	if (src)
		mocksim_host_irq_cancel(src);
	return tag(err);
}

l4_msgtag_t l4_ipc_receive(l4_cap_idx_t object, l4_utcb_t *utcb,
                           l4_timeout_t timeout)
{
	struct ddekit_host_irq *src = NULL;
	struct obj *o;
	long err = 0;
	int n;

	(void)utcb;
	(void)timeout;
	pthread_mutex_lock(&lock);
	o = obj_of(object);
	if (!o || o->kind != IRQ) {
		err = -L4_EINVAL;
	} else if (o->thread != pthread_l4_cap(pthread_self())) {
		/* L4: an IRQ delivers only to the thread it is bound to. */
		fprintf(stderr, "standin: receive from an IRQ object not "
		                "bound to the receiving thread\n");
		err = -L4_EPERM;
	} else if (o->triggers) {
		o->triggers--;
	} else if (o->icu_bound) {
		src = o->src;
	} else {
		err = -L4_EIO; /* would block forever */
	}
	pthread_mutex_unlock(&lock);
	if (src) {
		n = mocksim_host_irq_wait(src);
		if (n < 0 && n != -DDEKIT_ECANCELED)
			err = -L4_EIO;
	}
	return tag(err);
}

/* ---- io
 * ---------------------------------------------------------------------- */

l4_cap_idx_t l4io_request_icu(void)
{
	return (withheld & STANDIN_NO_ICU) ? L4_INVALID_CAP : ICU_CAP;
}

long l4io_request_ioport(unsigned portnum, unsigned len)
{
	return l4_from_ddekit(mocksim_host_io_request(portnum, len));
}

long l4io_release_ioport(unsigned portnum, unsigned len)
{
	mocksim_host_io_release(portnum, len);
	return 0;
}

long l4io_request_iomem(l4_addr_t phys, unsigned long size, int flags,
                        l4_addr_t *virt)
{
	void *v = NULL;
	int rc;

	(void)flags;
	if ((phys | size) & (DDEKIT_HOST_PAGE_SIZE - 1))
		return -L4_EINVAL; /* io maps whole pages */
	rc = mocksim_host_mmio_map(phys, size, &v);
	if (rc < 0)
		return l4_from_ddekit(rc);
	*virt = (l4_addr_t)v;
	return 0;
}

long l4io_release_iomem(l4_addr_t virt, unsigned long size)
{
	mocksim_host_mmio_unmap((void *)virt, size);
	return 0;
}

l4_uint8_t l4util_in8(l4_uint16_t port)
{
	return (l4_uint8_t)mocksim_host_io_read(port, 1);
}

l4_uint16_t l4util_in16(l4_uint16_t port)
{
	return (l4_uint16_t)mocksim_host_io_read(port, 2);
}

l4_uint32_t l4util_in32(l4_uint16_t port)
{
	return mocksim_host_io_read(port, 4);
}

void l4util_out8(l4_uint8_t value, l4_uint16_t port)
{
	mocksim_host_io_write(port, 1, value);
}

void l4util_out16(l4_uint16_t value, l4_uint16_t port)
{
	mocksim_host_io_write(port, 2, value);
}

void l4util_out32(l4_uint32_t value, l4_uint16_t port)
{
	mocksim_host_io_write(port, 4, value);
}

uint64_t l4re_sys_mmio_read(const volatile void *addr, unsigned width)
{
	return mocksim_host_mmio_read(addr, width);
}

void l4re_sys_mmio_write(volatile void *addr, unsigned width, uint64_t val)
{
	mocksim_host_mmio_write(addr, width, val);
}

/* ---- the vbus
 * ----------------------------------------------------------------- */

/* Handles 1..nfns are the PCI functions; nfns + 1 is a device that is no
 * PCI function (as io's ISA devices are), which the backend must skip. */
static const struct ddekit_host_pci_fn *pci_of(l4vbus_device_handle_t h)
{
	if (h < 1 || (unsigned long)h > nfns)
		return NULL;
	return &fns[h - 1];
}

static unsigned resources_of(const struct ddekit_host_pci_fn *fn,
                             l4vbus_resource_t *res, unsigned max)
{
	unsigned n = 0, b;

	for (b = 0; b < 6; b++) {
		if (!fn->bar[b].size)
			continue;
		if (n < max) {
			memset(&res[n], 0, sizeof(res[n]));
			res[n].type = (fn->bar[b].flags & DDEKIT_HOST_BAR_IO)
			                  ? L4VBUS_RESOURCE_PORT
			                  : L4VBUS_RESOURCE_MEM;
			res[n].start = fn->bar[b].base;
			res[n].end = fn->bar[b].base + fn->bar[b].size - 1;
		}
		n++;
	}
	if (fn->irq_pin) {
		if (n < max) {
			memset(&res[n], 0, sizeof(res[n]));
			res[n].type = L4VBUS_RESOURCE_IRQ;
			res[n].start = res[n].end = fn->irq_line;
		}
		n++;
	}
	return n;
}

int l4vbus_get_next_device(l4_cap_idx_t vbus, l4vbus_device_handle_t parent,
                           l4vbus_device_handle_t *child, int depth,
                           l4vbus_device_t *devinfo)
{
	l4vbus_device_handle_t next;

	(void)depth;
	if (vbus != VBUS_CAP || parent != L4VBUS_ROOT_BUS)
		return -L4_EINVAL;
	next = *child == L4VBUS_NULL ? 1 : *child + 1;
	if ((unsigned long)next > nfns + 1)
		return -L4_ENODEV;
	*child = next;
	if (devinfo) {
		memset(devinfo, 0, sizeof(*devinfo));
		if (pci_of(next)) {
			snprintf(devinfo->name, sizeof(devinfo->name),
			         "PCI/%04x:%04x", pci_of(next)->vendor,
			         pci_of(next)->device);
			devinfo->num_resources =
			    resources_of(pci_of(next), NULL, 0);
		} else {
			snprintf(devinfo->name, sizeof(devinfo->name), "ISA");
		}
	}
	return 0;
}

int l4vbus_get_resource(l4_cap_idx_t vbus, l4vbus_device_handle_t dev,
                        unsigned res_idx, l4vbus_resource_t *res)
{
	const struct ddekit_host_pci_fn *fn = pci_of(dev);
	l4vbus_resource_t all[8];
	unsigned n;

	if (vbus != VBUS_CAP || !fn)
		return -L4_EINVAL;
	n = resources_of(fn, all, 8);
	if (res_idx >= n || res_idx >= 8)
		return -L4_ENOENT;
	*res = all[res_idx];
	return 0;
}

int l4vbus_get_adr(l4_cap_idx_t vbus, l4vbus_device_handle_t dev,
                   l4_uint32_t *adr)
{
	const struct ddekit_host_pci_fn *fn = pci_of(dev);

	if (vbus != VBUS_CAP || !fn)
		return -L4_ENOSYS;
	*adr = (l4_uint32_t)fn->dev << 16 | fn->fn;
	return 0;
}

int l4vbus_assign_dma_domain(l4_cap_idx_t vbus, unsigned domain_id,
                             unsigned flags, l4_cap_idx_t dma_space)
{
	struct obj *o;
	int err = 0;

	(void)domain_id;
	if (vbus != VBUS_CAP)
		return -L4_EINVAL;
	if (withheld & STANDIN_NO_DMA_DOMAIN)
		return -L4_ENOENT;
	if (flags & L4VBUS_DMAD_KERNEL_DMA_SPACE)
		return -L4_EINVAL;
	pthread_mutex_lock(&lock);
	o = obj_of(dma_space);
	if (!o || o->kind != DMA_SPACE)
		err = -L4_EINVAL;
	else
		o->bound = (flags & L4VBUS_DMAD_BIND) != 0;
	pthread_mutex_unlock(&lock);
	return err;
}

static int cfg_check(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                     l4_uint32_t width)
{
	if (vbus != VBUS_CAP)
		return -L4_EINVAL;
	if (width != 8 && width != 16 && width != 32) {
		pthread_mutex_lock(&lock);
		bad_widths++;
		pthread_mutex_unlock(&lock);
		return -L4_EINVAL;
	}
	if (!pci_of(handle))
		return -L4_ENODEV;
	return 0;
}

int l4vbus_pcidev_cfg_read(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                           l4_uint32_t reg, l4_uint32_t *value,
                           l4_uint32_t width)
{
	uint32_t v;
	int err = cfg_check(vbus, handle, width);

	if (err < 0)
		return err;
	if (mocksim_host_pci_cfg_read(pci_of(handle), reg, width / 8, &v) < 0)
		return -L4_EIO;
	*value = v;
	return 0;
}

int l4vbus_pcidev_cfg_write(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                            l4_uint32_t reg, l4_uint32_t value,
                            l4_uint32_t width)
{
	int err = cfg_check(vbus, handle, width);

	if (err < 0)
		return err;
	if (mocksim_host_pci_cfg_write(pci_of(handle), reg, width / 8, value) <
	    0)
		return -L4_EIO;
	return 0;
}

int l4vbus_pcidev_irq_enable(l4_cap_idx_t vbus, l4vbus_device_handle_t handle,
                             unsigned char *trigger, unsigned char *polarity)
{
	const struct ddekit_host_pci_fn *fn = pci_of(handle);

	if (vbus != VBUS_CAP || !fn)
		return -L4_EINVAL;
	if (!fn->irq_pin || fn->irq_line == 0xff)
		return -L4_ENOENT;
	*trigger = 0;  /* level */
	*polarity = 1; /* low */
	return fn->irq_line;
}

/* ---- memory: dataspaces, region map, DMA space
 * ---------------------------------- */

l4_ret_t l4re_ma_alloc_align(long size, l4re_ds_t const mem,
                             unsigned long flags, unsigned long align)
{
	struct ddekit_host_mem_req req = {0};
	uint64_t bus = 0;
	void *virt = NULL;
	struct obj *o;
	int rc;

	if (size <= 0)
		return -L4_EINVAL;
	if (!(flags & L4RE_MA_CONTINUOUS) || !(flags & L4RE_MA_PINNED))
		return -L4_EINVAL; /* all the backend may use for devices */
	pthread_mutex_lock(&lock);
	o = obj_of(mem);
	rc = o && o->kind == EMPTY;
	pthread_mutex_unlock(&lock);
	if (!rc)
		return -L4_EINVAL;
	req.size = (size_t)size;
	req.align = align < 12 ? DDEKIT_HOST_PAGE_SIZE : (size_t)1 << align;
	req.bus_high = UINT64_MAX;
	req.flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG;
	rc = mocksim_host_mem_alloc(&req, &virt, NULL, &bus);
	if (rc < 0)
		return (l4_ret_t)l4_from_ddekit(rc);
	pthread_mutex_lock(&lock);
	o->kind = DS;
	o->virt = virt;
	o->size = ((size_t)size + DDEKIT_HOST_PAGE_SIZE - 1) &
	          ~(size_t)(DDEKIT_HOST_PAGE_SIZE - 1);
	o->bus = bus;
	pthread_mutex_unlock(&lock);
	return 0;
}

int l4re_rm_attach(void **start, unsigned long size, l4re_rm_flags_t flags,
                   l4re_ds_t mem, l4re_rm_offset_t offs, unsigned char align)
{
	struct obj *o;
	int err = 0;

	(void)align;
	if (!(flags & L4RE_RM_F_SEARCH_ADDR))
		return -L4_EADDRNOTAVAIL;
	pthread_mutex_lock(&lock);
	o = obj_of(mem);
	if (!o || o->kind != DS || offs + size > o->size) {
		err = -L4_EINVAL;
	} else {
		*start = (char *)o->virt + offs;
		o->attached++;
	}
	pthread_mutex_unlock(&lock);
	return err;
}

int l4re_rm_detach(void *addr)
{
	int err = -L4_ENOENT;
	unsigned i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++) {
		if (objs[i].kind == DS && objs[i].attached &&
		    objs[i].virt == addr) {
			objs[i].attached--;
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return err;
}

int l4re_rm_find(l4_addr_t *addr, unsigned long *size, l4re_rm_offset_t *offset,
                 l4re_rm_flags_t *flags, l4re_ds_t *m)
{
	unsigned i;

	*flags = L4RE_RM_F_RW;
	pthread_mutex_lock(&lock);
	for (i = 0; i < NOBJ; i++) {
		struct obj *o = &objs[i];
		l4_addr_t b = (l4_addr_t)o->virt;

		if (o->kind == DS && o->attached && *addr >= b &&
		    *addr < b + o->size) {
			*addr = b;
			*size = o->size;
			*offset = 0;
			*m = CAP_OF(i);
			pthread_mutex_unlock(&lock);
			return 0;
		}
	}
	pthread_mutex_unlock(&lock);
	/* Everything else is the program's heap: one dataspace whose
	 * offsets are its addresses. */
	*offset = *addr;
	*m = HEAP_DS_CAP;
	return 0;
}

l4_ret_t l4re_dma_space_map(l4re_dma_space_t dma, l4re_ds_t src,
                            l4re_ds_offset_t offset, l4_size_t *size,
                            unsigned long attrs,
                            enum l4re_dma_space_direction dir,
                            l4re_dma_space_dma_addr_t *dma_addr)
{
	l4re_ds_t ds = src & ~(l4_cap_idx_t)L4_CAP_FPAGE_RW;
	struct obj *d, *o;
	l4_ret_t err = 0;

	(void)attrs;
	(void)dir;
	pthread_mutex_lock(&lock);
	d = obj_of(dma);
	o = obj_of(ds);
	if (!d || d->kind != DMA_SPACE || !d->bound) {
		/* L4Re: association (binding to the DMA domain) comes
		 * before any mapping. */
		err = -L4_EINVAL;
	} else if (ds == HEAP_DS_CAP || !o || o->kind != DS) {
		/* moe, DMA space associated with physical addresses (no
		 * IOMMU): only contiguous dataspaces can be mapped; the
		 * heap's paged dataspace cannot. */
		err = -L4_EINVAL;
	} else if (offset >= o->size) {
		err = -L4_ERANGE;
	} else {
		if (*size > o->size - offset)
			*size = o->size - offset;
		o->dma_maps++;
		*dma_addr = o->bus + offset;
	}
	pthread_mutex_unlock(&lock);
	return err;
}

l4_ret_t l4re_dma_space_unmap(l4re_dma_space_t dma,
                              l4re_dma_space_dma_addr_t dma_addr,
                              l4_size_t size, unsigned long attrs,
                              enum l4re_dma_space_direction dir)
{
	struct obj *d;
	l4_ret_t err = -L4_ENOENT;
	unsigned i;

	(void)size;
	(void)attrs;
	(void)dir;
	pthread_mutex_lock(&lock);
	d = obj_of(dma);
	if (!d || d->kind != DMA_SPACE) {
		pthread_mutex_unlock(&lock);
		return -L4_EINVAL;
	}
	for (i = 0; i < NOBJ; i++) {
		struct obj *o = &objs[i];

		if (o->kind == DS && o->dma_maps && dma_addr >= o->bus &&
		    dma_addr < o->bus + o->size) {
			o->dma_maps--;
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return err;
}
