package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.hash.HashFunction;

/**
 * Reads proof pieces written by {@link ProofWriter} from untrusted bytes.
 *
 * <p>Every read checks that the bytes are there, every count is checked against a maximum the caller derives
 * from the statement, and every field element is checked for canonical form, all before anything is
 * allocated; so hostile bytes yield a {@link MalformedProofException} naming the offset and what was being read,
 * never an exception of another kind, a huge allocation or a hang. Digests are checked against the hash that
 * made them ({@link HashFunction#isDigest}). {@link #finish()} rejects trailing bytes.
 */
public final class ProofReader {
  private final byte[] bytes;
  private final HashFunction hash;
  private int pos;

  /** A reader of {@code bytes} whose digests are {@code hash}'s. */
  public ProofReader(byte[] bytes, HashFunction hash) {
    this.bytes = bytes;
    this.hash = hash;
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
      throw new MalformedProofException("proof byte " + at + ": " + what + " count " + Integer.toUnsignedString(n) + " exceeds the maximum " + max);
    }
    return n;
  }

  /** Reads a canonical BabyBear element. */
  public int readElement(String what) throws VerificationException {
    int at = pos;
    int v = readInt(what);
    if (!BabyBear.isCanonical(v)) {
      throw new MalformedProofException("proof byte " + at + ": " + what + " is not a canonical field element (" + Integer.toUnsignedString(v) + ")");
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

  /** Reads {@code count} digests, packed 8 ints each, each one a digest the hash can output. */
  public int[] readDigests(int count, String what) throws VerificationException {
    need(4L * HashFunction.DIGEST_INTS * count, what);
    int[] a = new int[HashFunction.DIGEST_INTS * count];
    for (int i = 0; i < a.length; i += HashFunction.DIGEST_INTS) {
      int at = pos;
      for (int j = 0; j < HashFunction.DIGEST_INTS; j++) {
        a[i + j] = readInt(what);
      }
      if (!hash.isDigest(a, i)) {
        throw new MalformedProofException("proof byte " + at + ": " + what + " is not a " + hash.name()
            + " digest (a word is not a canonical field element)");
      }
    }
    return a;
  }

  /** Reads {@code count} raw bytes. */
  public byte[] readBytes(int count, String what) throws VerificationException {
    need(count, what);
    byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + count);
    pos += count;
    return b;
  }

  /** Reads an extension element with canonical coefficients. */
  public Ext4 readExt4(String what) throws VerificationException {
    need(16, what);
    return Ext4.of(readElement(what), readElement(what), readElement(what), readElement(what));
  }

  /** Reads an 8-int digest. */
  public int[] readDigest(String what) throws VerificationException {
    return readDigests(1, what);
  }

  /** Checks that every byte was consumed. */
  public void finish() throws VerificationException {
    if (pos != bytes.length) {
      throw new MalformedProofException("proof has " + (bytes.length - pos) + " trailing bytes after byte " + pos);
    }
  }

  private void need(long n, String what) throws VerificationException {
    if (n < 0 || n > bytes.length - pos) {
      throw new MalformedProofException("proof truncated at byte " + pos + ": " + what + " needs " + n + " bytes, " + (bytes.length - pos) + " remain");
    }
  }
}
