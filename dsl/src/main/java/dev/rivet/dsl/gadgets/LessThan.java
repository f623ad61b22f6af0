package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code a < b} for two words, unsigned ({@link #unsigned}) or two's-complement signed ({@link #signed}), as a
 * Boolean expression of degree 1 ({@link #out()}), ready to use as a condition or a {@link Select}.
 *
 * <p><b>Unsigned.</b> The borrow of {@code a − b}: a difference word {@code <name>_diff} (range-checked limbs) with
 * {@code b + diff = a + 2^32·lt} limb by limb ("{@code <name>: carry[i] is a bit}", see {@link WordSub}). Cost:
 * the difference's columns and lookups (bytes 4 and 2, halves 2 and 2), one Boolean constraint per limb.
 *
 * <p><b>Signed.</b> a &lt; b signed iff (a ⊕ 2^31) &lt; (b ⊕ 2^31) unsigned. Flipping the top bit is linear once it
 * is a column: {@code <name>_msb_a} and {@code <name>_msb_b}, Boolean ("{@code <name>_msb_a is a bit}"), with the
 * top limb minus 2^(w−1)·msb range-checked to w − 1 bits (two lookups each, {@link RangeCheck}), so msb is the top
 * limb's top bit; the flipped top limb is {@code top + 2^(w−1) − 2^w·msb}, in [0, 2^w). The unsigned comparison
 * then runs on the flipped limbs. Extra cost over unsigned: 2 columns, 2 constraints, 4 lookups. (SP1 and OpenVM
 * compare from the most significant differing limb with one flag per limb; the borrow needs no flags, and the
 * subtraction it reuses is the ALU's own.)
 */
public final class LessThan {
  private final Word diff;
  private final Expr out;
  private final Column msbA;
  private final Column msbB;

  private LessThan(Word diff, Expr out, Column msbA, Column msbB) {
    this.diff = diff;
    this.out = out;
    this.msbA = msbA;
    this.msbB = msbB;
  }

  /** {@code a < b} as unsigned 32-bit words. */
  public static LessThan unsigned(ConstraintScope where, String name, Word a, Word b, ByteTable table) {
    a.requireSameShape(b, name);
    Word diff = Word.like(a, where, name + "_diff", table);
    Expr lt = Carries.add(where, name, b.limbs(), diff.limbs(), a.limbs(), a.limbBits());
    return new LessThan(diff, lt, null, null);
  }

  /** {@code a < b} as signed (two's complement) 32-bit words. */
  public static LessThan signed(ConstraintScope where, String name, Word a, Word b, ByteTable table) {
    a.requireSameShape(b, name);
    Column msbA = Bool.of(where, name + "_msb_a").value();
    Column msbB = Bool.of(where, name + "_msb_b").value();
    Word diff = Word.like(a, where, name + "_diff", table);
    Expr lt = Carries.add(where, name, flipTop(where, b, msbB, table), diff.limbs(), flipTop(where, a, msbA, table),
        a.limbBits());
    return new LessThan(diff, lt, msbA, msbB);
  }

  /** The limbs of {@code w ⊕ 2^31}, with {@code msb} constrained to be w's top bit. */
  private static List<Expr> flipTop(ConstraintScope where, Word w, Column msb, ByteTable table) {
    int bits = w.limbBits();
    List<Expr> limbs = new ArrayList<>(w.limbs());
    Expr top = limbs.get(limbs.size() - 1);
    RangeCheck.assertBits(where, table, top.minus(msb.times(1L << (bits - 1))), bits - 1);
    limbs.set(limbs.size() - 1, top.plus(1L << (bits - 1)).minus(msb.times(1L << bits)));
    return limbs;
  }

  /** 1 where a &lt; b, else 0 (Boolean, degree 1). */
  public Expr out() {
    return out;
  }

  /** Writes the witness for the words {@code a} and {@code b} on {@code row}; returns whether a &lt; b. */
  public boolean fill(Trace trace, int row, int a, int b) {
    if (msbA == null) {
      diff.fill(trace, row, a - b);
      return Integer.compareUnsigned(a, b) < 0;
    }
    trace.set(msbA, row, a >>> 31);
    trace.set(msbB, row, b >>> 31);
    diff.fill(trace, row, (a ^ Integer.MIN_VALUE) - (b ^ Integer.MIN_VALUE));
    return a < b;
  }
}
