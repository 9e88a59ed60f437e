/*
 * resources.c — accounting of I/O ports, device memory and ISA DMA channels.
 *
 * The host only grants access; who claimed what is kept here. Claimed ports
 * are also kept in a bitmap so that every port access can be checked in
 * O(1): a driver touching a port it never claimed is caught at once, on every
 * host, not just where the hardware would fault.
 */
#include "internal.h"

#include <ddekit/panic.h>
#include <ddekit/printf.h>
#include <ddekit/resources.h>

#include <string.h>

#define NR_PORTS      0x10000u
#define NR_ISA_DMA    8
#define BITS_PER_WORD 64u

/* A claimed port or memory range. */
struct res_range {
	struct res_range *next;
	uint64_t start;
	uint64_t count;
	void *virt;  /* memory: where it is mapped */
	bool usable; /* false while the host is still being asked */
};

static struct ddekit_host_mutex *res_lock;
static struct res_range *io_ranges;
static struct res_range *mem_ranges;
static unsigned isa_dma_claimed; /* bit n: channel n */
/* Written under res_lock, read by port accessors without it. */
static uint64_t port_bitmap[NR_PORTS / BITS_PER_WORD];

/* --- ranges -------------------------------------------------------------- */

/* Caller holds res_lock. */
static bool range_overlaps(const struct res_range *list, uint64_t start,
                           uint64_t count)
{
	for (; list; list = list->next)
		if (start < list->start + list->count &&
		    list->start < start + count)
			return true;
	return false;
}

/* Caller holds res_lock. Claims [start, start + count) unless it overlaps;
 * the range is not usable until range_ready(). */
static int range_claim(struct res_range **list, uint64_t start, uint64_t count,
                       struct res_range **out)
{
	struct res_range *r;

	if (range_overlaps(*list, start, count))
		return -DDEKIT_EBUSY;
	r = ddekit__zalloc(sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	r->start = start;
	r->count = count;
	r->next = *list;
	*list = r;
	*out = r;
	return 0;
}

/* Caller holds res_lock. */
static void range_unlink(struct res_range **list, struct res_range *r)
{
	struct res_range **pp;

	for (pp = list; *pp; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			return;
		}
	}
}

/* Caller holds res_lock. The usable range claimed exactly so, or NULL. */
static struct res_range *range_find(struct res_range *list, uint64_t start,
                                    uint64_t count)
{
	for (; list; list = list->next)
		if (list->usable && list->start == start &&
		    list->count == count)
			return list;
	return NULL;
}

/* --- ports --------------------------------------------------------------- */

static void ports_mark(uint64_t start, uint64_t count, bool on)
{
	uint64_t p;

	for (p = start; p < start + count; p++) {
		uint64_t bit = 1ull << (p % BITS_PER_WORD);

		if (on)
			__atomic_fetch_or(&port_bitmap[p / BITS_PER_WORD], bit,
			                  __ATOMIC_RELEASE);
		else
			__atomic_fetch_and(&port_bitmap[p / BITS_PER_WORD],
			                   ~bit, __ATOMIC_RELEASE);
	}
}

int ddekit_request_io(ddekit_addr_t start, ddekit_addr_t count)
{
	struct res_range *r = NULL;
	int err;

	if (count == 0 || start >= NR_PORTS || count > NR_PORTS - start)
		return -DDEKIT_EINVAL;
	ddekit_host_mutex_lock(res_lock);
	err = range_claim(&io_ranges, start, count, &r);
	ddekit_host_mutex_unlock(res_lock);
	if (err < 0)
		return err;

	/* The host may sleep; the claim keeps others off the range. */
	err = ddekit_host_io_request(start, count);

	ddekit_host_mutex_lock(res_lock);
	if (err < 0) {
		range_unlink(&io_ranges, r);
	} else {
		r->usable = true;
		ports_mark(start, count, true);
	}
	ddekit_host_mutex_unlock(res_lock);
	if (err < 0) {
		ddekit_printf("ddekit_request_io: host refused ports "
		              "0x%lx-0x%lx: %s\n",
		              start, start + count - 1, ddekit_strerror(err));
		ddekit__free(r);
	}
	return err;
}

int ddekit_release_io(ddekit_addr_t start, ddekit_addr_t count)
{
	struct res_range *r;

	ddekit_host_mutex_lock(res_lock);
	r = range_find(io_ranges, start, count);
	if (r) {
		range_unlink(&io_ranges, r);
		ports_mark(start, count, false);
	}
	ddekit_host_mutex_unlock(res_lock);
	if (!r)
		return -DDEKIT_EINVAL;
	ddekit_host_io_release(start, count);
	ddekit__free(r);
	return 0;
}

/* Panics unless [port, port + width) was claimed. */
static void port_check(ddekit_addr_t port, unsigned width, const char *who)
{
	uint64_t p;

	for (p = port; p < (uint64_t)port + width; p++) {
		if (p >= NR_PORTS ||
		    !(__atomic_load_n(&port_bitmap[p / BITS_PER_WORD],
		                      __ATOMIC_ACQUIRE) &
		      (1ull << (p % BITS_PER_WORD))))
			ddekit_panic("%s: port 0x%lx was not requested with "
			             "ddekit_request_io()",
			             who, (unsigned long)p);
	}
}

unsigned char ddekit_inb(ddekit_addr_t port)
{
	port_check(port, 1, "ddekit_inb");
	return (unsigned char)ddekit_host_io_read(port, 1);
}

unsigned short ddekit_inw(ddekit_addr_t port)
{
	port_check(port, 2, "ddekit_inw");
	return (unsigned short)ddekit_host_io_read(port, 2);
}

unsigned long ddekit_inl(ddekit_addr_t port)
{
	port_check(port, 4, "ddekit_inl");
	return ddekit_host_io_read(port, 4);
}

void ddekit_outb(ddekit_addr_t port, unsigned char val)
{
	port_check(port, 1, "ddekit_outb");
	ddekit_host_io_write(port, 1, val);
}

void ddekit_outw(ddekit_addr_t port, unsigned short val)
{
	port_check(port, 2, "ddekit_outw");
	ddekit_host_io_write(port, 2, val);
}

void ddekit_outl(ddekit_addr_t port, unsigned long val)
{
	port_check(port, 4, "ddekit_outl");
	ddekit_host_io_write(port, 4, (uint32_t)val);
}

/* --- device memory ------------------------------------------------------- */

int ddekit_request_mem(ddekit_addr_t start, ddekit_addr_t count,
                       ddekit_addr_t *vaddr)
{
	struct res_range *r = NULL;
	void *virt = NULL;
	int err;

	if (!vaddr || count == 0 || start + count - 1 < start)
		return -DDEKIT_EINVAL;
	ddekit_host_mutex_lock(res_lock);
	err = range_claim(&mem_ranges, start, count, &r);
	ddekit_host_mutex_unlock(res_lock);
	if (err < 0)
		return err;

	err = ddekit_host_mmio_map(start, count, &virt);

	ddekit_host_mutex_lock(res_lock);
	if (err < 0) {
		range_unlink(&mem_ranges, r);
	} else {
		r->virt = virt;
		r->usable = true;
	}
	ddekit_host_mutex_unlock(res_lock);
	if (err < 0) {
		ddekit_printf(
		    "ddekit_request_mem: cannot map 0x%lx-0x%lx: %s\n", start,
		    start + count - 1, ddekit_strerror(err));
		ddekit__free(r);
		return err;
	}
	*vaddr = (ddekit_addr_t)virt;
	return 0;
}

int ddekit_release_mem(ddekit_addr_t start, ddekit_addr_t count)
{
	struct res_range *r;

	ddekit_host_mutex_lock(res_lock);
	r = range_find(mem_ranges, start, count);
	if (r)
		range_unlink(&mem_ranges, r);
	ddekit_host_mutex_unlock(res_lock);
	if (!r)
		return -DDEKIT_EINVAL;
	ddekit_host_mmio_unmap(r->virt, r->count);
	ddekit__free(r);
	return 0;
}

ddekit_uint8_t ddekit_mmio_read8(const volatile void *addr)
{
	return (ddekit_uint8_t)ddekit_host_mmio_read(addr, 1);
}

ddekit_uint16_t ddekit_mmio_read16(const volatile void *addr)
{
	return (ddekit_uint16_t)ddekit_host_mmio_read(addr, 2);
}

ddekit_uint32_t ddekit_mmio_read32(const volatile void *addr)
{
	return (ddekit_uint32_t)ddekit_host_mmio_read(addr, 4);
}

ddekit_uint64_t ddekit_mmio_read64(const volatile void *addr)
{
	return ddekit_host_mmio_read(addr, 8);
}

void ddekit_mmio_write8(volatile void *addr, ddekit_uint8_t val)
{
	ddekit_host_mmio_write(addr, 1, val);
}

void ddekit_mmio_write16(volatile void *addr, ddekit_uint16_t val)
{
	ddekit_host_mmio_write(addr, 2, val);
}

void ddekit_mmio_write32(volatile void *addr, ddekit_uint32_t val)
{
	ddekit_host_mmio_write(addr, 4, val);
}

void ddekit_mmio_write64(volatile void *addr, ddekit_uint64_t val)
{
	ddekit_host_mmio_write(addr, 8, val);
}

/* --- ISA DMA channels ---------------------------------------------------- */

int ddekit_request_dma(int nr)
{
	int err = 0;

	if (nr < 0 || nr >= NR_ISA_DMA)
		return -DDEKIT_EINVAL;
	ddekit_host_mutex_lock(res_lock);
	if (isa_dma_claimed & (1u << nr))
		err = -DDEKIT_EBUSY;
	else
		isa_dma_claimed |= 1u << nr;
	ddekit_host_mutex_unlock(res_lock);
	return err;
}

int ddekit_release_dma(int nr)
{
	int err = 0;

	if (nr < 0 || nr >= NR_ISA_DMA)
		return -DDEKIT_EINVAL;
	ddekit_host_mutex_lock(res_lock);
	if (isa_dma_claimed & (1u << nr))
		isa_dma_claimed &= ~(1u << nr);
	else
		err = -DDEKIT_EINVAL;
	ddekit_host_mutex_unlock(res_lock);
	return err;
}

/* --- life cycle ---------------------------------------------------------- */

int ddekit__resources_init(void)
{
	io_ranges = NULL;
	mem_ranges = NULL;
	isa_dma_claimed = 0;
	memset(port_bitmap, 0, sizeof(port_bitmap));
	return ddekit_host_mutex_create(&res_lock);
}

void ddekit__resources_fini(void)
{
	struct res_range *r;

	/* Only usable ranges exist here: requests finished before fini. */
	while ((r = io_ranges)) {
		io_ranges = r->next;
		ports_mark(r->start, r->count, false);
		ddekit_host_io_release(r->start, r->count);
		ddekit__free(r);
	}
	while ((r = mem_ranges)) {
		mem_ranges = r->next;
		ddekit_host_mmio_unmap(r->virt, r->count);
		ddekit__free(r);
	}
	isa_dma_claimed = 0;
	if (res_lock)
		ddekit_host_mutex_destroy(res_lock);
	res_lock = NULL;
}
