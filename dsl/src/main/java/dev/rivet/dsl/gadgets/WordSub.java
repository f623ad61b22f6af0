package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;

/**
 * {@code out = a − b mod 2^32}, written as the addition {@code b + out = a + 2^32·borrow} so it shares
 * {@link WordAdd}'s constraints ("{@code <name>: carry[i] is a bit}") and cost. The carry out of the top limb is the
 * borrow, 1 exactly when a &lt; b unsigned: {@link #borrow()} is an unsigned comparison for free.
 */
public final class WordSub {
  private final Word out;
  private final Expr borrow;

  private WordSub(Word out, Expr borrow) {
    this.out = out;
    this.borrow = borrow;
  }

  /** Declares {@code out} and constrains {@code a − b = out mod 2^32} under the scope's condition. */
  public static WordSub of(ConstraintScope where, String name, Word a, Word b, ByteTable table) {
    a.requireSameShape(b, name);
    Word out = Word.like(a, where, name, table);
    return new WordSub(out, Carries.add(where, name, b.limbs(), out.limbs(), a.limbs(), a.limbBits()));
  }

  /** The difference. */
  public Word out() {
    return out;
  }

  /** 1 if a &lt; b as unsigned words, else 0 (Boolean, degree 1). */
  public Expr borrow() {
    return borrow;
  }

  /** Writes {@code a − b mod 2^32} on {@code row}. */
  public void fill(Trace trace, int row, int a, int b) {
    out.fill(trace, row, a - b);
  }
}
