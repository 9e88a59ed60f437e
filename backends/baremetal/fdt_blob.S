/*
 * fdt_blob.S — the built-in hardware description: machine.dts as dtc
 * compiled it (CMakeLists.txt passes the blob's path as BM_FDT_BLOB).
 * libfdt wants the blob 8-byte aligned.
 */
	.section .rodata
	.balign 8
	.globl bm_fdt_builtin
bm_fdt_builtin:
	.incbin BM_FDT_BLOB
	.globl bm_fdt_builtin_end
bm_fdt_builtin_end:
	.section .note.GNU-stack,"",@progbits
