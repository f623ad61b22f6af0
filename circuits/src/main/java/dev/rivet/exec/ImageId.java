package dev.rivet.exec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 digest that names a {@link Program}: two programs with the same image ID start from
 * the same memory, code region and entry point, so they compute the same thing. A receipt's claim
 * names the program by this digest. See {@link Program#imageId()} for what is hashed.
 */
public final class ImageId {
  private final byte[] digest;

  ImageId(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("an image ID is 32 bytes, not " + digest.length);
    }
    this.digest = digest.clone();
  }

  /** Parses the 64 hex digits {@link #toString()} prints. */
  public static ImageId parse(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("an image ID is 64 hex digits: " + hex);
    }
    return new ImageId(HexFormat.of().parseHex(hex));
  }

  /** The 32 digest bytes. */
  public byte[] bytes() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageId other && Arrays.equals(digest, other.digest);
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
