package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.exec.ecall.EcallContext;
import dev.rivet.isa.MemoryMap;

/**
 * The argument checks that an ECALL's handler makes on a buffer (buf, len) given in two registers: len &lt; 2^31
 * (a negative {@code int} length faults), and {@code USER_START ≤ buf} and {@code buf + len ≤ USER_END}: the buffer
 * lies in user memory, as {@link EcallContext#readBytes} and {@link EcallContext#peekBytes} require of a non-empty
 * buffer ({@link #ifNotEmpty}) and {@link EcallContext#requireWritable} of any ({@link #always}).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The carry {@code end_carry} of end = buf + len and the borrow {@code gap_carry} of
 * USER_END − end (Booleans); for {@link #ifNotEmpty}, {@code nonempty} (Boolean, at most the row's flag) with
 * (real − nonempty)·len_lo = (real − nonempty)·len_hi = 0: a row that does not check its buffer has len = 0 (a
 * prover may check an empty buffer too, which only refuses runs whose handler would not check it).
 * <b>Lookups.</b> RC_15(len_hi) on real rows; where checked: U16(buf_hi − 1) (buf ≥ 2^16 = USER_START);
 * U16(end_lo) with end_lo = buf_lo + len_lo − 2^16·end_carry; U16(2^16·gap_carry − end_lo) and
 * U16(0xC000 − end_hi − gap_carry) with end_hi = buf_hi + len_hi + end_carry. Four U16 lookups and two for RC_15.
 *
 * <p><b>Soundness.</b> buf and len are registers' halves (received versions, valid halves), so with a Boolean carry
 * and end_lo ∈ [0, 2^16) the integer end_lo + 2^16·end_hi is buf + len exactly (end_hi &lt; 2^17 + 1 ≪ p). The last
 * two lookups say USER_END − end = g_lo + 2^16·g_hi with both halves in [0, 2^16) and gap_carry Boolean: if it is 0
 * then end_lo = 0 and end_hi ≤ 0xC000; if 1 then end_lo ≥ 1 and end_hi ≤ 0xBFFF; either way end ≤ 0xC0000000.
 */
final class UserBuffer {
  private final Column nonempty;
  private final Column endCarry;
  private final Column gapCarry;
  private final Expr endLo;
  private final Expr endHi;

  /**
   * The checks of the buffer (bufLo, bufHi) of (lenLo, lenHi) bytes in {@code chip}, on the rows where
   * {@code real} (a Boolean expression) is 1 and the length is not 0.
   */
  static UserBuffer ifNotEmpty(Chip chip, Expr real, ByteTable bytes, Expr bufLo, Expr bufHi, Expr lenLo,
      Expr lenHi) {
    Column nonempty = chip.column("nonempty");
    chip.assertBool("nonempty is a bit", nonempty);
    chip.assertZero("only real rows check a buffer", nonempty.times(real.not()));
    chip.assertZero("an unchecked buffer is empty (low half)", real.minus(nonempty).times(lenLo));
    chip.assertZero("an unchecked buffer is empty (high half)", real.minus(nonempty).times(lenHi));
    return new UserBuffer(chip, real, nonempty, bytes, bufLo, bufHi, lenLo, lenHi);
  }

  /** The checks of the buffer on every row where {@code real} is 1, whatever its length. */
  static UserBuffer always(Chip chip, Expr real, ByteTable bytes, Expr bufLo, Expr bufHi, Expr lenLo, Expr lenHi) {
    return new UserBuffer(chip, real, null, bytes, bufLo, bufHi, lenLo, lenHi);
  }

  private UserBuffer(Chip chip, Expr real, Column nonempty, ByteTable bytes, Expr bufLo, Expr bufHi, Expr lenLo,
      Expr lenHi) {
    this.nonempty = nonempty;
    endCarry = chip.column("end_carry");
    gapCarry = chip.column("gap_carry");
    chip.assertBool("end_carry is a bit", endCarry);
    chip.assertBool("gap_carry is a bit", gapCarry);
    RangeCheck.assertBits(chip.when(real), bytes, lenHi, 15);
    ConstraintScope checked = chip.when(nonempty == null ? real : nonempty);
    endLo = bufLo.plus(lenLo).minus(endCarry.times(1 << 16));
    endHi = bufHi.plus(lenHi).plus(endCarry);
    bytes.lookup(checked, bufHi.minus(MemoryMap.USER_START >>> 16));
    bytes.lookup(checked, endLo);
    bytes.lookup(checked, gapCarry.times(1 << 16).minus(endLo));
    bytes.lookup(checked, Expr.constant(MemoryMap.USER_END >>> 16).minus(endHi).minus(gapCarry));
  }

  /**
   * The low half of end = buf + len: on the checked rows an integer in [0, 2^16), with end = endLo + 2^16·endHi
   * exactly and USER_START ≤ buf ≤ end ≤ USER_END.
   */
  Expr endLo() {
    return endLo;
  }

  /** The high half of end = buf + len ({@link #endLo}). */
  Expr endHi() {
    return endHi;
  }

  /** For {@link #ifNotEmpty}: 1 on rows whose buffer is checked, 0 only if it is empty. */
  Column nonempty() {
    return nonempty;
  }

  /** Fills the columns of a row's buffer (buf, len); for {@link #ifNotEmpty}, it is checked iff len ≠ 0. */
  void fill(Trace trace, int row, int buf, int len) {
    if (nonempty != null) {
      if (len == 0) {
        return;
      }
      trace.set(nonempty, row, 1);
    }
    long end = Integer.toUnsignedLong(buf) + len;
    long endLo = (buf & 0xffff) + (len & 0xffff);
    trace.set(endCarry, row, endLo >>> 16);
    trace.set(gapCarry, row, (end & 0xffff) == 0 ? 0 : 1);
  }
}
