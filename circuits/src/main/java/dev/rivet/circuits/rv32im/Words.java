package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import java.util.List;

/** Fill helpers for words held as two 16-bit halves, as every word on the machine's buses is, or as four bytes. */
final class Words {
  private Words() {}

  /** Writes {@code value}'s low half to {@code lo} and its high half to {@code hi}. */
  static void fillHalves(Trace trace, int row, Column lo, Column hi, int value) {
    trace.set(lo, row, value & 0xffff);
    trace.set(hi, row, value >>> 16);
  }

  /** Writes {@code value}'s four bytes, least significant first, to {@code bytes}. */
  static void fillBytes(Trace trace, int row, List<Column> bytes, int value) {
    for (int i = 0; i < 4; i++) {
      trace.set(bytes.get(i), row, (value >>> (8 * i)) & 0xff);
    }
  }

  /** The half {@code lo + 256·hi} of two byte expressions: linear, so a bus field costs no column. */
  static Expr half(Expr lo, Expr hi) {
    return lo.plus(hi.times(256));
  }
}
