/**
 * The ECALL interface: how a guest asks the host for something (I/O, halting, an accelerator).
 *
 * <p>The register convention follows the Linux RISC-V system-call ABI, number in a7, arguments
 * in a0 to a5, result in a0, and Rivet's calls for reading input, writing output and halting use
 * the Linux numbers for read, write and exit: a guest built this way also runs unchanged under a
 * Linux user-mode emulator such as qemu-riscv32, which the tests and benchmarks rely on. The
 * calls and their arguments are documented in docs/ecalls.md and {@link
 * dev.rivet.exec.ecall.Ecalls}; new calls are added through an {@link
 * dev.rivet.exec.ecall.EcallRegistry}.
 */
package dev.rivet.exec.ecall;
