/*
 * boot.S — from QEMU's Multiboot loader to C in 64-bit long mode.
 *
 * QEMU's -kernel loads Multiboot (v1) images, but not ELF64 ones: it takes
 * the load addresses from the header instead ("a.out kludge", header flag
 * bit 16), so the image is one contiguous run of bytes from load_addr to
 * load_end_addr followed by zeroed bss (the linker script keeps it so).
 *
 * The loader leaves us in 32-bit protected mode, paging off, EAX = magic,
 * EBX = physical address of the Multiboot information (Multiboot spec 3.2).
 * Long mode needs PAE paging (Intel SDM vol. 3A, 9.8.5): we identity-map
 * the first 4 GiB with 2 MiB pages, which covers RAM on a QEMU "pc" with
 * less than 3 GiB and the PCI hole above 3 GiB (mapped uncached: device
 * memory must not be cached, SDM vol. 3A, 11.3). The first 2 MiB use 4 KiB
 * pages instead, so that paging.c can later take page 0 away (a NULL
 * pointer then faults) once the boot has read the BIOS data area there.
 */
#define MB_MAGIC 0x1badb002
/* bit 0: modules page aligned; bit 1: memory map wanted; bit 16: kludge */
#define MB_FLAGS 0x00010003

#define CR0_PG    (1 << 31)
#define CR4_PAE   (1 << 5)
#define EFER      0xc0000080
#define EFER_LME  (1 << 8)
#define PTE_P     0x1
#define PTE_RW    0x2
#define PTE_PWT   0x8
#define PTE_PCD   0x10
#define PTE_PS    0x80

	.section .multiboot, "a"
	.align 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header		/* header_addr */
	.long __image_start	/* load_addr */
	.long __data_end	/* load_end_addr */
	.long __bss_end		/* bss_end_addr */
	.long _start		/* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	/* Saved in .data, not registers: the upper halves of registers are
	 * undefined across the switch to 64-bit mode. */
	movl %eax, boot_magic
	movl %ebx, boot_info

	/* The loader zeroes bss, but a warm restart need not: clear it. */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb
	movl $boot_stack_top, %esp

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories. */
	movl $boot_pdpt, %eax
	orl $(PTE_P | PTE_RW), %eax
	movl %eax, boot_pml4
	movl $boot_pd, %eax
	orl $(PTE_P | PTE_RW), %eax
	xorl %ecx, %ecx
1:	movl %eax, boot_pdpt(, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jne 1b

	/* 512 4 KiB entries for the first 2 MiB, all present for now. */
	xorl %ecx, %ecx
5:	movl %ecx, %eax
	shll $12, %eax
	orl $(PTE_P | PTE_RW), %eax
	movl %eax, boot_pt0(, %ecx, 8)
	incl %ecx
	cmpl $512, %ecx
	jne 5b

	/* 2048 2 MiB entries; the last 512 (3 GiB to 4 GiB) uncached. */
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_RW | PTE_PS), %eax
	cmpl $1536, %ecx
	jb 3f
	orl $(PTE_PCD | PTE_PWT), %eax
3:	movl %eax, boot_pd(, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 2b
	movl $boot_pt0, %eax
	orl $(PTE_P | PTE_RW), %eax
	movl %eax, boot_pd

	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $CR0_PG, %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $start64

	.code64
start64:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movq $boot_stack_top, %rsp
	xorl %ebp, %ebp		/* ends the frame-pointer chain */
	movl boot_magic(%rip), %edi
	movl boot_info(%rip), %esi
	call bm_start
4:	cli
	hlt
	jmp 4b

	.section .rodata
	.align 8
/* Null, 64-bit code (L=1), data; SDM vol. 3A, 3.4.5 and 5.2.1. */
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff
	.quad 0x00cf92000000ffff
boot_gdt_ptr:
	.word boot_gdt_ptr - boot_gdt - 1
	.long boot_gdt

	.data
	.align 4
boot_magic:
	.long 0
boot_info:
	.long 0

	.bss
	.align 4096
	.globl boot_pml4, boot_pdpt, boot_pd
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4 * 4096
boot_pt0:
	.skip 4096
	/* Not present once paging.c has run: the main thread's overflow
	 * faults here instead of overwriting the page tables above. */
	.globl boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack_bottom:
	.skip 32768
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
