/*
 * switch.S — switching threads.
 *
 * bm_switch(save, next) saves the callee-saved registers (System V AMD64
 * ABI) on the current stack, stores the stack pointer in *save and resumes
 * the thread whose stack pointer is next. Everything else is either
 * caller-saved or already on the stack (an interrupted thread's full frame
 * lies below, pushed by isr.S). No SSE state: everything is compiled with
 * -mgeneral-regs-only. Called with interrupts off.
 */
	.text
	.globl bm_switch
bm_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First code of a new thread: sched.c put fn in r12 and arg in r13. */
	.globl bm_thread_trampoline
bm_thread_trampoline:
	movq %r12, %rdi
	movq %r13, %rsi
	xorl %ebp, %ebp
	andq $-16, %rsp
	call bm_thread_main
	ud2

	.section .note.GNU-stack, "", @progbits
