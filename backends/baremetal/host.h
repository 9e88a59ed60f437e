/*
 * host.h — what the host_*.c files (the host.h implementation) share
 * beyond bm.h.
 */
#ifndef BAREMETAL_HOST_H
#define BAREMETAL_HOST_H

#include <ddekit/host.h>

#include <stdint.h>

void bm_host_pci_scan(void);
void bm_host_pci_forget(void);
int bm_host_pci_find_bar(uint64_t phys, uint64_t size);
unsigned bm_host_pci_find_cap(const struct ddekit_host_pci_fn *fn, unsigned id);

#endif /* BAREMETAL_HOST_H */
