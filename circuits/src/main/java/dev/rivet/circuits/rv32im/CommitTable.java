package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Register;
import java.util.List;

/**
 * The commit ECALL, {@code commit(buf, len) -> 0}: appends the buffer's bytes to the journal, the public output.
 * A call takes a <i>call row</i> and one <i>word row</i> per word of [buf, buf + len), ascending.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Call row</b> ({@code is_call}). Columns {@code pc}, {@code clk}; buf = a0 and len = a1 as halves; the
 * journal cursor J (a kernel word, {@link MemoryMap#JOURNAL_CURSOR}) as halves and the carry {@code j_carry} of
 * J + len; the byte offset off = {@code off0} + 2·{@code off1} of buf in its word; the {@link UserBuffer}'s columns.
 * Interactions: receive (pc, clk, 256, 0) on the ECALL bus; read a0, a1 and J at slot 1; write a0 = 0 and
 * J = J + len at slot 2 (U16 on both new halves, the new high half being J_hi + len_hi + j_carry: no carry out, so
 * J + len is exact and below 2^32); send (pc + 4, clk + 4) on the state bus; if the buffer is not empty
 * ({@code nonempty}), start the chain: send (clk, w0, J − off, off, len + off) on the local bus, where
 * w0 = buf / 4 = q + 2^14·buf_hi with buf_lo = off + 4·q, q checked to 14 bits (so off and q are buf_lo's).
 *
 * <p><b>Word rows</b> ({@code is_mid}, or {@code is_last} for a call's last word). Columns {@code clk}, the word
 * index {@code w}, {@code pos} (the journal index lane 0 of the word would have), {@code rem} (bytes of the
 * buffer from lane 0 of the word on), the word's bytes {@code b0..b3} (two BYTES lookups), and the lane masks:
 * s_l = [lane l is at or after the buffer's start] for l &lt; 3 (monotone; s_3 = 1), e_l = [lane l is before its
 * end] for l &gt; 0 (monotone; e_0 = 1), in_l = s_l·e_l (columns {@code in1}, {@code in2}; in_0 = s_0 and
 * in_3 = e_3). Interactions: receive (clk, w, pos, 3 − s_0 − s_1 − s_2, rem) on the chain; read word w at slot 1
 * with halves (b0 + 256·b1, b2 + 256·b3); send JournalMessage(pos + l, b_l) with multiplicity in_l; a middle row
 * sends (clk, w + 1, pos + 4, 0, rem − 4) on the chain and has e = 1; a last row has rem = 1 + e_1 + e_2 + e_3.
 *
 * <p><b>Soundness.</b> The chain bus holds only this table's messages. Every word row receives one, sent by the
 * call row of its clk (one per ECALL, which the ECALL bus and the state chain make unique) or by the word row of
 * the previous word with that clk; w grows by one along a chain, so chains cannot loop, and each call's word rows
 * form one path from its call row. Along it the received "lead" is off on the first row and 0 after, so lanes
 * before buf are out of the range only in the first word; rem falls by 4 per row and the path ends only on a row
 * with rem ∈ [1, 4] (a middle row must pass rem − 4 on, to a row that receives it): as len + off &lt; 2^31 + 4 ≪ p,
 * the path has exactly ⌈(len + off) / 4⌉ rows, ascending from buf's word, and its last row keeps exactly the lanes
 * below buf + len. So the journal messages are the bytes of [buf, buf + len), in order, numbered J, J + 1, ...;
 * each byte is range-checked and its word's halves are the version the memory argument holds at clk + 1. An empty
 * call starts no chain (its len is 0, {@link UserBuffer}). The cursor's reads and writes chain the commits in
 * execution order; with the public journal messages the verifier receives for i below the halt's journal length
 * (the final cursor), the journal bus balances exactly when the committed bytes, concatenated, are the claimed
 * journal. The buffer is checked in user memory (so word rows never read a register or the cursor), and len to be
 * below 2^31, as the handler does.
 *
 * <p><b>Cost.</b> The word rows carry the call row's access columns (their order lookups hold through
 * {@link Adapter.Access#skip}); about 75 cells per row, call or word. Committing n bytes costs ⌈n / 4⌉ + 1 rows.
 */
public final class CommitTable extends EcallTable {
  /** The local bus chaining a call's word rows: (clk, word index, journal index of lane 0, lead lanes, bytes left). */
  private static final Bus<Chain> CHAIN = Bus.of("rv32_commit_words", "clk", "word", "pos", "lead", "rem");

  private record Chain(Expr clk, Expr word, Expr pos, Expr lead, Expr rem) implements BusMessage {
    @Override
    public List<Expr> fields() {
      return List.of(clk, word, pos, lead, rem);
    }
  }

  private final Adapter adapter;
  private final Column isCall = column("is_call");
  private final Column isMid = column("is_mid");
  private final Column isLast = column("is_last");
  private final Column bufLo = column("buf_lo");
  private final Column bufHi = column("buf_hi");
  private final Column lenLo = column("len_lo");
  private final Column lenHi = column("len_hi");
  private final Column jLo = column("j_lo");
  private final Column jHi = column("j_hi");
  private final Column jCarry = column("j_carry");
  private final Column off0 = column("off0");
  private final Column off1 = column("off1");
  private final Column word = column("w");
  private final Column pos = column("pos");
  private final Column rem = column("rem");
  private final List<Column> b = columns("b", 4);
  private final Column s0 = column("s0");
  private final Column s1 = column("s1");
  private final Column s2 = column("s2");
  private final Column e1 = column("e1");
  private final Column e2 = column("e2");
  private final Column e3 = column("e3");
  private final Column in1 = column("in1");
  private final Column in2 = column("in2");
  private final UserBuffer buffer;
  private final Adapter.Access a0Read;
  private final Adapter.Access a1Read;
  private final Adapter.Access cursorRead;
  private final Adapter.Access a0Write;
  private final Adapter.Access cursorWrite;
  private final Adapter.Access wordRead;

  /** The table, sending its range checks to {@code bytes}. */
  public CommitTable(ByteTable bytes) {
    super("rv32_commit");
    for (Column bit : new Column[] {isCall, isMid, isLast, jCarry, off0, off1, s0, s1, s2, e1, e2, e3, in1, in2}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    Expr isWord = isMid.plus(isLast);
    Expr real = isCall.plus(isWord);
    assertBool("one kind per row", real);
    adapter = new Adapter(this, real, bytes);
    Column clk = adapter.clk;

    // The call row.
    receiveCall(adapter, isCall);
    returnFromCall(adapter, isCall);
    Expr cursor = Expr.constant(MemoryMap.JOURNAL_CURSOR >>> 2);
    a0Read = adapter.readRegister("a0", 1, Expr.constant(Register.A0), bufLo, bufHi, isCall);
    a1Read = adapter.readRegister("a1", 1, Expr.constant(Register.A1), lenLo, lenHi, isCall);
    cursorRead = adapter.read("cursor", 1, cursor, jLo, jHi, isCall);
    a0Write = adapter.writeRegister("a0_out", 2, Expr.constant(Register.A0), Expr.ZERO, Expr.ZERO, isCall);
    Expr newJLo = jLo.plus(lenLo).minus(jCarry.times(1 << 16));
    Expr newJHi = jHi.plus(lenHi).plus(jCarry);
    cursorWrite = adapter.write("cursor_out", 2, cursor, newJLo, newJHi, isCall);
    ConstraintScope onCall = when(isCall);
    bytes.lookup(onCall, newJLo);
    bytes.lookup(onCall, newJHi);
    buffer = new UserBuffer(this, isCall, bytes, bufLo, bufHi, lenLo, lenHi);
    Expr off = off0.plus(off1.times(2));
    Expr quarter = bufLo.minus(off).times(Expr.constant(BabyBear.inv(4)));
    RangeCheck.assertBits(onCall, bytes, quarter, 14);
    Expr j = jLo.plus(jHi.times(1 << 16));
    send(CHAIN, new Chain(clk, quarter.plus(bufHi.times(1 << 14)), j.minus(off), off, lenLo.plus(lenHi.times(1 << 16))
        .plus(off)), buffer.nonempty());

    // The word rows.
    receive(CHAIN, new Chain(clk, word, pos, Expr.constant(3).minus(s0).minus(s1).minus(s2), rem), isWord);
    send(CHAIN, new Chain(clk, word.plus(1), pos.plus(4), Expr.ZERO, rem.minus(4)), isMid);
    wordRead = adapter.read("word", 1, word, b.get(0).plus(b.get(1).times(256)), b.get(2).plus(b.get(3).times(256)),
        isWord);
    adapter.finish();
    ConstraintScope onWord = when(isWord);
    bytes.bytes(onWord, b);
    assertZero("lanes from the start on are in: s0 ≤ s1", s0.times(s1.not()));
    assertZero("lanes from the start on are in: s1 ≤ s2", s1.times(s2.not()));
    assertZero("lanes before the end are in: e2 ≤ e1", e2.times(e1.not()));
    assertZero("lanes before the end are in: e3 ≤ e2", e3.times(e2.not()));
    for (Column e : new Column[] {e1, e2, e3}) {
      when(isMid).assertZero("a middle word ends after its lanes: " + e.name(), e.not());
    }
    when(isLast).assertEq("the last word ends at the buffer's end", rem, e1.plus(e2).plus(e3).plus(1));
    onWord.assertEq("lane 1 is in the buffer", in1, s1.times(e1));
    onWord.assertEq("lane 2 is in the buffer", in2, s2.times(e2));
    Column[] lanes = {s0, in1, in2, e3};
    for (int l = 0; l < 4; l++) {
      assertZero("only word rows send journal bytes (lane " + l + ")", lanes[l].times(isWord.not()));
      send(JournalMessage.BUS, new JournalMessage(pos.plus(l), b.get(l)), lanes[l]);
    }
  }

  @Override
  public int number() {
    return Ecalls.COMMIT;
  }

  @Override
  protected int rowsOf(ExecutionRecord record, int ecall) {
    return 1 + words(record, ecall);
  }

  /** The buffer's words: the record's rows between the cursor's read and a0's write. */
  private static int words(ExecutionRecord record, int ecall) {
    return record.ecallEndAccess(ecall) - record.ecallFirstAccess(ecall) - 6;
  }

  @Override
  protected void fillCall(Trace t, int row, ExecutionRecord record, int ecall) {
    // The record's rows of a commit: a7, a0, a1, J (reads), the buffer's words, a0 and J (writes).
    int cycle = record.ecallCycle(ecall);
    int first = record.ecallFirstAccess(ecall);
    int end = record.ecallEndAccess(ecall);
    int buf = record.accessValue(first + 1);
    int len = record.accessValue(first + 2);
    int j = record.accessValue(first + 3);
    int off = buf & 3;
    adapter.fillState(t, row, record.pc(cycle), cycle);
    t.set(isCall, row, 1);
    Words.fillHalves(t, row, bufLo, bufHi, buf);
    Words.fillHalves(t, row, lenLo, lenHi, len);
    Words.fillHalves(t, row, jLo, jHi, j);
    t.set(jCarry, row, ((j & 0xffff) + (len & 0xffff)) >>> 16);
    t.set(off0, row, off & 1);
    t.set(off1, row, off >>> 1);
    buffer.fill(t, row, buf, len);
    a0Read.fill(t, row, record.accessPrevTimestamp(first + 1));
    a1Read.fill(t, row, record.accessPrevTimestamp(first + 2));
    cursorRead.fill(t, row, record.accessPrevTimestamp(first + 3));
    a0Write.fill(t, row, record.accessPrevTimestamp(end - 2), record.accessPrevValue(end - 2));
    cursorWrite.fill(t, row, record.accessPrevTimestamp(end - 1), record.accessPrevValue(end - 1));
    wordRead.skip(t, row);
    int words = words(record, ecall);
    for (int i = 0; i < words; i++) {
      int r = row + 1 + i;
      int access = first + 4 + i;
      adapter.fillState(t, r, 0, cycle);
      t.set(i == words - 1 ? isLast : isMid, r, 1);
      t.set(word, r, record.accessAddress(access) >>> 2);
      t.set(pos, r, (long) j - off + 4L * i);
      long left = (long) len + off - 4L * i;
      t.set(rem, r, left);
      int value = record.accessValue(access);
      for (int l = 0; l < 4; l++) {
        t.set(b.get(l), r, (value >>> (8 * l)) & 0xff);
      }
      int lead = i == 0 ? off : 0;
      t.set(s0, r, lead <= 0 ? 1 : 0);
      t.set(s1, r, lead <= 1 ? 1 : 0);
      t.set(s2, r, lead <= 2 ? 1 : 0);
      t.set(e1, r, left > 1 ? 1 : 0);
      t.set(e2, r, left > 2 ? 1 : 0);
      t.set(e3, r, left > 3 ? 1 : 0);
      t.set(in1, r, lead <= 1 && left > 1 ? 1 : 0);
      t.set(in2, r, lead <= 2 && left > 2 ? 1 : 0);
      wordRead.fill(t, r, record.accessPrevTimestamp(access));
      a0Read.skip(t, r);
      a1Read.skip(t, r);
      cursorRead.skip(t, r);
      a0Write.skip(t, r);
      cursorWrite.skip(t, r);
    }
  }
}
