package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;

/**
 * Reads proof pieces written by {@link ProofWriter} from untrusted bytes.
 *
 * <p>Every read checks that the bytes are there, every count is checked against a maximum the caller derives
 * from the statement, and every field element is checked for canonical form, all before anything is
 * allocated; so hostile bytes yield a {@link VerificationException} naming the offset and what was being read,
 * never an exception of another kind, a huge allocation or a hang. {@link #finish()} rejects trailing bytes.
 */
public final class ProofReader {
  private final byte[] bytes;
  private int pos;

  public ProofReader(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Reads a raw 32-bit int. */
  public int readInt(String what) throws VerificationException {
    need(4, what);
    int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  /** Reads a 64-bit value. */
  public long readLong(String what) throws VerificationException {
    long lo = readInt(what) & 0xFFFFFFFFL;
    long hi = readInt(what) & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  /** Reads a count and checks {@code 0 <= count <= max}. */
  public int readCount(int max, String what) throws VerificationException {
    int at = pos;
    int n = readInt(what);
    if (n < 0 || n > max) {
      throw new VerificationException("proof byte " + at + ": " + what + " count " + Integer.toUnsignedString(n) + " exceeds the maximum " + max);
    }
    return n;
  }

  /** Reads a canonical BabyBear element. */
  public int readElement(String what) throws VerificationException {
    int at = pos;
    int v = readInt(what);
    if (!BabyBear.isCanonical(v)) {
      throw new VerificationException("proof byte " + at + ": " + what + " is not a canonical field element (" + Integer.toUnsignedString(v) + ")");
    }
    return v;
  }

  /** Reads {@code count} canonical elements; the count comes from the statement or from {@link #readCount}. */
  public int[] readElements(int count, String what) throws VerificationException {
    need(4L * count, what);
    int[] a = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = readElement(what);
    }
    return a;
  }

  /** Reads {@code count} raw ints (digest words). */
  public int[] readInts(int count, String what) throws VerificationException {
    need(4L * count, what);
    int[] a = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = readInt(what);
    }
    return a;
  }

  /** Reads an extension element with canonical coefficients. */
  public Ext4 readExt4(String what) throws VerificationException {
    need(16, what);
    return Ext4.of(readElement(what), readElement(what), readElement(what), readElement(what));
  }

  /** Reads an 8-int digest. */
  public int[] readDigest(String what) throws VerificationException {
    return readInts(8, what);
  }

  /** Checks that every byte was consumed. */
  public void finish() throws VerificationException {
    if (pos != bytes.length) {
      throw new VerificationException("proof has " + (bytes.length - pos) + " trailing bytes after byte " + pos);
    }
  }

  private void need(long n, String what) throws VerificationException {
    if (n < 0 || n > bytes.length - pos) {
      throw new VerificationException("proof truncated at byte " + pos + ": " + what + " needs " + n + " bytes, " + (bytes.length - pos) + " remain");
    }
  }
}
