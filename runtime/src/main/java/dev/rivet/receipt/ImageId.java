package dev.rivet.receipt;

import dev.rivet.digest.Sha256Digest;
import dev.rivet.stark.VerifyingKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
public final class ImageId extends Sha256Digest {
  private static final byte[] TAG = "rivet-image-id-v2".getBytes(StandardCharsets.US_ASCII);
  private static final String KIND = "an image ID";

  private ImageId(byte[] digest) {
    super(digest, KIND);
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
    return new ImageId(bytes);
  }

  /**
   * Parses the 64 lowercase hex digits {@link #toString()} prints.
   *
   * @throws IllegalArgumentException naming the problem: the length, or the first character that is not a lowercase
   *     hex digit and its position
   */
  public static ImageId parse(String hex) {
    return new ImageId(parseHex(hex, KIND));
  }
}
