/*
 * init.c — bringing the environment up and down.
 *
 * Modules start in the order internal.h lists and stop in reverse, so each
 * module may use those before it in both its init and its fini.
 */
#include "internal.h"

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/panic.h>

struct module {
	int (*init)(void);
	void (*fini)(void);
};

static int adopt_main(void);
static void forget_main(void);

static const struct module modules[] = {
    {ddekit__thread_init, ddekit__thread_fini},
    /* Right after the thread module, so the init thread gets id 1. */
    {adopt_main, forget_main},
    {ddekit__pgtab_init, ddekit__pgtab_fini},
    {ddekit__memory_init, ddekit__memory_fini},
    {ddekit__resources_init, ddekit__resources_fini},
    {ddekit__pci_init, ddekit__pci_fini},
    {ddekit__timer_init, ddekit__timer_fini},
    {ddekit__interrupt_init, ddekit__interrupt_fini},
};

#define NMODULES (sizeof(modules) / sizeof(modules[0]))

/* Atomic: other modules may ask from any thread while init/deinit run. */
static bool initialised;

static int adopt_main(void)
{
	return ddekit_thread_setup_myself("main") ? 0 : -DDEKIT_ENOMEM;
}

/* The record goes with the thread module's fini. */
static void forget_main(void)
{
}

bool ddekit__initialised(void)
{
	return __atomic_load_n(&initialised, __ATOMIC_ACQUIRE);
}

int ddekit_init_checked(void)
{
	size_t started = 0;
	int rc;

	if (ddekit__initialised())
		return -DDEKIT_EBUSY;
	rc = ddekit_host_init(DDEKIT_HOST_VERSION);
	if (rc < 0)
		return rc;
	for (; started < NMODULES; started++) {
		rc = modules[started].init();
		if (rc < 0)
			goto unwind;
	}
	ddekit__initcall_reset();
	__atomic_store_n(&initialised, true, __ATOMIC_RELEASE);
	return 0;

unwind:
	while (started--)
		modules[started].fini();
	ddekit_host_fini();
	return rc;
}

void ddekit_init(void)
{
	int rc = ddekit_init_checked();

	/* Several environments in one server may each call ddekit_init(). */
	if (rc == -DDEKIT_EBUSY)
		return;
	if (rc < 0)
		ddekit_panic("ddekit_init: %s", ddekit_strerror(rc));
}

#define DEINIT_GRACE_NS 1000000000ull

int ddekit_deinit(void)
{
	size_t i = NMODULES;

	if (!ddekit__initialised())
		return -DDEKIT_EINVAL;
	/*
	 * A thread that has just signalled its creator is usually a few
	 * instructions from its end; give such threads a moment rather than
	 * making every caller poll.
	 */
	if (ddekit__thread_wait_clients(ddekit_host_clock_ns() +
	                                DEINIT_GRACE_NS) > 0)
		return -DDEKIT_EBUSY;
	/* Still "initialised" during the finis: they may use the public
	 * calls of earlier modules. */
	while (i--)
		modules[i].fini();
	__atomic_store_n(&initialised, false, __ATOMIC_RELEASE);
	ddekit__initcall_reset();
	ddekit_host_fini();
	return 0;
}
