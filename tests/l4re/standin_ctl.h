/*
 * tests/l4re/standin_ctl.h — shaping and inspecting the simulated L4Re.
 *
 * Order in a test: mock_machine_load(); l4re_standin_boot(); ddekit_init();
 * ...; ddekit_deinit(); l4re_standin_shutdown() (must return 0: every
 * capability the backend took was given back); mock_leak_report().
 */
#ifndef TESTS_L4RE_STANDIN_CTL_H
#define TESTS_L4RE_STANDIN_CTL_H

#include <stdint.h>

/* What the simulated environment withholds (flags for l4re_standin_boot). */
#define STANDIN_NO_VBUS       0x1u /* no capability named "vbus" */
#define STANDIN_NO_ICU        0x2u /* the vbus has no ICU */
#define STANDIN_NO_DMA_DOMAIN 0x4u /* assign_dma_domain fails */

/** l4re_standin_boot() - start the simulated L4Re on the loaded mock
 * machine. Returns 0 or the mock's error. */
int l4re_standin_boot(unsigned withhold);

/** l4re_standin_shutdown() - stop it; returns how many capabilities,
 * dataspace attachments and DMA mappings the backend left behind (each
 * one is also printed on stderr). */
int l4re_standin_shutdown(void);

/** Capabilities allocated and not yet freed. */
unsigned l4re_standin_live_caps(void);

/** 1 when an IRQ object is bound to ICU line @line, else 0. */
int l4re_standin_icu_bound(unsigned line);

/** 1 when a DMA space is bound to the vbus's DMA domain. */
int l4re_standin_dma_bound(void);

/** How many live mappings the DMA space holds. */
unsigned l4re_standin_dma_mappings(void);

/** How many configuration-space accesses used a width not 8, 16 or 32
 * bits (L4Re counts widths in bits; they were refused). */
unsigned l4re_standin_bad_cfg_widths(void);

#endif /* TESTS_L4RE_STANDIN_CTL_H */
