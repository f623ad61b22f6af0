/*
 * crt0 for Rivet guests: set up the stack, run main, exit with its return value.
 *
 * Rivet starts a guest with every register zero, so sp == 0 means "take the stack at the top of
 * user memory"; under a Linux emulator (qemu-riscv32) sp is already the process stack, which we
 * keep. tp points at the single thread's TLS block (see rivet.ld). .bss needs no clearing: the
 * loader zero-fills it and fresh memory reads as zero.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    bnez sp, 1f
    la sp, __stack_top
1:
    la tp, __tls_base
    li a0, 0
    li a1, 0
    call main
    call exit
