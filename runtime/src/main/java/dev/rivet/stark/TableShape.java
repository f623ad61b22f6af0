package dev.rivet.stark;

import dev.rivet.air.AirTable;

/**
 * The widths and quotient size of one table in a proof: derived from the table and the blowup alone, identically
 * by prover and verifier, so a proof never tells the verifier how to read itself.
 */
final class TableShape {
  final AirTable table;
  final LogUp logUp;
  final int mainWidth;
  final int prepWidth;
  final int auxWidth;
  /**
   * log2 of q, the chunks this table's own quotient needs; the one quotient of all tables has the largest
   * ({@link VerifyingKey#logQuotient()}).
   */
  final int logQuotient;
  /** The highest constraint degree, LogUp constraints included. */
  final int degree;

  TableShape(AirTable table, int logBlowup) {
    this.table = table;
    this.logUp = new LogUp(table);
    this.mainWidth = table.width();
    this.prepWidth = table.preprocessedColumns().size();
    this.auxWidth = logUp.baseColumns();
    int d = table.degree();
    if (logUp.groupCount() > 0) {
      d = Math.max(d, Math.max(2, logUp.degree()));
    }
    this.degree = d;
    // Q = C/Z has degree below (d − 1)·n: q = the next power of two of d − 1.
    int lq = 0;
    while ((1 << lq) < d - 1) {
      lq++;
    }
    if (lq > logBlowup) {
      throw new IllegalArgumentException("table '" + table.name() + "' has constraints of degree " + d
          + ", which needs a log blowup of at least " + lq + " (configured: " + logBlowup + ")");
    }
    this.logQuotient = lq;
  }

  /** The table's columns opened per point and per query: main, preprocessed, auxiliary. */
  int openedWidth() {
    return mainWidth + prepWidth + auxWidth;
  }

  /** The constraints combined with powers of α: the table's, then LogUp's. */
  int constraintCount() {
    return table.constraints().size() + logUp.constraintCount();
  }
}
