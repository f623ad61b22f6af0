package dev.rivet.exec;

import dev.rivet.digest.Sha256Digest;

/**
 * The SHA-256 digest that names a {@link Program} for the executor: two programs with the same
 * digest start from the same memory, code region and entry point, so they compute the same thing.
 * It needs no proving key; a receipt names its program by {@code dev.rivet.receipt.ImageId}
 * instead, which also binds the machine's verifying key. See {@link Program#digest()} for what is
 * hashed.
 */
public final class ProgramDigest extends Sha256Digest {
  private static final String KIND = "a program digest";

  ProgramDigest(byte[] digest) {
    super(digest, KIND);
  }

  /**
   * Parses the 64 lowercase hex digits {@link #toString()} prints.
   *
   * @throws IllegalArgumentException naming the problem: the length, or the first character that is not a lowercase
   *     hex digit and its position
   */
  public static ProgramDigest parse(String hex) {
    return new ProgramDigest(parseHex(hex, KIND));
  }
}
