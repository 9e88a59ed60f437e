/*
 * multiboot.c — what the Multiboot (v1) loader tells us: the memory map,
 * the command line and the modules (Multiboot spec 3.3).
 *
 * The information lies somewhere in RAM the frame allocator will hand out,
 * so everything needed later is copied or reserved before the first
 * allocation.
 */
#include "bm.h"

#define MB_BOOT_MAGIC 0x2badb002
#define MBI_CMDLINE   (1u << 2)
#define MBI_MODS      (1u << 3)
#define MBI_MMAP      (1u << 6)
#define MMAP_RAM      1
#define MAX_ARGS      32

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_mmap {
	uint32_t size; /* of the rest of the entry, not counting this field */
	uint64_t base, len;
	uint32_t type;
} __attribute__((packed));

struct mb_module {
	uint32_t start, end, string, reserved;
};

extern char __image_start[], __image_end[];

int bm_argc;
char **bm_argv;
struct bm_module bm_modules[BM_MAX_MODULES];
unsigned bm_module_count;
static char cmdline[512];
static char *args[MAX_ARGS + 1];

/* Splits the command line at spaces; QEMU passes "<kernel path> <-append>". */
static void split_args(void)
{
	char *p = cmdline;

	bm_argc = 0;
	while (*p && bm_argc < MAX_ARGS) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		args[bm_argc++] = p;
		while (*p && *p != ' ')
			p++;
	}
	args[bm_argc] = NULL;
	bm_argv = args;
}

void bm_multiboot_parse(uint32_t magic, uint32_t info)
{
	const struct mb_info *mbi = (const void *)(uintptr_t)info;
	uint64_t end;
	uint32_t i;

	if (magic != MB_BOOT_MAGIC)
		bm_panic("not started by a Multiboot loader (magic 0x%x)",
		         magic);
	if (mbi->flags & MBI_CMDLINE) {
		const char *s = (const char *)(uintptr_t)mbi->cmdline;

		for (i = 0; s[i] && i < sizeof(cmdline) - 1; i++)
			cmdline[i] = s[i];
	}
	split_args();

	if (!(mbi->flags & MBI_MMAP))
		bm_panic("the loader gave no memory map");
	end = (uint64_t)mbi->mmap_addr + mbi->mmap_length;
	for (uint64_t p = mbi->mmap_addr; p < end;) {
		const struct mb_mmap *e = (const void *)(uintptr_t)p;

		if (e->type == MMAP_RAM)
			bm_pages_add(e->base, e->len);
		p += e->size + sizeof(e->size);
	}
	/* The first MiB holds the BIOS data area, the EBDA and option ROMs
	 * that firmware tables point into; and our own image. */
	bm_pages_reserve(0, 1u << 20);
	bm_pages_reserve((uintptr_t)__image_start,
	                 (uintptr_t)__image_end - (uintptr_t)__image_start);
	if (mbi->flags & MBI_MODS) {
		const struct mb_module *m =
		    (const void *)(uintptr_t)mbi->mods_addr;

		for (i = 0; i < mbi->mods_count; i++) {
			bm_pages_reserve(m[i].start, m[i].end - m[i].start);
			if (i < BM_MAX_MODULES) {
				bm_modules[i].data =
				    (const void *)(uintptr_t)m[i].start;
				bm_modules[i].len = m[i].end - m[i].start;
				bm_module_count = i + 1;
			}
		}
	}
}
