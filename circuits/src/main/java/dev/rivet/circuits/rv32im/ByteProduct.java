package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import java.util.List;

/**
 * The byte arithmetic that {@link MulChip} and {@link DivChip} share: a 64-bit identity x·y + w ≡ z (mod 2^64)
 * checked on 8 byte limbs with carries, and the top bit of a byte.
 *
 * <p><b>Why bytes.</b> A product of two 16-bit halves is up to 2^32 &gt; p, so it would wrap; a product of two bytes
 * is below 2^16, and the sum of the 8 products of one limb with a carry stays below 2^20 ≪ p.
 *
 * <p><b>Soundness of {@link #assertProduct}.</b> Limb n reads Σ_{i+j=n} x_i·y_j + w_n + k_(n−1) = z_n + 2^8·k_n
 * (k_(−1) = 0). If every x_i, y_j, w_n, z_n is a byte (the caller's duty: range-checked bytes, or 255 times a bit)
 * and every carry k_n is range-checked to 16 bits, both sides are below 2^25 ≪ p, so each equation holds over the
 * integers; multiplying limb n by 2^(8n) and summing gives Σ_{i+j≤7} 2^(8(i+j))·x_i·y_j + w = z + 2^64·k_7, and
 * the dropped terms (i + j ≥ 8) are multiples of 2^64: x·y + w ≡ z (mod 2^64) for the integers x, y, w, z that the
 * limbs spell. Honest carries are below 2^12 (8·255² + 255 + carry &lt; 2^20), so the 16-bit check never refuses
 * a true product.
 */
final class ByteProduct {
  /** Limbs of a 64-bit value. */
  static final int LIMBS = 8;

  private ByteProduct() {}

  /**
   * Asserts x·y + w ≡ z (mod 2^64) limb by limb on every row (an all-zero row satisfies it), with the 8 carries
   * {@code k} range-checked to 16 bits under {@code where}. Each list holds 8 byte-valued expressions, least
   * significant first; the constraint degree is deg(x_i) + deg(y_j).
   */
  static void assertProduct(Chip chip, ConstraintScope where, ByteTable bytes, List<? extends Expr> x,
      List<? extends Expr> y, List<? extends Expr> w, List<? extends Expr> z, List<Column> k) {
    for (int n = 0; n < LIMBS; n++) {
      Expr sum = w.get(n);
      for (int i = 0; i <= n; i++) {
        sum = sum.plus(x.get(i).times(y.get(n - i)));
      }
      if (n > 0) {
        sum = sum.plus(k.get(n - 1));
      }
      chip.assertEq("product limb " + n, sum, z.get(n).plus(k.get(n).times(256)));
      bytes.lookup(where, k.get(n));
    }
  }

  /**
   * Writes the carries of x·y + w ≡ z (mod 2^64) for 64-bit two's-complement values (a sign-extended operand has
   * bytes 255 above its word).
   *
   * @throws IllegalStateException if the identity does not hold (the record contradicts the operation)
   */
  static void fillCarries(Trace trace, int row, List<Column> k, long x, long y, long w, long z) {
    long carry = 0;
    for (int n = 0; n < LIMBS; n++) {
      long sum = carry + limb(w, n) - limb(z, n);
      for (int i = 0; i <= n; i++) {
        sum += limb(x, i) * limb(y, n - i);
      }
      if ((sum & 0xff) != 0) {
        throw new IllegalStateException("x·y + w ≠ z at limb " + n);
      }
      carry = sum >> 8;
      trace.set(k.get(n), row, carry);
    }
  }

  /**
   * Asserts that {@code msbX} is the top bit of the byte {@code topX}, and likewise for y, with one byte-pair
   * lookup under {@code where}: 2·(top − 128·msb) is a byte only for top − 128·msb ∈ [0, 128) (a negative value is
   * near p, a value in [128, 256) doubles past 255), which for a byte {@code top} and a bit {@code msb} (both the
   * caller's duty) means msb = ⌊top / 128⌋.
   */
  static void assertTopBits(ConstraintScope where, ByteTable bytes, Expr topX, Expr msbX, Expr topY, Expr msbY) {
    bytes.bytes(where, topX.minus(msbX.times(128)).times(2), topY.minus(msbY.times(128)).times(2));
  }

  /** The 16-bit half {@code i} of a word given as 4 bytes: {@code b[2i] + 256·b[2i+1]}. */
  static Expr half(List<? extends Expr> bytes, int i) {
    return bytes.get(2 * i).plus(bytes.get(2 * i + 1).times(256));
  }

  /** The 8 bytes of a 64-bit value whose low word is {@code word} and whose high bytes are all 255·{@code ext}. */
  static List<Expr> extend(List<? extends Expr> word, Expr ext) {
    Expr high = ext.times(255);
    return List.of(word.get(0), word.get(1), word.get(2), word.get(3), high, high, high, high);
  }

  /** Writes the 4 bytes of {@code value}, least significant first. */
  static void fillBytes(Trace trace, int row, List<Column> bytes, int value) {
    for (int i = 0; i < 4; i++) {
      trace.set(bytes.get(i), row, (value >>> (8 * i)) & 0xff);
    }
  }

  private static long limb(long v, int n) {
    return (v >>> (8 * n)) & 0xff;
  }
}
