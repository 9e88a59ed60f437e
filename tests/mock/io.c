/*
 * io.c — port I/O on the simulated machine.
 *
 * A port belongs to the PCI function whose I/O BAR decodes it (only while
 * I/O decoding is on in its command register) or to the ISA device whose
 * "reg" range holds it; a port nobody decodes reads all-ones and swallows
 * writes, like a floating bus. Requesting ports is granted like ioperm(2)
 * for a privileged process: any range inside the 64 Ki ports, except the
 * ranges a test denied with mock_io_deny(). Access is not checked against
 * requests (on real hardware a missing request crashes, which no test wants
 * to observe that way).
 */
#include "mock_internal.h"

#include <stdlib.h>

#define NPORTS 0x10000u

struct io_range {
	uint64_t port, count;
	struct io_range *next;
};

static pthread_mutex_t io_lock = PTHREAD_MUTEX_INITIALIZER;
static struct io_range *granted;
static struct io_range *denied;
static unsigned long ngranted;

static bool overlaps(const struct io_range *r, uint64_t port, uint64_t count)
{
	return r->port < port + count && port < r->port + r->count;
}

void mock_io_deny(uint64_t port, uint64_t count)
{
	struct io_range *r = calloc(1, sizeof(*r));

	if (!r)
		return;
	r->port = port;
	r->count = count;
	pthread_mutex_lock(&io_lock);
	r->next = denied;
	denied = r;
	pthread_mutex_unlock(&io_lock);
}

int ddekit_host_io_request(uint64_t port, uint64_t count)
{
	struct io_range *r;
	int rc = 0;

	if (!count || port >= NPORTS || count > NPORTS - port)
		return -DDEKIT_EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	pthread_mutex_lock(&io_lock);
	for (struct io_range *d = denied; d; d = d->next) {
		if (overlaps(d, port, count)) {
			rc = -DDEKIT_EACCES;
			break;
		}
	}
	if (rc == 0) {
		r->port = port;
		r->count = count;
		r->next = granted;
		granted = r;
		ngranted++;
		r = NULL;
	}
	pthread_mutex_unlock(&io_lock);
	if (rc < 0)
		mock__log("mock: access to ports 0x%llx-0x%llx refused "
		          "(mock_io_deny())\n",
		          (unsigned long long)port,
		          (unsigned long long)(port + count - 1));
	free(r);
	return rc;
}

void ddekit_host_io_release(uint64_t port, uint64_t count)
{
	struct io_range *found = NULL;

	pthread_mutex_lock(&io_lock);
	for (struct io_range **link = &granted; *link; link = &(*link)->next) {
		if ((*link)->port == port && (*link)->count == count) {
			found = *link;
			*link = found->next;
			ngranted--;
			break;
		}
	}
	pthread_mutex_unlock(&io_lock);
	free(found);
}

/* The device decoding @port, with the BAR and offset; device lock held on
 * success. */
static struct mock_device *decode(uint64_t port, unsigned *bar, uint64_t *off)
{
	struct mock_machine *m = mock__machine;

	for (unsigned i = 0; m && i < m->ndev; i++) {
		struct mock_device *dev = m->dev[i];

		mock__device_lock(dev);
		if (!dev->pci && port >= dev->port &&
		    port - dev->port < dev->nports) {
			*bar = 0;
			*off = port - dev->port;
			return dev;
		}
		for (unsigned b = 0; dev->pci && b < 6; b++) {
			uint64_t base, size;

			if (!(dev->bar[b].flags & DDEKIT_HOST_BAR_IO) ||
			    !mock__pci_bar_window(dev, b, &base, &size))
				continue;
			if (port >= base && port - base < size) {
				*bar = b;
				*off = port - base;
				return dev;
			}
		}
		mock__device_unlock(dev);
	}
	return NULL;
}

static bool valid_width(unsigned width)
{
	return width == 1 || width == 2 || width == 4;
}

uint32_t ddekit_host_io_read(uint64_t port, unsigned width)
{
	struct mock_device *dev;
	uint32_t val = (uint32_t)mock__ones(width < 4 ? width : 4);
	unsigned bar = 0;
	uint64_t off = 0;

	if (!valid_width(width)) {
		mock__log("mock: port read of width %u\n", width);
		return UINT32_MAX;
	}
	dev = decode(port, &bar, &off);
	if (dev) {
		if (dev->model->read)
			val =
			    (uint32_t)(dev->model->read(dev, bar, off, width) &
			               mock__ones(width));
		mock__device_unlock(dev);
	}
	mock__trace(MOCK_IO_READ, dev ? dev->name : NULL, port, bar, width,
	            val);
	return val;
}

void ddekit_host_io_write(uint64_t port, unsigned width, uint32_t val)
{
	struct mock_device *dev;
	unsigned bar = 0;
	uint64_t off = 0;

	if (!valid_width(width)) {
		mock__log("mock: port write of width %u\n", width);
		return;
	}
	val &= (uint32_t)mock__ones(width);
	dev = decode(port, &bar, &off);
	if (dev) {
		if (dev->model->write)
			dev->model->write(dev, bar, off, width, val);
		mock__device_unlock(dev);
	}
	mock__trace(MOCK_IO_WRITE, dev ? dev->name : NULL, port, bar, width,
	            val);
}

unsigned long mock__io_live(void)
{
	unsigned long n;

	pthread_mutex_lock(&io_lock);
	n = ngranted;
	pthread_mutex_unlock(&io_lock);
	return n;
}

static void free_list(struct io_range **list)
{
	while (*list) {
		struct io_range *r = *list;

		*list = r->next;
		free(r);
	}
}

void mock__io_reset(void)
{
	pthread_mutex_lock(&io_lock);
	free_list(&granted);
	free_list(&denied);
	ngranted = 0;
	pthread_mutex_unlock(&io_lock);
}
