package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.util.Arrays;

/**
 * Appends proof pieces to a growing byte array: the write side of {@link ProofReader}.
 *
 * <p>Every value is little-endian: an int or a field element is 4 bytes, an Ext4 element its 4 coefficients,
 * a digest its 8 ints, a long 8 bytes. Counts are written only where the verifier cannot derive them from the
 * statement; a reader then checks each against a caller-supplied maximum. Writing a non-canonical field
 * element is a prover bug and throws {@link IllegalArgumentException}.
 */
public final class ProofWriter {
  private byte[] bytes = new byte[256];
  private int size;

  /** Writes a raw 32-bit int (a count, a digest word). */
  public void writeInt(int v) {
    ensure(4);
    bytes[size] = (byte) v;
    bytes[size + 1] = (byte) (v >>> 8);
    bytes[size + 2] = (byte) (v >>> 16);
    bytes[size + 3] = (byte) (v >>> 24);
    size += 4;
  }

  /** Writes a 64-bit value (a proof-of-work nonce). */
  public void writeLong(long v) {
    writeInt((int) v);
    writeInt((int) (v >>> 32));
  }

  /** Writes raw bytes, without a count. */
  public void writeBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  /** Writes a canonical BabyBear element. */
  public void writeElement(int v) {
    if (!BabyBear.isCanonical(v)) {
      throw new IllegalArgumentException("not a canonical field element: " + v);
    }
    writeInt(v);
  }

  /** Writes {@code count} canonical elements starting at {@code a[off]}, without a count. */
  public void writeElements(int[] a, int off, int count) {
    for (int i = 0; i < count; i++) {
      writeElement(a[off + i]);
    }
  }

  /** Writes an extension element as its four coefficients. */
  public void writeExt4(Ext4 e) {
    for (int i = 0; i < Ext4.DEGREE; i++) {
      writeInt(e.coeff(i));
    }
  }

  /** Writes the 8-int digest at {@code d[off..]} (SHA-256 words are arbitrary ints, so no canonicity check). */
  public void writeDigest(int[] d, int off) {
    for (int i = 0; i < 8; i++) {
      writeInt(d[off + i]);
    }
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
    }
  }
}
