/**
 * Loading guest programs from 32-bit little-endian RISC-V ELF executables, refusing everything
 * else with an error that names the file, the offset and the problem.
 */
package dev.rivet.exec.elf;
