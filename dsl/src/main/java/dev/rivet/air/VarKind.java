package dev.rivet.air;

/**
 * What a {@link Node.Var} reads. Selectors are variables too, so that a constraint's degree counts them, exactly as
 * the quotient polynomial will.
 */
public enum VarKind {
  /** A main (witness) column on the current row. */
  MAIN(1),
  /** A main column on the next row (row + 1, wrapping from the last row to the first). */
  MAIN_NEXT(1),
  /** A preprocessed (fixed) column on the current row. */
  PREPROCESSED(1),
  /** A preprocessed column on the next row. */
  PREPROCESSED_NEXT(1),
  /** A public value of the table: constant over the rows, so degree 0. */
  PUBLIC(0),
  /** 1 on the first row, 0 elsewhere. */
  IS_FIRST_ROW(1),
  /** 1 on the last row, 0 elsewhere. */
  IS_LAST_ROW(1),
  /** 1 on every row but the last: guards constraints that read the next row. */
  IS_TRANSITION(1);

  private final int degree;

  VarKind(int degree) {
    this.degree = degree;
  }

  /** The degree this leaf contributes, as a polynomial in the row's trace values. */
  public int degree() {
    return degree;
  }

  /** Whether the leaf carries a column or public-value index. */
  public boolean hasIndex() {
    return ordinal() <= PUBLIC.ordinal();
  }
}
