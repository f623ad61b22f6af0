package dev.rivet.stark;

import java.util.stream.IntStream;

/**
 * The commitment phases of a proof, each one Merkle tree over the LDE matrices of every table that has columns in
 * it, in table order ({@link dev.rivet.stark.merkle.MerkleTree}: mixed heights, one multi-proof for all queries).
 * The phases are opened at each query in this order, those without any column skipped.
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

  /** Table t's columns in this phase. */
  int width(TableShape s) {
    return switch (this) {
      case MAIN -> s.mainWidth;
      case PREPROCESSED -> s.prepWidth;
      case AUX -> s.auxWidth;
      case QUOTIENT -> s.quotientWidth;
    };
  }

  /** The tables with columns in this phase, in table order: the tree's matrices. */
  int[] tables(VerifyingKey vk) {
    return IntStream.range(0, vk.shapes.length).filter(t -> width(vk.shapes[t]) > 0).toArray();
  }

  /** The log-sizes of this phase's matrices: the tables' LDE domains. */
  int[] logSizes(VerifyingKey vk, int[] logHeights, int logBlowup) {
    return IntStream.of(tables(vk)).map(t -> logHeights[t] + logBlowup).toArray();
  }

  /** The phases with at least one column, in opening order. */
  static Phase[] present(VerifyingKey vk) {
    return java.util.Arrays.stream(values()).filter(p -> p.tables(vk).length > 0).toArray(Phase[]::new);
  }
}
