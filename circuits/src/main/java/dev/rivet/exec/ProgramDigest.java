package dev.rivet.exec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 digest that names a {@link Program} for the executor: two programs with the same
 * digest start from the same memory, code region and entry point, so they compute the same thing.
 * It needs no proving key; a receipt names its program by {@code dev.rivet.receipt.ImageId}
 * instead, which also binds the machine's verifying key. See {@link Program#digest()} for what is
 * hashed.
 */
public final class ProgramDigest {
  private final byte[] digest;

  ProgramDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a program digest is 32 bytes, not " + digest.length);
    }
    this.digest = digest.clone();
  }

  /** Parses the 64 hex digits {@link #toString()} prints. */
  public static ProgramDigest parse(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a program digest is 64 hex digits: " + hex);
    }
    return new ProgramDigest(HexFormat.of().parseHex(hex));
  }

  /** The 32 digest bytes. */
  public byte[] bytes() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgramDigest other && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** The digest as 64 lowercase hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(digest);
  }
}
