package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.field.BabyBear;
import java.util.List;

/**
 * Limb-by-limb addition {@code x + y = z + 2^(w·n)·carry} with the carries as expressions, not columns: the carry
 * out of limb i is {@code c_i = (x_i + y_i + c_(i−1) − z_i) / 2^w} (a linear expression, division by a constant),
 * constrained Boolean ("{@code <name>: carry[i] is a bit}", degree 2). SP1's {@code AddOperation} does the same.
 *
 * <p>Soundness, for limbs x_i, y_i, z_i in [0, 2^w) (range-checked by the caller) and w ≤ 16: with c_(i−1) a bit,
 * {@code x_i + y_i + c_(i−1) − z_i} is an integer in (−2^w, 2^(w+1)), far from p, so {@code 2^w·c_i} equals it as
 * an integer; c_i ∈ {0, 1} then forces z_i = (x_i + y_i + c_(i−1)) mod 2^w and the carry to be the true one.
 */
final class Carries {
  private Carries() {}

  /** Constrains the sum and returns the carry out of the top limb (a Boolean expression of degree 1). */
  static Expr add(ConstraintScope where, String name, List<? extends Expr> x, List<? extends Expr> y,
      List<? extends Expr> z, int limbBits) {
    long inverse = BabyBear.inv(1 << limbBits);
    Expr carry = Expr.ZERO;
    for (int i = 0; i < z.size(); i++) {
      carry = x.get(i).plus(y.get(i)).plus(carry).minus(z.get(i)).times(inverse);
      where.assertBool(name + ": carry[" + i + "] is a bit", carry);
    }
    return carry;
  }
}
