package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;

/**
 * {@code value ∈ [0, 2^w)} for any width w up to the width k of a shared {@link RangeTable} (16 for the
 * {@link ByteTable}, 8 for the {@link ByteRangeTable}). No columns; nothing to fill (the table's counters are
 * derived).
 *
 * <ul>
 *   <li>w = k: one lookup of v.</li>
 *   <li>1 &lt; w &lt; k: two lookups, of v and of v·2^(k−w). The first gives 0 ≤ v &lt; 2^k as an integer; then
 *       v·2^(k−w) &lt; 2^(2k−w) ≤ 2^30 &lt; p does not wrap around the field, so the second holds exactly when
 *       v·2^(k−w) &lt; 2^k, that is v &lt; 2^w.</li>
 *   <li>w = 1: {@code v·(v − 1) = 0}, cheaper than a lookup; and with k = 16 the shifted lookup would be unsound
 *       there (v·2^15 can exceed p and wrap into the table: v = 61441 gives 32767).</li>
 * </ul>
 *
 * <p><b>Why one wide table and two lookups, not a table per width.</b> A machine checks limbs of several widths
 * (bytes, 16-bit halves, 7- and 15-bit remainders under a sign bit, timestamps). A table per width would add its rows,
 * commitments and LogUp columns to every proof for each width in use; OpenVM's variable range checker instead
 * tags each value with its width in a 2^(k+1)-row table. Reusing the byte table's 2^16 rows costs nothing extra per
 * width, the common widths (16, and 8 through {@link ByteTable#bytes}) take one lookup, and the others two.
 */
public final class RangeCheck {
  private RangeCheck() {}

  /**
   * Asserts {@code value ∈ [0, 2^bits)} where the scope's condition holds.
   *
   * @throws IllegalArgumentException if {@code bits} is not in 1 … {@code table.bits()}
   */
  public static void assertBits(ConstraintScope where, RangeTable table, Expr value, int bits) {
    int k = table.bits();
    if (bits < 1 || bits > k) {
      throw new IllegalArgumentException("range check of " + bits + " bits through a table of " + k
          + " bits; split wider values into limbs");
    }
    if (bits == 1) {
      where.assertBool("range: " + value + " is a bit", value);
      return;
    }
    table.lookup(where, value);
    if (bits < k) {
      table.lookup(where, value.times(1L << (k - bits)));
    }
  }
}
