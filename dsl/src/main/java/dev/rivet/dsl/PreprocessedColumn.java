package dev.rivet.dsl;

import dev.rivet.air.Node;
import dev.rivet.air.VarKind;

/**
 * A fixed column whose values are part of the circuit (and its digest), such as the 0..255 column of a byte range
 * table. The prover commits to preprocessed columns once, in the verifying key.
 */
public final class PreprocessedColumn extends Expr {
  private final String name;
  private final int index;

  PreprocessedColumn(Chip chip, String name, int index) {
    super(new Node.Var(VarKind.PREPROCESSED, index), 1, chip);
    this.name = name;
    this.index = index;
  }

  /** This column on the next row. */
  public Expr next() {
    return Expr.variable(VarKind.PREPROCESSED_NEXT, index, owner);
  }

  public String name() {
    return name;
  }

  public int index() {
    return index;
  }
}
