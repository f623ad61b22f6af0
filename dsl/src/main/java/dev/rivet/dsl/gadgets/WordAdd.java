package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Trace;

/**
 * {@code out = a + b mod 2^32} over words of either limb width. Columns: the limbs of {@code out} (a {@link Word}
 * named {@code <name>}, range-checked); the carries are expressions constrained Boolean
 * ("{@code <name>: carry[i] is a bit}", degree 2 plus the condition), see {@code Carries} for why that pins out.
 * The inputs' limbs must be range-checked words. Cost: bytes, 4 columns, 4 constraints, 2 lookups; halves,
 * 2 columns, 2 constraints, 2 lookups.
 */
public final class WordAdd {
  private final Word out;

  private WordAdd(Word out) {
    this.out = out;
  }

  /** Declares {@code out} and constrains {@code a + b = out mod 2^32} under the scope's condition. */
  public static WordAdd of(ConstraintScope where, String name, Word a, Word b, ByteTable table) {
    a.requireSameShape(b, name);
    Word out = Word.like(a, where, name, table);
    Carries.add(where, name, a.limbs(), b.limbs(), out.limbs(), a.limbBits());
    return new WordAdd(out);
  }

  /** The sum. */
  public Word out() {
    return out;
  }

  /** Writes {@code a + b mod 2^32} on {@code row}. */
  public void fill(Trace trace, int row, int a, int b) {
    out.fill(trace, row, a + b);
  }
}
