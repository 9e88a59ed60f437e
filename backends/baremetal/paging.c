/*
 * paging.c — device memory in the page tables.
 *
 * boot.S identity-maps the first 4 GiB with 2 MiB pages, uncached from
 * 3 GiB up (where QEMU's "pc" places the PCI hole). Device memory elsewhere
 * (a BAR below 3 GiB, or a 64-bit BAR above 4 GiB) gets uncached 2 MiB
 * entries here: caching device registers would merge and reorder accesses
 * (Intel SDM vol. 3A, 11.3, "UC" memory type via PCD|PWT with the default
 * PAT). Up to 512 GiB: one page-directory-pointer table.
 */
#include <ddekit/errno.h>

#include "bm.h"

#define PTE_P     0x1ull
#define PTE_RW    0x2ull
#define PTE_PWT   0x8ull
#define PTE_PCD   0x10ull
#define PTE_PS    0x80ull
#define PTE_ADDR  0x000ffffffffff000ull
#define LARGE     (2ull << 20)
#define PDPT_SPAN (512ull << 30)

extern uint64_t boot_pdpt[512];

static void flush_tlb(void)
{
	uint64_t cr3;

	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3"
	                 : "=r"(cr3)
	                 :
	                 : "memory");
}

int bm_map_device(uint64_t phys, uint64_t size)
{
	uint64_t a, end = phys + size, flags, page;
	uint64_t *pd;
	int rc = 0;

	if (!size || end < phys || end > PDPT_SPAN)
		return -DDEKIT_EACCES;
	flags = bm_irq_save();
	for (a = phys & ~(LARGE - 1); a < end; a += LARGE) {
		uint64_t *pdpte = &boot_pdpt[a >> 30];
		uint64_t want = a | PTE_P | PTE_RW | PTE_PS | PTE_PCD | PTE_PWT;

		if (!(*pdpte & PTE_P)) {
			if (bm_pages_alloc(1, 0, BM_MAX_PHYS - 1, BM_PAGE, 0,
			                   &page) < 0) {
				rc = -DDEKIT_ENOMEM;
				break;
			}
			for (int i = 0; i < 512; i++)
				((uint64_t *)(uintptr_t)page)[i] = 0;
			*pdpte = page | PTE_P | PTE_RW;
		}
		pd = (uint64_t *)(uintptr_t)(*pdpte & PTE_ADDR);
		/* A 2 MiB page that also holds RAM stays cached: RAM must not
		 * change type under the kernel's feet. */
		if (bm_pages_is_ram(a, LARGE) && a < BM_MAX_PHYS)
			continue;
		pd[(a >> 21) & 511] = want;
	}
	flush_tlb();
	bm_irq_restore(flags);
	return rc;
}
