package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.field.BabyBear;

/**
 * {@code out = 1} if {@code x = 0}, else {@code out = 0}, with an inverse witness.
 *
 * <p>Columns: {@code out} (named {@code <name>}) and {@code inv} ({@code <name>_inv}). Constraints, under the
 * scope's condition:
 * <ul>
 *   <li>"{@code <name>: x·out = 0}": where x ≠ 0, out must be 0;</li>
 *   <li>"{@code <name>: out = 1 − x·inv}": where x = 0 this reads out = 1; where x ≠ 0 it holds with out = 0 only
 *       for inv = 1/x.</li>
 * </ul>
 * So for every x exactly one (out, inv) satisfies both, out ∈ {0, 1} follows without a Boolean constraint, and
 * {@link #fill} computes it. Degree deg(x) + 1 each (2 for a column x), plus the condition. Cost: 2 columns,
 * 2 constraints, no lookups. The same construction as OpenVM's {@code IsZeroSubAir} and SP1's
 * {@code IsZeroOperation}.
 */
public final class IsZero {
  private final Column out;
  private final Column inv;

  IsZero(ConstraintScope where, String name, Expr x) {
    out = where.chip().column(name);
    inv = where.chip().column(name + "_inv");
    where.assertZero(name + ": x·out = 0", x.times(out));
    where.assertEq(name + ": out = 1 − x·inv", out, Expr.ONE.minus(x.times(inv)));
  }

  /** {@code x = 0 ? 1 : 0}, as the column {@code name} (and its inverse witness {@code name_inv}). */
  public static IsZero of(ConstraintScope where, String name, Expr x) {
    return new IsZero(where, name, x);
  }

  /** 1 where x = 0, else 0. */
  public Column out() {
    return out;
  }

  /** Writes the witness for the value {@code x} (any {@code long}, reduced into the field) on {@code row}. */
  public void fill(Trace trace, int row, long x) {
    int v = BabyBear.fromLong(x);
    trace.set(out, row, v == 0 ? 1 : 0);
    trace.set(inv, row, v == 0 ? 0 : BabyBear.inv(v));
  }
}
