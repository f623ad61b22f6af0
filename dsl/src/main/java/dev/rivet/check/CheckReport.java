package dev.rivet.check;

import java.util.List;

/**
 * What the {@link Checker} found: failing constraints by table, constraint and row; unbalanced bus messages with
 * the tables on each side; and malformed traces. Empty lists mean the traces satisfy the tables.
 *
 * @param constraintFailures failures, at most {@link Checker#MAX_ROWS_PER_CONSTRAINT} rows per constraint
 * @param failingRows the total number of (constraint, row) failures, including those not listed
 * @param busImbalances unbalanced messages, at most {@link Checker#MAX_IMBALANCES} listed
 * @param traceProblems shape problems (non-canonical cells, inconsistent bus declarations)
 */
public record CheckReport(List<ConstraintFailure> constraintFailures, long failingRows,
    List<BusImbalance> busImbalances, List<String> traceProblems) {

  public CheckReport {
    constraintFailures = List.copyOf(constraintFailures);
    busImbalances = List.copyOf(busImbalances);
    traceProblems = List.copyOf(traceProblems);
  }

  /** Whether every constraint holds and every bus balances. */
  public boolean ok() {
    return constraintFailures.isEmpty() && busImbalances.isEmpty() && traceProblems.isEmpty();
  }

  /** Throws a {@link CheckException} carrying this report unless it is {@link #ok()}. */
  public void orThrow() {
    if (!ok()) {
      throw new CheckException(this);
    }
  }

  @Override
  public String toString() {
    if (ok()) {
      return "all constraints hold and all buses balance";
    }
    StringBuilder sb = new StringBuilder();
    for (String p : traceProblems) {
      sb.append(p).append('\n');
    }
    for (ConstraintFailure f : constraintFailures) {
      sb.append(f).append('\n');
    }
    if (failingRows > constraintFailures.size()) {
      sb.append("… ").append(failingRows - constraintFailures.size()).append(" more failing rows not listed\n");
    }
    for (BusImbalance b : busImbalances) {
      sb.append(b).append('\n');
    }
    return sb.toString().strip();
  }
}
