package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;

/**
 * {@code out = 1} if {@code a = b} (as field elements), else 0: {@link IsZero} of {@code a − b}. Columns
 * {@code <name>} and {@code <name>_inv}; constraints "{@code <name>: x·out = 0}" and "{@code <name>: out = 1 − x·inv}"
 * with x = a − b; degree max(deg a, deg b) + 1, plus the condition. For words held in limbs, compare limb by limb
 * and multiply the outs, or compare the packed value when it fits the field.
 */
public final class IsEqual {
  private final IsZero diff;

  private IsEqual(IsZero diff) {
    this.diff = diff;
  }

  /** {@code a = b ? 1 : 0}, as the column {@code name}. */
  public static IsEqual of(ConstraintScope where, String name, Expr a, Expr b) {
    return new IsEqual(new IsZero(where, name, a.minus(b)));
  }

  /** 1 where a = b, else 0. */
  public Column out() {
    return diff.out();
  }

  /** Writes the witness for the values {@code a} and {@code b} on {@code row}. */
  public void fill(Trace trace, int row, long a, long b) {
    diff.fill(trace, row, a - b);
  }
}
