/*
 * irq.c — interrupt sources of the simulated machine.
 *
 * Lines and INTx are level-triggered: a source is asserted while any device
 * on it holds its INTx level up or injected edges (mock_irq_raise()) are
 * pending. When ddekit_host_irq_wait() reports an interrupt the source masks
 * itself; ddekit_host_irq_unmask() reopens it, and a level still asserted
 * then is reported again, as on an interrupt controller with level
 * semantics. MSI is edge-triggered: each 0 -> 1 transition of the device's
 * interrupt while MSI is attached is one message, and MSI never masks.
 *
 * Any line 0..255 can be attached, even with no device on it, so tests can
 * inject interrupts on lines no model drives. While a function has MSI
 * attached its INTx stays silent, as the PCI specification requires with
 * MSI enabled; the mock sets the MSI enable bit in the capability then.
 * The interrupt-disable bit of the command register silences INTx too.
 * An edge raised on a line nothing is attached to is lost, as a real edge
 * would be.
 *
 * ddekit_host_irq_cancel() makes exactly one wait (the current or the next)
 * return -DDEKIT_ECANCELED.
 */
#include "mock_internal.h"

#include <limits.h>
#include <stdlib.h>

#define NLINES  256u
#define NO_LINE 0xffffu

struct ddekit_host_irq {
	enum ddekit_host_irq_kind kind;
	unsigned number;         /* line (LINE) or vector (MSI) */
	struct mock_device *dev; /* INTx, MSI */
	unsigned line;           /* legacy line for the counters, or NO_LINE */
	unsigned long pending;   /* edges or messages not yet reported */
	bool masked;
	bool cancelled;
	pthread_cond_t cond;
	struct ddekit_host_irq *next;
};

static pthread_mutex_t irq_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ddekit_host_irq *sources;
static unsigned long delivered[NLINES];
static unsigned long live;

/* Caller holds irq_lock. */
static bool intx_asserted(const struct mock_device *dev)
{
	return dev->level && !dev->msi && !dev->intx_disabled;
}

/* Caller holds irq_lock. */
static bool asserted(const struct ddekit_host_irq *s)
{
	struct mock_machine *m = mock__machine;

	switch (s->kind) {
	case DDEKIT_HOST_IRQ_LINE:
		for (unsigned i = 0; m && i < m->ndev; i++)
			if (m->dev[i]->line == s->number &&
			    intx_asserted(m->dev[i]))
				return true;
		return false;
	case DDEKIT_HOST_IRQ_PCI_INTX:
		return intx_asserted(s->dev);
	default:
		return false;
	}
}

/* Caller holds irq_lock. */
static struct ddekit_host_irq *find(enum ddekit_host_irq_kind kind,
                                    unsigned number,
                                    const struct mock_device *dev)
{
	for (struct ddekit_host_irq *s = sources; s; s = s->next)
		if (s->kind == kind && s->number == number && s->dev == dev)
			return s;
	return NULL;
}

/* Caller holds irq_lock: the lowest attached MSI vector of @dev. */
static struct ddekit_host_irq *first_msi(const struct mock_device *dev)
{
	struct ddekit_host_irq *best = NULL;

	for (struct ddekit_host_irq *s = sources; s; s = s->next)
		if (s->kind == DDEKIT_HOST_IRQ_PCI_MSI && s->dev == dev &&
		    (!best || s->number < best->number))
			best = s;
	return best;
}

static void set_msi_enable(struct mock_device *dev, bool on)
{
	uint8_t *ctrl = &dev->cfg[MOCK_MSI_CAP + 2];

	if (on)
		*ctrl |= MOCK_MSI_CTRL_ENABLE;
	else
		*ctrl &= (uint8_t)~MOCK_MSI_CTRL_ENABLE;
}

static int check_source(enum ddekit_host_irq_kind kind, unsigned number,
                        const struct ddekit_host_pci_fn *fn,
                        struct mock_device **dev)
{
	*dev = NULL;
	switch (kind) {
	case DDEKIT_HOST_IRQ_LINE:
		return number < NLINES ? 0 : -DDEKIT_ENODEV;
	case DDEKIT_HOST_IRQ_PCI_INTX:
		*dev = mock__device_of(fn);
		return *dev && (*dev)->fn.irq_pin ? 0 : -DDEKIT_ENODEV;
	case DDEKIT_HOST_IRQ_PCI_MSI:
		*dev = mock__device_of(fn);
		return *dev && number < (*dev)->msi_vectors ? 0
		                                            : -DDEKIT_ENODEV;
	case DDEKIT_HOST_IRQ_PCI_MSIX:
		return -DDEKIT_ENOSYS; /* no model has MSI-X */
	}
	return -DDEKIT_EINVAL;
}

int ddekit_host_irq_attach(enum ddekit_host_irq_kind kind, unsigned number,
                           const struct ddekit_host_pci_fn *fn,
                           struct ddekit_host_irq **out)
{
	struct ddekit_host_irq *s;
	struct mock_device *dev;
	int rc;

	if (!out)
		return -DDEKIT_EINVAL;
	rc = check_source(kind, number, fn, &dev);
	if (rc < 0)
		return rc;
	if (kind == DDEKIT_HOST_IRQ_PCI_INTX)
		number = 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -DDEKIT_ENOMEM;
	if (pthread_cond_init(&s->cond, NULL) != 0) {
		free(s);
		return -DDEKIT_ENOMEM;
	}
	s->kind = kind;
	s->number = number;
	s->dev = dev;
	s->line = kind == DDEKIT_HOST_IRQ_LINE       ? number
	          : kind == DDEKIT_HOST_IRQ_PCI_INTX ? dev->line
	                                             : NO_LINE;

	if (dev)
		mock__device_lock(dev);
	pthread_mutex_lock(&irq_lock);
	if (find(kind, number, dev)) {
		rc = -DDEKIT_EBUSY;
	} else {
		s->next = sources;
		sources = s;
		live++;
		if (kind == DDEKIT_HOST_IRQ_PCI_MSI) {
			dev->msi = first_msi(dev);
			set_msi_enable(dev, true);
		}
	}
	pthread_mutex_unlock(&irq_lock);
	if (dev)
		mock__device_unlock(dev);

	if (rc < 0) {
		pthread_cond_destroy(&s->cond);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int ddekit_host_irq_wait(struct ddekit_host_irq *s)
{
	int rc;

	pthread_mutex_lock(&irq_lock);
	for (;;) {
		unsigned long n;

		if (s->cancelled) {
			s->cancelled = false;
			rc = -DDEKIT_ECANCELED;
			break;
		}
		n = s->pending;
		if (!s->masked && !n && asserted(s))
			n = 1;
		if (!s->masked && n) {
			s->pending = 0;
			if (s->kind != DDEKIT_HOST_IRQ_PCI_MSI)
				s->masked = true;
			if (s->line < NLINES)
				delivered[s->line] += n;
			rc = n > INT_MAX ? INT_MAX : (int)n;
			break;
		}
		pthread_cond_wait(&s->cond, &irq_lock);
	}
	pthread_mutex_unlock(&irq_lock);
	return rc;
}

int ddekit_host_irq_unmask(struct ddekit_host_irq *s)
{
	pthread_mutex_lock(&irq_lock);
	s->masked = false;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&irq_lock);
	return 0;
}

void ddekit_host_irq_cancel(struct ddekit_host_irq *s)
{
	pthread_mutex_lock(&irq_lock);
	s->cancelled = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&irq_lock);
}

/* Caller holds irq_lock. */
static void unlink_source(struct ddekit_host_irq *s)
{
	for (struct ddekit_host_irq **link = &sources; *link;
	     link = &(*link)->next) {
		if (*link == s) {
			*link = s->next;
			live--;
			return;
		}
	}
}

void ddekit_host_irq_detach(struct ddekit_host_irq *s)
{
	struct mock_device *dev;

	if (!s)
		return;
	dev = s->kind == DDEKIT_HOST_IRQ_PCI_MSI ? s->dev : NULL;
	if (dev)
		mock__device_lock(dev);
	pthread_mutex_lock(&irq_lock);
	unlink_source(s);
	if (dev) {
		dev->msi = first_msi(dev);
		set_msi_enable(dev, dev->msi != NULL);
	}
	pthread_mutex_unlock(&irq_lock);
	if (dev)
		mock__device_unlock(dev);
	pthread_cond_destroy(&s->cond);
	free(s);
}

/* Caller holds irq_lock: wake every source @dev can drive. */
static void wake_sources_of(const struct mock_device *dev)
{
	for (struct ddekit_host_irq *s = sources; s; s = s->next)
		if (s->dev == dev ||
		    (s->kind == DDEKIT_HOST_IRQ_LINE && s->number == dev->line))
			pthread_cond_signal(&s->cond);
}

void mock_device_set_irq(struct mock_device *dev, int level)
{
	int old;

	mock__device_lock(dev);
	pthread_mutex_lock(&irq_lock);
	old = dev->level;
	dev->level = level != 0;
	if (dev->msi && !old && dev->level)
		dev->msi->pending++;
	wake_sources_of(dev);
	pthread_mutex_unlock(&irq_lock);
	mock__device_unlock(dev);
}

void mock__irq_intx_disable(struct mock_device *dev, bool off)
{
	pthread_mutex_lock(&irq_lock);
	if (dev->intx_disabled != off) {
		dev->intx_disabled = off;
		wake_sources_of(dev);
	}
	pthread_mutex_unlock(&irq_lock);
}

void mock_irq_raise(unsigned line)
{
	struct ddekit_host_irq *s;

	pthread_mutex_lock(&irq_lock);
	s = find(DDEKIT_HOST_IRQ_LINE, line, NULL);
	if (s) {
		s->pending++;
		pthread_cond_signal(&s->cond);
	} else {
		/* no line source: the functions' INTx sources on it see it */
		for (s = sources; s; s = s->next) {
			if (s->kind == DDEKIT_HOST_IRQ_PCI_INTX &&
			    s->line == line) {
				s->pending++;
				pthread_cond_signal(&s->cond);
			}
		}
	}
	pthread_mutex_unlock(&irq_lock);
}

unsigned long mock_irq_delivered(unsigned line)
{
	unsigned long n;

	if (line >= NLINES)
		return 0;
	pthread_mutex_lock(&irq_lock);
	n = delivered[line];
	pthread_mutex_unlock(&irq_lock);
	return n;
}

int mock_irq_masked(unsigned line)
{
	struct ddekit_host_irq *s;
	int rc = -1;

	pthread_mutex_lock(&irq_lock);
	s = find(DDEKIT_HOST_IRQ_LINE, line, NULL);
	if (!s)
		for (s = sources; s; s = s->next)
			if (s->kind == DDEKIT_HOST_IRQ_PCI_INTX &&
			    s->line == line)
				break;
	if (s)
		rc = s->masked;
	pthread_mutex_unlock(&irq_lock);
	return rc;
}

unsigned long mock__irq_live(void)
{
	unsigned long n;

	pthread_mutex_lock(&irq_lock);
	n = live;
	pthread_mutex_unlock(&irq_lock);
	return n;
}

/* Frees sources a test left attached and clears the counters. */
void mock__irq_reset(void)
{
	struct mock_machine *m = mock__machine;

	pthread_mutex_lock(&irq_lock);
	while (sources) {
		struct ddekit_host_irq *s = sources;

		sources = s->next;
		pthread_cond_destroy(&s->cond);
		free(s);
	}
	live = 0;
	for (unsigned i = 0; i < NLINES; i++)
		delivered[i] = 0;
	for (unsigned i = 0; m && i < m->ndev; i++)
		m->dev[i]->msi = NULL;
	pthread_mutex_unlock(&irq_lock);
}
