package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Expr;

/**
 * {@code cond ? a : b} as the expression {@code b + cond·(a − b)}: no column, no constraint, degree
 * deg(cond) + max(deg a, deg b). It means a choice only when {@code cond} is constrained Boolean (a {@link Bool},
 * an {@link IsZero} output, a {@link LessThan} result); for another cond it is just a polynomial. Assign it to a
 * column when the result feeds a product that would otherwise exceed the degree. There is no witness to fill.
 */
public final class Select {
  private Select() {}

  /** {@code cond ? ifOne : ifZero} for a Boolean {@code cond}. */
  public static Expr of(Expr cond, Expr ifOne, Expr ifZero) {
    return ifZero.plus(cond.times(ifOne.minus(ifZero)));
  }
}
