package dev.rivet.stark.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 from the JDK (an intrinsic using the SHA extensions where the CPU has them).
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Encoding.</b> A leaf is {@code SHA-256(0x00 ‖ le32(v_0) ‖ … ‖ le32(v_{w−1}))}, a node
 *       {@code SHA-256(0x01 ‖ left ‖ right)} with digests as their 32 bytes, a transcript input
 *       {@code SHA-256(0x02 ‖ le32(x_0) ‖ …)}. The prefix byte separates the three domains; it costs nothing
 *       for nodes, whose 65 bytes take two compressions either way. The digest's eight words are read big-endian,
 *       SHA-256's own word order, so a digest's ints re-encode to the same 32 bytes.
 *   <li><b>No allocation.</b> Each thread reuses one {@link MessageDigest} and one byte buffer. Leaves are
 *       encoded a block of rows at a time, column by column, so each column array is read sequentially.
 * </ul>
 */
public final class Sha256Hash implements HashFunction {
  /** The one instance: the hash has no parameters. */
  public static final Sha256Hash INSTANCE = new Sha256Hash();

  private static final byte LEAF = 0;
  private static final byte NODE = 1;
  private static final byte INTS = 2;
  private static final int ROW_BLOCK = 64;
  private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Sha256Hash() {}

  @Override
  public String name() {
    return "sha256";
  }

  /** 128: the generic birthday bound on 256-bit digests; no better collision attack on SHA-256 is known. */
  @Override
  public double collisionBits() {
    return 128;
  }

  /** Always: SHA-256 outputs every 256-bit string. */
  @Override
  public boolean isDigest(int[] d, int off) {
    return true;
  }

  @Override
  public void hashRows(int[][] columns, int from, int to, int[] out, int outOff) {
    Scratch s = SCRATCH.get();
    int rowBytes = 1 + 4 * columns.length;
    byte[] buf = s.buffer(ROW_BLOCK * rowBytes);
    for (int start = from; start < to; start += ROW_BLOCK) {
      int rows = Math.min(ROW_BLOCK, to - start);
      for (int r = 0; r < rows; r++) {
        buf[r * rowBytes] = LEAF;
      }
      for (int c = 0; c < columns.length; c++) {
        int[] col = columns[c];
        int pos = 1 + 4 * c;
        for (int r = 0; r < rows; r++, pos += rowBytes) {
          LE_INT.set(buf, pos, col[start + r]);
        }
      }
      for (int r = 0; r < rows; r++) {
        s.digest(buf, r * rowBytes, rowBytes, out, outOff + 8 * (start - from + r));
      }
    }
  }

  @Override
  public void hashRow(int[] row, int[] out, int outOff) {
    Scratch s = SCRATCH.get();
    byte[] buf = s.buffer(1 + 4 * row.length);
    buf[0] = LEAF;
    for (int i = 0; i < row.length; i++) {
      LE_INT.set(buf, 1 + 4 * i, row[i]);
    }
    s.digest(buf, 0, 1 + 4 * row.length, out, outOff);
  }

  @Override
  public void compress(int[] left, int leftOff, int[] right, int rightOff, int[] out, int outOff) {
    Scratch s = SCRATCH.get();
    byte[] buf = s.buffer(65);
    buf[0] = NODE;
    for (int i = 0; i < 8; i++) {
      BE_INT.set(buf, 1 + 4 * i, left[leftOff + i]);
      BE_INT.set(buf, 33 + 4 * i, right[rightOff + i]);
    }
    s.digest(buf, 0, 65, out, outOff);
  }

  @Override
  public void hashInts(int[] in, int off, int len, int[] out, int outOff) {
    Scratch s = SCRATCH.get();
    byte[] buf = s.buffer(1 + 4 * len);
    buf[0] = INTS;
    for (int i = 0; i < len; i++) {
      LE_INT.set(buf, 1 + 4 * i, in[off + i]);
    }
    s.digest(buf, 0, 1 + 4 * len, out, outOff);
  }

  /** Per-thread digest, input buffer and output bytes. */
  private static final class Scratch {
    private final MessageDigest md;
    private final byte[] digest = new byte[32];
    private byte[] buffer = new byte[1024];

    Scratch() {
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK must provide SHA-256", e);
      }
    }

    byte[] buffer(int size) {
      if (buffer.length < size) {
        buffer = new byte[Math.max(size, 2 * buffer.length)];
      }
      return buffer;
    }

    void digest(byte[] buf, int off, int len, int[] out, int outOff) {
      md.update(buf, off, len);
      try {
        md.digest(digest, 0, 32);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 output buffer of 32 bytes refused", e);
      }
      for (int i = 0; i < 8; i++) {
        out[outOff + i] = (int) BE_INT.get(digest, 4 * i);
      }
    }
  }
}
