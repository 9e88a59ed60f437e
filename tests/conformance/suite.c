/*
 * suite.c — the conformance suite's entry points and the order of its areas.
 *
 * Areas run from the basic to the composite: threads and synchronisation
 * first (everything else relies on them), devices last, so that the first
 * failure in the report is usually the cause of the later ones.
 */
#include "runner.h"

#include <string.h>

static const struct conf_area *const areas[] = {
    &conf_area_abi, &conf_area_thread,  &conf_area_sleep, &conf_area_lock,
    &conf_area_sem, &conf_area_condvar, &conf_area_timer, &conf_area_memory,
    &conf_area_io,  &conf_area_pci,     &conf_area_mmio,  &conf_area_irq,
    &conf_area_dma,
};

void ddekit_conformance_defaults(struct ddekit_conf_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->edu_vendor = 0x1234;
	cfg->edu_device = 0x11e8;
	cfg->port_base = 0x3ff;
}

int ddekit_conformance_run(const struct ddekit_conf_config *cfg)
{
	const struct conf_area *list[CONF_ARRAY_SIZE(areas) + 1];
	unsigned n = CONF_ARRAY_SIZE(areas);

	memcpy(list, areas, sizeof(areas));
	/* MSI is optional for a host: tested where the caller requires it. */
	if (cfg->msi)
		list[n++] = &conf_area_msi;
	return conf_run(cfg, list, n);
}
