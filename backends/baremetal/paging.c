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

/*
 * Single 4 KiB pages below 4 GiB taken out of the map and put back: page 0
 * (so that a NULL pointer faults) and the guard page under every thread
 * stack (so that an overflow faults instead of overwriting the neighbour).
 * A 2 MiB entry is split into a page table the first time one of its pages
 * is taken away; split tables stay, as the stacks come and go in the same
 * places.
 */
extern uint64_t boot_pd[4 * 512];
extern char boot_stack_guard[];

static uint64_t *split(uint64_t *pde)
{
	uint64_t flags = *pde & (PTE_P | PTE_RW | PTE_PCD | PTE_PWT);
	uint64_t base = *pde & PTE_ADDR & ~(LARGE - 1), table;
	uint64_t *pt;

	if (bm_pages_alloc(1, 0, BM_MAX_PHYS - 1, BM_PAGE, 0, &table) < 0)
		return NULL;
	pt = (uint64_t *)(uintptr_t)table;
	for (int i = 0; i < 512; i++)
		pt[i] = (base + (uint64_t)i * BM_PAGE) | flags;
	*pde = table | PTE_P | PTE_RW;
	flush_tlb();
	return pt;
}

int bm_page_set_present(uint64_t addr, int present)
{
	uint64_t flags, *pde, *pt;
	int rc = 0;

	if (addr >= BM_MAX_PHYS)
		return -DDEKIT_EINVAL;
	flags = bm_irq_save();
	pde = &boot_pd[addr >> 21];
	if (!(*pde & PTE_P)) {
		rc = -DDEKIT_EINVAL;
		goto out;
	}
	if (*pde & PTE_PS) {
		if (present)
			goto out;
		pt = split(pde);
		if (!pt) {
			rc = -DDEKIT_ENOMEM;
			goto out;
		}
	} else {
		pt = (uint64_t *)(uintptr_t)(*pde & PTE_ADDR);
	}
	if (present)
		pt[(addr >> 12) & 511] |= PTE_P;
	else
		pt[(addr >> 12) & 511] &= ~PTE_P;
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
out:
	bm_irq_restore(flags);
	return rc;
}

int bm_page_present(uint64_t addr)
{
	uint64_t pde, *pt;

	if (addr >= BM_MAX_PHYS)
		return 0;
	pde = boot_pd[addr >> 21];
	if (!(pde & PTE_P))
		return 0;
	if (pde & PTE_PS)
		return 1;
	pt = (uint64_t *)(uintptr_t)(pde & PTE_ADDR);
	return (int)(pt[(addr >> 12) & 511] & PTE_P);
}

void bm_paging_protect(void)
{
	if (bm_page_set_present(0, 0) < 0 ||
	    bm_page_set_present((uintptr_t)boot_stack_guard, 0) < 0)
		bm_panic("cannot unmap page 0 and the boot stack's guard page");
}
