package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.List;

/**
 * The word rows of an ECALL that touches a byte buffer [buf, buf + n): one row per word, ascending, chained to the
 * call's row on a local bus, each row knowing which of its four lanes lie in the buffer. Shared by the commit
 * table (which reads the words) and the read table (which writes them).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Call row.</b> Columns {@code off0}, {@code off1} (Booleans): buf_lo = off + 4·q with off = off0 + 2·off1 and
 * q checked to 14 bits (two lookups), so off is buf's lane and w0 = q + 2^14·buf_hi its word index. It starts the
 * chain by sending (clk, w0, [pos − off,] off, n + off).
 *
 * <p><b>Word rows</b> ({@code is_mid}, or {@code is_last} for the last word). Columns the word index {@code w},
 * {@code rem} (bytes of the buffer from lane 0 of the word on), optionally {@code pos} (a running number of lane 0,
 * for the journal), and the lane masks: s_l = [lane l is at or after the buffer's start] for l &lt; 3 (monotone:
 * s_0 ≤ s_1 ≤ s_2; s_3 = 1), e_l = [lane l is before its end] for l &gt; 0 (monotone: e_1 ≥ e_2 ≥ e_3; e_0 = 1),
 * in_l = s_l·e_l (columns {@code in1}, {@code in2}; in_0 = s_0, in_3 = e_3), all four 0 off word rows. A row
 * receives (clk, w, [pos,] 3 − s_0 − s_1 − s_2, rem); a middle row has e = 1 and sends (clk, w + 1, [pos + 4,] 0,
 * rem − 4); a last row has rem = 1 + e_1 + e_2 + e_3.
 *
 * <p><b>Soundness.</b> The bus holds only this table's messages. Every word row receives one, sent by the call row
 * of its clk (one per ECALL: the ECALL bus and the state chain make clk unique) or by the row of the previous word
 * with that clk; w grows by one along a chain, so chains cannot loop and a call's word rows are one path from its
 * call row. The received lead is off on the first row and 0 after, so only the first word has lanes before buf;
 * rem falls by 4 per row and a path ends only at a row with rem ∈ [1, 4] (a middle row must pass rem − 4 on to a
 * row that receives it). As n + off &lt; 2^31 + 4 ≪ p (the tables bound n by a length below 2^31), the path has
 * exactly ⌈(n + off) / 4⌉ rows, the words of [buf, buf + n) ascending, none skipped or repeated, and the last keeps
 * exactly the lanes below buf + n. The tables start a chain under a flag that is 0 only when n = 0; a prover
 * starting one for n = 0 gets no path at all (off = 0) or one row with no lane in the buffer, whose access leaves
 * its word as it was.
 */
final class BufferWords {
  private record Link(List<Expr> fields) implements BusMessage {}

  private final Bus<Link> bus;
  private final Chip chip;
  private Column clk;
  private final Column isMid;
  private final Column isLast;
  private final Column off0;
  private final Column off1;
  private final Column word;
  private final Column rem;
  private final Column pos;
  private final Column s0;
  private final Column s1;
  private final Column s2;
  private final Column e1;
  private final Column e2;
  private final Column e3;
  private final Column in1;
  private final Column in2;

  /**
   * Declares the word rows' flags {@code is_mid} and {@code is_last} (Booleans; the caller makes them exclusive with
   * its call flag), columns and constraints in {@code chip}; {@code numbered} adds the running {@code pos}. Call
   * {@link #chain} once the table has its clock column.
   */
  BufferWords(Chip chip, boolean numbered) {
    this.chip = chip;
    isMid = chip.column("is_mid");
    isLast = chip.column("is_last");
    off0 = chip.column("off0");
    off1 = chip.column("off1");
    word = chip.column("w");
    rem = chip.column("rem");
    pos = numbered ? chip.column("pos") : null;
    s0 = chip.column("s0");
    s1 = chip.column("s1");
    s2 = chip.column("s2");
    e1 = chip.column("e1");
    e2 = chip.column("e2");
    e3 = chip.column("e3");
    in1 = chip.column("in1");
    in2 = chip.column("in2");
    List<String> names = new ArrayList<>(List.of("clk", "word", "lead", "rem"));
    if (numbered) {
      names.add(2, "pos");
    }
    bus = Bus.of(chip.name() + "_words", names.toArray(new String[0]));
    for (Column bit : new Column[] {isMid, isLast, off0, off1, s0, s1, s2, e1, e2, e3, in1, in2}) {
      chip.assertBool(bit.name() + " is a bit", bit);
    }
    Expr isWord = isWord();
    chip.assertZero("lanes from the start on are in: s0 ≤ s1", s0.times(s1.not()));
    chip.assertZero("lanes from the start on are in: s1 ≤ s2", s1.times(s2.not()));
    chip.assertZero("lanes before the end are in: e2 ≤ e1", e2.times(e1.not()));
    chip.assertZero("lanes before the end are in: e3 ≤ e2", e3.times(e2.not()));
    for (Column e : new Column[] {e1, e2, e3}) {
      chip.when(isMid).assertZero("a middle word ends after its lanes: " + e.name(), e.not());
    }
    chip.when(isLast).assertEq("the last word ends at the buffer's end", rem, e1.plus(e2).plus(e3).plus(1));
    ConstraintScope onWord = chip.when(isWord);
    onWord.assertEq("lane 1 is in the buffer", in1, s1.times(e1));
    onWord.assertEq("lane 2 is in the buffer", in2, s2.times(e2));
    for (Column lane : lanes()) {
      chip.assertZero("only word rows have lanes in the buffer (" + lane.name() + ")", lane.times(isWord.not()));
    }
  }

  /** The word rows' links, carrying the call's {@code clk} (which word rows share). */
  void chain(Column callClk) {
    clk = callClk;
    chip.receive(bus, link(word, pos, Expr.constant(3).minus(s0).minus(s1).minus(s2), rem), isWord());
    chip.send(bus, link(word.plus(1), pos == null ? null : pos.plus(4), Expr.ZERO, rem.minus(4)), isMid);
  }

  private Link link(Expr w, Expr p, Expr lead, Expr remaining) {
    List<Expr> fields = new ArrayList<>(List.of(clk, w, lead, remaining));
    if (p != null) {
      fields.add(2, p);
    }
    return new Link(fields);
  }

  /**
   * On the call row, where {@code onCall}: starts the chain of the buffer (bufLo, bufHi) of {@code length} bytes
   * with multiplicity {@code start} (its lookups sent to {@code bytes}), numbering its first byte {@code first} if
   * the rows are numbered. Returns the index of buf's word, ⌊buf / 4⌋ as an integer on {@code onCall}'s rows (for
   * valid halves of buf), whether or not the chain starts.
   */
  Expr start(ConstraintScope onCall, ByteTable bytes, Expr bufLo, Expr bufHi, Expr length, Expr first, Expr start) {
    Expr off = off0.plus(off1.times(2));
    Expr quarter = bufLo.minus(off).times(Expr.constant(BabyBear.inv(4)));
    RangeCheck.assertBits(onCall, bytes, quarter, 14);
    Expr firstWord = quarter.plus(bufHi.times(1 << 14));
    chip.send(bus, link(firstWord, pos == null ? null : first.minus(off), off, length.plus(off)), start);
    return firstWord;
  }

  /** 1 on word rows. */
  Expr isWord() {
    return isMid.plus(isLast);
  }

  /** The word index of a word row. */
  Column word() {
    return word;
  }

  /** The journal number of lane 0 of a word row (numbered rows only). */
  Column pos() {
    return pos;
  }

  /** Whether each lane 0..3 of a word row lies in the buffer (0 off word rows). */
  Column[] lanes() {
    return new Column[] {s0, in1, in2, e3};
  }

  /** Fills the call row's columns for the buffer at {@code buf}. */
  void fillStart(Trace t, int row, int buf) {
    t.set(off0, row, buf & 1);
    t.set(off1, row, (buf >>> 1) & 1);
  }

  /**
   * Fills word row {@code i} of the {@code count} of a buffer at {@code buf} of {@code length} bytes, whose first
   * byte is numbered {@code first}.
   */
  void fillWord(Trace t, int row, int i, int count, int buf, long length, long first) {
    t.set(i == count - 1 ? isLast : isMid, row, 1);
    int off = buf & 3;
    t.set(word, row, (buf >>> 2) + i);
    long left = length + off - 4L * i;
    t.set(rem, row, left);
    if (pos != null) {
      t.set(pos, row, first - off + 4L * i);
    }
    int lead = i == 0 ? off : 0;
    t.set(s0, row, lead == 0 ? 1 : 0);
    t.set(s1, row, lead <= 1 ? 1 : 0);
    t.set(s2, row, lead <= 2 ? 1 : 0);
    t.set(e1, row, left > 1 ? 1 : 0);
    t.set(e2, row, left > 2 ? 1 : 0);
    t.set(e3, row, left > 3 ? 1 : 0);
    t.set(in1, row, lead <= 1 && left > 1 ? 1 : 0);
    t.set(in2, row, lead <= 2 && left > 2 ? 1 : 0);
  }
}
