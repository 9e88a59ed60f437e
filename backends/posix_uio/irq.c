/*
 * irq.c — interrupt sources of owned PCI functions.
 *
 * UIO (uio_pci_generic): the kernel's handler masks INTx by setting the
 * INTx-disable bit of the command register and counts the interrupt; a read
 * of /dev/uioN returns the count, and user space unmasks by clearing the bit
 * through config space. VFIO: an eventfd per INTx or MSI/MSI-X vector; VFIO
 * masks INTx when it fires and VFIO_IRQ_SET_ACTION_UNMASK unmasks it, MSI is
 * edge-triggered and needs no unmask.
 *
 * A handle holds one or more sources: a legacy line number stands for the
 * INTx of every owned function routed to it (the line is shared, as on the
 * real bus), so ddekit_interrupt_attach(ddekit_pci_get_irq(dev)) works. The
 * waiter polls every source together with a cancel eventfd.
 */
#include "posix_uio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/vfio.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

enum src_kind {
	SRC_UIO,
	SRC_VFIO_INTX,
	SRC_VFIO_MSI, /* MSI or MSI-X: index says which */
};

struct irq_src {
	struct pu_dev *dev;
	enum src_kind kind;
	unsigned index;  /* VFIO irq index */
	unsigned vector; /* MSI/MSI-X vector */
	int fd;
	bool fired;       /* reported by wait, not unmasked yet */
	bool count_known; /* UIO: @last holds the kernel's count */
	uint32_t last;
};

struct ddekit_host_irq {
	int cancel_fd;
	unsigned n;
	struct pollfd *pfd; /* the sources, then the cancel eventfd */
	struct irq_src src[];
};

static atomic_bool msi_uio_told;

/* ---- per-source setup ---------------------------------------------------- */

/*
 * Clears the INTx-disable bit that uio_pci_generic's handler set. The whole
 * 16-bit register is rewritten, under the lock that config writes through
 * the host interface take too: QEMU re-evaluates the INTx level only for
 * writes that include the register's first byte, and a write of the upper
 * byte alone desynchronises its interrupt accounting (lost interrupts, then
 * a line stuck high).
 */
static int uio_unmask(struct pu_dev *d)
{
	uint32_t cmd;
	int rc;

	pthread_mutex_lock(&d->lock);
	rc = pu_cfg_read(d, PU_CFG_COMMAND, 2, &cmd);
	if (rc == 0 && (cmd & PU_CMD_INTX_DISABLE))
		rc = pu_cfg_write(d, PU_CFG_COMMAND, 2,
		                  cmd & ~PU_CMD_INTX_DISABLE);
	pthread_mutex_unlock(&d->lock);
	return rc;
}

static int new_eventfd(void)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	return fd < 0 ? pu_err(errno) : fd;
}

/* Caller holds d->lock. */
static int intx_start(struct irq_src *s)
{
	struct pu_dev *d = s->dev;
	char path[32];
	int rc;

	if (d->intx_attached || d->msi[0].active || d->msi[1].active)
		return -DDEKIT_EBUSY;
	if (d->drv == PU_DRV_UIO) {
		if (d->uio_index < 0) {
			posix_uio_log("posix_uio: %s has no /dev/uioN "
			              "(uio_pci_generic found no interrupt "
			              "for it)\n",
			              d->bdf);
			return -DDEKIT_ENODEV;
		}
		snprintf(path, sizeof(path), "/dev/uio%d", d->uio_index);
		s->fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
		if (s->fd < 0) {
			rc = pu_err(errno);
			posix_uio_log(
			    "posix_uio: cannot open %s for %s: %s%s\n", path,
			    d->bdf, strerror(errno),
			    errno == EACCES ? " (run as root)" : "");
			return rc;
		}
		s->kind = SRC_UIO;
	} else {
		if (!d->has_intx)
			return -DDEKIT_ENODEV;
		s->fd = new_eventfd();
		if (s->fd < 0)
			return s->fd;
		s->kind = SRC_VFIO_INTX;
		s->index = VFIO_PCI_INTX_IRQ_INDEX;
		rc = pu_vfio_irq_trigger(d, s->index, 0, 1, &s->fd);
		if (rc < 0) {
			posix_uio_log("posix_uio: enabling INTx of %s through "
			              "VFIO failed: %s\n",
			              d->bdf, ddekit_strerror(rc));
			close(s->fd);
			s->fd = -1;
			return rc;
		}
	}
	d->intx_attached = true;
	return 0;
}

/* Caller holds d->lock. */
static void intx_stop(struct irq_src *s)
{
	if (s->kind == SRC_VFIO_INTX)
		pu_vfio_irq_trigger(s->dev, s->index, 0, 0, NULL);
	close(s->fd);
	s->fd = -1;
	s->dev->intx_attached = false;
}

/* Caller holds d->lock. */
static int msi_start(struct irq_src *s, unsigned msix, unsigned vector)
{
	struct pu_dev *d = s->dev;
	struct pu_msi *m = &d->msi[msix];
	unsigned index =
	    msix ? VFIO_PCI_MSIX_IRQ_INDEX : VFIO_PCI_MSI_IRQ_INDEX;
	unsigned i;
	int rc;

	if (vector >= m->count)
		return -DDEKIT_ENODEV;
	if (d->intx_attached || d->msi[!msix].active)
		return -DDEKIT_EBUSY;
	if (!m->fds) {
		m->fds = malloc(m->count * sizeof(*m->fds));
		if (!m->fds)
			return -DDEKIT_ENOMEM;
		for (i = 0; i < m->count; i++)
			m->fds[i] = -1;
	}
	if (m->fds[vector] >= 0)
		return -DDEKIT_EBUSY;
	s->fd = new_eventfd();
	if (s->fd < 0)
		return s->fd;
	s->kind = SRC_VFIO_MSI;
	s->index = index;
	s->vector = vector;
	m->fds[vector] = s->fd;
	/* VFIO enables MSI for a fixed number of vectors at once; later
	 * vectors only get their eventfd. */
	if (!m->active)
		rc = pu_vfio_irq_trigger(d, index, 0, m->count, m->fds);
	else
		rc = pu_vfio_irq_trigger(d, index, vector, 1, &s->fd);
	if (rc < 0) {
		posix_uio_log("posix_uio: enabling %s vector %u of %s through "
		              "VFIO failed: %s\n",
		              msix ? "MSI-X" : "MSI", vector, d->bdf,
		              ddekit_strerror(rc));
		m->fds[vector] = -1;
		close(s->fd);
		s->fd = -1;
		return rc;
	}
	m->active = m->count;
	m->attached++;
	return 0;
}

/* Caller holds d->lock. */
static void msi_stop(struct irq_src *s)
{
	struct pu_dev *d = s->dev;
	struct pu_msi *m = &d->msi[s->index == VFIO_PCI_MSIX_IRQ_INDEX];
	int none = -1;

	m->fds[s->vector] = -1;
	if (--m->attached == 0) {
		pu_vfio_irq_trigger(d, s->index, 0, 0, NULL);
		m->active = 0;
	} else {
		pu_vfio_irq_trigger(d, s->index, s->vector, 1, &none);
	}
	close(s->fd);
	s->fd = -1;
}

static void src_stop(struct irq_src *s)
{
	pthread_mutex_lock(&s->dev->lock);
	if (s->kind == SRC_VFIO_MSI)
		msi_stop(s);
	else
		intx_stop(s);
	pthread_mutex_unlock(&s->dev->lock);
}

/* ---- the host interface -------------------------------------------------- */

/* Collects the sources of a request into @devs; returns how many. */
static int collect(enum ddekit_host_irq_kind kind, unsigned number,
                   const struct ddekit_host_pci_fn *fn, struct pu_dev **devs)
{
	struct pu_dev *d;
	unsigned i;
	int n = 0;

	if (kind == DDEKIT_HOST_IRQ_LINE) {
		for (i = 0; i < pu.ndevs; i++) {
			d = &pu.devs[i];
			if (d->rec.irq_pin && d->rec.irq_line != 0xff &&
			    d->rec.irq_line == number)
				devs[n++] = d;
		}
		if (!n)
			posix_uio_log("posix_uio: no owned PCI function "
			              "uses interrupt line %u (posix_uio "
			              "delivers only the interrupts of "
			              "functions bound to uio_pci_generic or "
			              "vfio-pci)\n",
			              number);
		return n ? n : -DDEKIT_ENODEV;
	}
	d = pu_dev_of(fn);
	if (!d)
		return -DDEKIT_ENODEV;
	if (kind == DDEKIT_HOST_IRQ_PCI_INTX && !d->rec.irq_pin)
		return -DDEKIT_ENODEV;
	if (kind != DDEKIT_HOST_IRQ_PCI_INTX && d->drv == PU_DRV_UIO) {
		posix_uio_log_once(&msi_uio_told,
		                   "posix_uio: MSI and MSI-X need vfio-pci; "
		                   "uio_pci_generic delivers only INTx (bind "
		                   "the function with dde-bind --bind vfio "
		                   "<bdf>)\n");
		return -DDEKIT_ENOSYS;
	}
	devs[0] = d;
	return 1;
}

int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out)
{
	struct ddekit_host_irq *h = NULL;
	struct pu_dev **devs;
	unsigned started = 0, i;
	int n, rc;

	if (!out || kind > DDEKIT_HOST_IRQ_PCI_MSIX)
		return -DDEKIT_EINVAL;
	devs = calloc(pu.ndevs ? pu.ndevs : 1, sizeof(*devs));
	if (!devs)
		return -DDEKIT_ENOMEM;
	n = collect(kind, number, fn, devs);
	if (n < 0) {
		rc = n;
		goto out;
	}
	h = calloc(1, sizeof(*h) + (size_t)n * sizeof(h->src[0]));
	if (!h) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	h->n = (unsigned)n;
	h->cancel_fd = -1;
	h->pfd = calloc(h->n + 1, sizeof(*h->pfd));
	if (!h->pfd) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	h->cancel_fd = new_eventfd();
	if (h->cancel_fd < 0) {
		rc = h->cancel_fd;
		goto out;
	}
	for (i = 0; i < h->n; i++) {
		struct irq_src *s = &h->src[i];

		s->dev = devs[i];
		s->fd = -1;
		pthread_mutex_lock(&s->dev->lock);
		if (kind == DDEKIT_HOST_IRQ_PCI_MSI ||
		    kind == DDEKIT_HOST_IRQ_PCI_MSIX)
			rc = msi_start(s, kind == DDEKIT_HOST_IRQ_PCI_MSIX,
			               number);
		else
			rc = intx_start(s);
		pthread_mutex_unlock(&s->dev->lock);
		if (rc < 0)
			goto out;
		started++;
	}
	for (i = 0; i < h->n; i++) {
		h->pfd[i].fd = h->src[i].fd;
		h->pfd[i].events = POLLIN;
	}
	h->pfd[h->n].fd = h->cancel_fd;
	h->pfd[h->n].events = POLLIN;
	/* Sources start unmasked, also when an interrupt that nobody
	 * waited for left INTx masked. */
	for (i = 0; i < h->n; i++)
		if (h->src[i].kind == SRC_UIO)
			uio_unmask(h->src[i].dev);
	*out = h;
	rc = 0;
out:
	if (rc < 0 && h) {
		for (i = 0; i < started; i++)
			src_stop(&h->src[i]);
		if (h->cancel_fd >= 0)
			close(h->cancel_fd);
		free(h->pfd);
		free(h);
	}
	free(devs);
	return rc;
}

/* Reads what source @s reported; returns the number of interrupts (0 for a
 * spurious wakeup) or a negative code. */
static int src_consume(struct irq_src *s)
{
	uint64_t events;
	uint32_t count;
	ssize_t r;

	if (s->kind == SRC_UIO) {
		r = read(s->fd, &count, sizeof(count));
		if (r != (ssize_t)sizeof(count))
			return r < 0 && errno == EAGAIN ? 0 : -DDEKIT_EIO;
		/* The kernel reports its running total; the first read
		 * after open can only say "at least one". */
		events = s->count_known ? (uint32_t)(count - s->last) : 1;
		s->last = count;
		s->count_known = true;
	} else {
		r = read(s->fd, &events, sizeof(events));
		if (r != (ssize_t)sizeof(events))
			return r < 0 && errno == EAGAIN ? 0 : -DDEKIT_EIO;
	}
	if (events)
		s->fired = true;
	return events > INT_MAX ? INT_MAX : (int)events;
}

int ddekit_host_irq_wait(struct ddekit_host_irq *h)
{
	struct pollfd *p = h->pfd;
	unsigned i;
	int total = 0, rc = 0;

	while (total == 0 && rc == 0) {
		uint64_t ignored;

		if (poll(p, h->n + 1, -1) < 0) {
			if (errno != EINTR)
				rc = pu_err(errno);
			continue;
		}
		if (p[h->n].revents) {
			if (read(h->cancel_fd, &ignored, sizeof(ignored)) < 0 &&
			    errno != EAGAIN)
				rc = pu_err(errno);
			else
				rc = -DDEKIT_ECANCELED;
			break;
		}
		for (i = 0; i < h->n && rc == 0; i++) {
			int got;

			if (p[i].revents & (POLLERR | POLLHUP | POLLNVAL)) {
				rc = -DDEKIT_EIO;
				break;
			}
			if (!(p[i].revents & POLLIN))
				continue;
			got = src_consume(&h->src[i]);
			if (got < 0)
				rc = got;
			else if (total > INT_MAX - got)
				total = INT_MAX;
			else
				total += got;
		}
	}
	return rc < 0 ? rc : total;
}

int ddekit_host_irq_unmask(struct ddekit_host_irq *h)
{
	unsigned i;
	int rc = 0, r;

	for (i = 0; i < h->n; i++) {
		struct irq_src *s = &h->src[i];

		if (!s->fired)
			continue;
		s->fired = false;
		if (s->kind == SRC_UIO)
			r = uio_unmask(s->dev);
		else if (s->kind == SRC_VFIO_INTX)
			r = pu_vfio_irq_unmask(s->dev, s->index);
		else
			r = 0;
		if (r < 0 && rc == 0)
			rc = r;
	}
	return rc;
}

void ddekit_host_irq_cancel(struct ddekit_host_irq *h)
{
	uint64_t one = 1;

	if (write(h->cancel_fd, &one, sizeof(one)) < 0) {
		/* The counter is only full after 2^64-2 cancels that were
		 * never consumed; the waiter is woken either way. */
	}
}

void ddekit_host_irq_detach(struct ddekit_host_irq *h)
{
	unsigned i;

	if (!h)
		return;
	for (i = 0; i < h->n; i++)
		src_stop(&h->src[i]);
	close(h->cancel_fd);
	free(h->pfd);
	free(h);
}
