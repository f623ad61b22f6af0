package dev.rivet.exec.ecall;

/**
 * The numbers of Rivet's built-in ECALLs (the value in a7). See docs/ecalls.md for the full
 * contract of each call.
 *
 * <p>Numbers below 0x100 are Linux's RISC-V system-call numbers and keep Linux's meaning;
 * 0x100 to 0xFFF are Rivet's own calls; from {@link #FIRST_EXTENSION} up, numbers belong to
 * ECALLs added through an {@link EcallRegistry}.
 */
public final class Ecalls {
  /** {@code read(fd=0, buf, len) -> n}: reads private input; only file descriptor 0. */
  public static final int READ = 63;
  /** {@code write(fd, buf, len) -> len}: fd 1 is the host's stdout, 2 its stderr. */
  public static final int WRITE = 64;
  /** {@code exit(code)}: halts with the exit code; does not return. */
  public static final int HALT = 93;
  /** {@code commit(buf, len) -> 0}: appends bytes to the journal. */
  public static final int COMMIT = 0x100;
  /**
   * {@code sha256_compress(state, block) -> 0}: one SHA-256 compression of the 64-byte block
   * into the state (8 words, each the native little-endian {@code uint32_t}), in place; both
   * pointers word-aligned.
   */
  public static final int SHA256_COMPRESS = 0x101;
  /** The first number available to ECALLs added through {@link EcallRegistry#with}. */
  public static final int FIRST_EXTENSION = 0x1000;

  private Ecalls() {}
}
