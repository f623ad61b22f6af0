package dev.rivet.dsl;

import dev.rivet.air.VarKind;

/**
 * A main (witness) column of a chip, read on the current row. {@link #next()} reads it on the next row.
 * Columns are named explicitly and appear in declaration order in the compiled table.
 */
public final class Column extends Expr {
  private final String name;
  private final int index;

  Column(Chip chip, String name, int index) {
    super(new dev.rivet.air.Node.Var(VarKind.MAIN, index), 1, chip);
    this.name = name;
    this.index = index;
  }

  /** This column on the next row (the last row's next is the first). */
  public Expr next() {
    return Expr.variable(VarKind.MAIN_NEXT, index, owner);
  }

  public String name() {
    return name;
  }

  /** Position in the table's main columns. */
  public int index() {
    return index;
  }

  /** The chip that declared this column. */
  public Chip chip() {
    return owner;
  }
}
