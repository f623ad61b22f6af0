package dev.rivet.digest;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest as a value: 32 bytes, printed and parsed as 64 lowercase hex digits, equal to another digest of
 * the same kind with the same bytes. What is hashed is the subclass's business; a subclass names its kind in the
 * errors ("an image ID", "a program digest") and is never equal to a digest of another kind with the same bytes,
 * since the two name different things.
 */
public abstract class Sha256Digest {
  /** The number of bytes of a digest. */
  public static final int BYTES = 32;

  private final byte[] digest;

  /**
   * Takes a copy of the 32 bytes.
   *
   * @param kind what the digest names, with its article, for errors: "an image ID"
   * @throws IllegalArgumentException if there are not 32
   */
  protected Sha256Digest(byte[] digest, String kind) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException(kind + " is " + BYTES + " bytes, not " + digest.length);
    }
    this.digest = digest.clone();
  }

  /**
   * The bytes of the 64 lowercase hex digits {@link #toString()} prints.
   *
   * @param kind what the digest names, with its article, for errors: "an image ID"
   * @throws IllegalArgumentException naming the problem: the length, or the first character that is not a lowercase
   *     hex digit and its position
   */
  protected static byte[] parseHex(String hex, String kind) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException(kind + " is " + 2 * BYTES + " hex digits, not " + hex.length());
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new IllegalArgumentException(kind + " is lowercase hex digits: '" + c + "' at position " + i);
      }
    }
    return HexFormat.of().parseHex(hex);
  }

  /** The 32 bytes; a fresh copy. */
  public final byte[] bytes() {
    return digest.clone();
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(digest, ((Sha256Digest) o).digest);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** The 64 lowercase hex digits. */
  @Override
  public final String toString() {
    return HexFormat.of().formatHex(digest);
  }
}
