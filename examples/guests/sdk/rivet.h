/*
 * rivet.h: the guest side of Rivet's ECALL interface (see docs/ecalls.md).
 *
 * The convention is Linux's RISC-V system-call ABI: call number in a7, arguments in a0..a5,
 * result in a0. read, write and exit use Linux's numbers, so a guest that only uses those also
 * runs under qemu-riscv32.
 */
#ifndef RIVET_H
#define RIVET_H

#include <stddef.h>
#include <stdint.h>

#define RIVET_ECALL_READ 63
#define RIVET_ECALL_WRITE 64
#define RIVET_ECALL_HALT 93
#define RIVET_ECALL_COMMIT 0x100
#define RIVET_ECALL_SHA256_COMPRESS 0x101

static inline long rivet_ecall(long number, long arg0, long arg1, long arg2)
{
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a2 __asm__("a2") = arg2;
    register long a7 __asm__("a7") = number;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

/* Reads up to len bytes of the private input; returns how many (0 at the end of the input). */
static inline size_t rivet_read(void *buf, size_t len)
{
    return (size_t)rivet_ecall(RIVET_ECALL_READ, 0, (long)buf, (long)len);
}

/* Writes to the host's stdout (fd 1) or stderr (fd 2). Not part of any proof. */
static inline void rivet_write(int fd, const void *buf, size_t len)
{
    rivet_ecall(RIVET_ECALL_WRITE, fd, (long)buf, (long)len);
}

/* Appends bytes to the journal, the public output a receipt commits to. */
static inline void rivet_commit(const void *buf, size_t len)
{
    rivet_ecall(RIVET_ECALL_COMMIT, (long)buf, (long)len, 0);
}

/*
 * One SHA-256 compression: state (8 native words, a..h) absorbs one 64-byte block, in place.
 * Both pointers must be 4-byte aligned.
 */
static inline void rivet_sha256_compress(uint32_t state[8], const uint8_t block[64])
{
    rivet_ecall(RIVET_ECALL_SHA256_COMPRESS, (long)state, (long)block, 0);
}

/* Halts at once with the exit code, without flushing stdio (exit() flushes, then halts). */
static inline __attribute__((noreturn)) void rivet_halt(int code)
{
    rivet_ecall(RIVET_ECALL_HALT, code, 0, 0);
    __builtin_unreachable();
}

#endif
