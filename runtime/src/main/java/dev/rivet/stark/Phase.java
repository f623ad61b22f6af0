package dev.rivet.stark;

import java.util.stream.IntStream;

/**
 * The commitment phases of a proof, each one Merkle tree ({@link dev.rivet.stark.merkle.MerkleTree}: mixed heights,
 * one multi-proof for all queries). The trace phases hold the LDE matrices of every table that has columns in them, in table
 * order; the quotient phase holds one matrix, the quotient of all tables, at the largest table's LDE size. The
 * phases are opened at each query in this order, those without any column skipped.
 */
enum Phase {
  MAIN("main trace"),
  PREPROCESSED("preprocessed"),
  AUX("LogUp columns"),
  QUOTIENT("quotient");

  final String label;

  Phase(String label) {
    this.label = label;
  }

  /** Table t's columns in this trace phase (none in the quotient phase, which is no table's). */
  int width(TableShape s) {
    return switch (this) {
      case MAIN -> s.mainWidth;
      case PREPROCESSED -> s.prepWidth;
      case AUX -> s.auxWidth;
      case QUOTIENT -> 0;
    };
  }

  /** The tables with columns in this phase, in table order: a trace phase's matrices; none for the quotient. */
  int[] tables(VerifyingKey vk) {
    return IntStream.range(0, vk.shapes.length).filter(t -> width(vk.shapes[t]) > 0).toArray();
  }

  /** The widths of this phase's matrices, in tree order. */
  int[] widths(VerifyingKey vk) {
    return this == QUOTIENT ? new int[] {vk.quotientWidth()}
        : IntStream.of(tables(vk)).map(t -> width(vk.shapes[t])).toArray();
  }

  /** The log-sizes of this phase's matrices: the tables' LDE domains, or the largest one for the quotient. */
  int[] logSizes(VerifyingKey vk, int[] logHeights, int logBlowup) {
    return this == QUOTIENT ? new int[] {IntStream.of(logHeights).max().getAsInt() + logBlowup}
        : IntStream.of(tables(vk)).map(t -> logHeights[t] + logBlowup).toArray();
  }

  /** The phases with at least one column, in opening order: the quotient always. */
  static Phase[] present(VerifyingKey vk) {
    return java.util.Arrays.stream(values()).filter(p -> p == QUOTIENT || p.tables(vk).length > 0)
        .toArray(Phase[]::new);
  }
}
