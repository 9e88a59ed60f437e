/*
 * ddekit/interrupt.h — interrupt handling.
 *
 * Each attached interrupt source gets a handler thread of its own, at
 * interrupt priority. The thread blocks on the host until the source fires,
 * then calls every handler attached to it (all of them on a shared line, in
 * attach order), then unmasks the source. Handlers thus run in thread
 * context, one at a time per source, never concurrently with themselves.
 */
#ifndef DDEKIT_INTERRUPT_H
#define DDEKIT_INTERRUPT_H

#include <ddekit/thread.h>
#include <ddekit/types.h>

/** Classic priority constant for interrupt threads (informational). */
#define DDEKIT_IRQ_PRIO 0x11

DDEKIT_BEGIN_DECLS

struct ddekit_pci_dev;

/**
 * ddekit_interrupt_attach() - attach a handler to legacy interrupt line @irq.
 * @shared:      non-zero if the line may be shared; attaching to a line
 *               already in use succeeds only if both attachments are shared.
 * @thread_init: NULL, or called with @priv in the handler thread before
 *               @handler first runs (for the first attachment of a line:
 *               before this function returns).
 * @handler:     called with @priv for every interrupt on the line.
 *
 * Returns the handler thread, or NULL: bad arguments, line in use and not
 * shared, or the host refused the line (the reason is printed). May sleep.
 */
ddekit_thread_t *ddekit_interrupt_attach(int irq, int shared,
                                         void (*thread_init)(void *),
                                         void (*handler)(void *), void *priv);

/**
 * ddekit_interrupt_detach() - remove every handler of @irq, end its handler
 * thread and release the source. Waits for a running handler to finish.
 * Returns 0, or -1 if nothing is attached (classic convention). Not from a
 * handler of the same source. May sleep.
 */
int ddekit_interrupt_detach(int irq);

/**
 * ddekit_interrupt_detach_handler() - remove only the handler attached with
 * @priv (extension); the thread ends with the last handler. Returns 0 or
 * -DDEKIT_ENOENT. Waits for a running handler to finish. May sleep.
 */
int ddekit_interrupt_detach_handler(int irq, void *priv);

/**
 * ddekit_interrupt_disable() - stop handlers of @irq from running; nests.
 *
 * When it returns no handler of @irq is running (unless called from that
 * handler itself). Interrupts arriving meanwhile stay masked at the source
 * and are handled after the matching ddekit_interrupt_enable(). Unknown @irq
 * is ignored. May sleep.
 */
void ddekit_interrupt_disable(int irq);

/** ddekit_interrupt_enable() - undo one ddekit_interrupt_disable(); at depth
 * 0, handlers run again (at once if an interrupt is pending). */
void ddekit_interrupt_enable(int irq);

/** Kinds of PCI interrupt for ddekit_interrupt_attach_pci() (extension). */
enum ddekit_irq_kind {
	DDEKIT_IRQ_INTX = 0,
	DDEKIT_IRQ_MSI = 1,
	DDEKIT_IRQ_MSIX = 2,
};

/** First number of the dynamic range ddekit_interrupt_attach_pci() uses. */
#define DDEKIT_IRQ_DYNAMIC_BASE 0x10000

/**
 * ddekit_interrupt_attach_pci() - attach a handler to an interrupt of a PCI
 * function (extension): its INTx pin, or MSI / MSI-X vector @vector.
 * @irq: out: a number (>= DDEKIT_IRQ_DYNAMIC_BASE) for detach, disable and
 *       enable.
 *
 * Unlike a shared legacy line, the source belongs to this function alone.
 * An MSI is a memory write by the device, so MSI and MSI-X are delivered only
 * while bus mastering is on (ddekit_pci_set_master()).
 * Returns 0, -DDEKIT_ENOSYS (host cannot do this kind), -DDEKIT_ENODEV,
 * -DDEKIT_EBUSY, -DDEKIT_EINVAL, -DDEKIT_ENOMEM. May sleep.
 */
int ddekit_interrupt_attach_pci(struct ddekit_pci_dev *dev,
                                enum ddekit_irq_kind kind, unsigned vector,
                                void (*thread_init)(void *),
                                void (*handler)(void *), void *priv, int *irq);

/** ddekit_interrupt_current() - the number of the source whose handler the
 * calling thread is running, -1 outside handlers (extension). */
int ddekit_interrupt_current(void);

DDEKIT_END_DECLS

#endif /* DDEKIT_INTERRUPT_H */
