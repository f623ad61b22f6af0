package dev.rivet.check;

import dev.rivet.air.AirConstraint;

/**
 * A constraint that does not vanish on a row.
 *
 * @param table the table's name
 * @param constraint the constraint (its label names it by name or source line)
 * @param row the failing row
 * @param value what the constraint evaluated to there (non-zero)
 */
public record ConstraintFailure(String table, AirConstraint constraint, int row, int value) {
  @Override
  public String toString() {
    return "table '" + table + "': constraint " + constraint.label() + " fails on row " + row + " (evaluates to "
        + dev.rivet.field.BabyBear.toSigned(value) + ")";
  }
}
