package dev.rivet.receipt;

import dev.rivet.stark.VerifyingKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a receipt is a proof about: one machine running one program from one entry point. 32 bytes, the SHA-256 of
 * <pre>
 * | field              | encoding                                                                      |
 * |--------------------|-------------------------------------------------------------------------------|
 * | domain tag         | the 17 ASCII bytes "rivet-image-id-v2"                                        |
 * | machine digest     | 32 bytes, {@link VerifyingKey#machineDigest()}: configuration, tables' shapes |
 * |                    |   and constraints                                                             |
 * | program commitment | int byte length (0 when no table has preprocessed columns), then the key's    |
 * |                    |   preprocessed cap as little-endian ints: it binds every preprocessed value,  |
 * |                    |   so the program code and initial memory image tables                         |
 * | entry pc           | 4 bytes little-endian                                                         |
 * | code region        | its start and end, 4 bytes little-endian each ({@link CodeRegion})           |
 * </pre>
 * A verifier computes the image ID it expects once, from a trusted setup, and accepts a receipt only for it: the
 * receipt's key (shapes, constraints, commitment), entry pc and code region must hash to it. The code region is
 * bound here, not in the key, because the store chips take it as public values: the machine digest stays the same
 * for every program (v2 added it; v1 had no code region).
 *
 * <p>Not {@code dev.rivet.exec.ProgramDigest} (circuits module), which is the executor's digest of a {@code Program}'s
 * memory image and entry point, computed without any key. That one names an ELF for the executor; this one names
 * what a proof verifies against, and is the one a receipt carries.
 */
public final class ImageId {
  private static final byte[] TAG = "rivet-image-id-v2".getBytes(StandardCharsets.US_ASCII);
  /** The number of bytes of an image ID. */
  public static final int BYTES = 32;

  private final byte[] digest;

  private ImageId(byte[] digest) {
    this.digest = digest;
  }

  /**
   * The image ID of a program run on a machine: the key's machine digest and preprocessed cap, the entry pc and the
   * code region.
   */
  public static ImageId of(VerifyingKey vk, int entryPc, CodeRegion code) {
    int[] cap = vk.preprocessedCommitment();
    int capBytes = cap == null ? 0 : 4 * cap.length;
    ByteBuffer b = ByteBuffer.allocate(TAG.length + BYTES + 4 + capBytes + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(TAG).put(vk.machineDigest()).putInt(capBytes);
    if (cap != null) {
      for (int w : cap) {
        b.putInt(w);
      }
    }
    b.putInt(entryPc).putInt(code.start()).putInt(code.end());
    try {
      return new ImageId(MessageDigest.getInstance("SHA-256").digest(b.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * An image ID from its 32 bytes.
   *
   * @throws IllegalArgumentException if there are not 32
   */
  public static ImageId fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("an image ID is " + BYTES + " bytes, not " + bytes.length);
    }
    return new ImageId(bytes.clone());
  }

  /**
   * Parses the 64 lowercase hex digits {@link #toString()} prints.
   *
   * @throws IllegalArgumentException naming the problem: the length, or the first character that is not a lowercase
   *     hex digit and its position
   */
  public static ImageId parse(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("an image ID is " + 2 * BYTES + " hex digits, not " + hex.length());
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        throw new IllegalArgumentException("an image ID is lowercase hex digits: '" + c + "' at position " + i);
      }
    }
    return new ImageId(HexFormat.of().parseHex(hex));
  }

  /** The 32 bytes; a fresh copy. */
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

  /** The 64 lowercase hex digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(digest);
  }
}
