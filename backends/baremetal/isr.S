/*
 * isr.S — interrupt entry stubs and the common entry/exit path.
 *
 * 256 stubs of 16 bytes each, so idt.c finds the stub of vector v at
 * bm_isr_stubs + 16 * v. Vectors whose exceptions push an error code
 * (SDM vol. 3A, table 6-1: 8, 10-14, 17, 21, 29, 30) don't get the dummy
 * one, so every frame has the same layout (struct bm_frame in bm.h).
 * A ring-0 interrupt stays on the current stack; in 64-bit mode the CPU
 * aligns it to 16 bytes first (SDM vol. 3A, 6.14.2), and 22 quadwords keep
 * it aligned for the C call.
 */
	.text
	.altmacro
.macro stub vec
	.align 16
	.if (\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp isr_common
.endm

	.align 16
	.globl bm_isr_stubs
bm_isr_stubs:
	.set i, 0
	.rept 256
	stub %i
	.set i, i + 1
	.endr

isr_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call bm_trap
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp		/* vector and error code */
	iretq

	.section .note.GNU-stack, "", @progbits
