package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Trace;

/**
 * A Boolean column: one column {@code b} and the constraint {@code b·(b − 1) = 0} (degree 2, plus the scope's
 * condition), named "{@code <name> is a bit}". The only roots of b² − b are 0 and 1, so where the condition holds
 * the column is a bit, and {@link dev.rivet.dsl.Bits}' operations on it mean what they say.
 */
public final class Bool {
  private final Column value;

  private Bool(Column value) {
    this.value = value;
  }

  /** Declares the column {@code name} on the scope's chip and constrains it Boolean under the scope's condition. */
  public static Bool of(ConstraintScope where, String name) {
    Bool b = new Bool(where.chip().column(name));
    where.assertBool(name + " is a bit", b.value);
    return b;
  }

  /** The bit. */
  public Column value() {
    return value;
  }

  /** Writes the bit on {@code row}. */
  public void fill(Trace trace, int row, boolean bit) {
    trace.set(value, row, bit ? 1 : 0);
  }
}
