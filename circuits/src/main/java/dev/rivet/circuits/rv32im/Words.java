package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Trace;

/** Fill helpers for words held as two 16-bit halves, as every word on the machine's buses is. */
final class Words {
  private Words() {}

  /** Writes {@code value}'s low half to {@code lo} and its high half to {@code hi}. */
  static void fillHalves(Trace trace, int row, Column lo, Column hi, int value) {
    trace.set(lo, row, value & 0xffff);
    trace.set(hi, row, value >>> 16);
  }
}
