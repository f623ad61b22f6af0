package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Register;
import java.util.List;

/**
 * The commit ECALL, {@code commit(buf, len) -> 0}: appends the buffer's bytes to the journal, the public output.
 * A call takes a <i>call row</i> and one <i>word row</i> per word of [buf, buf + len), ascending
 * ({@link BufferWords}).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Call row</b> ({@code is_call}). Columns {@code pc}, {@code clk}; buf = a0 and len = a1 as halves; the
 * journal cursor J (a kernel word, {@link MemoryMap#JOURNAL_CURSOR}) as halves and the carry {@code j_carry} of
 * J + len; the {@link UserBuffer}'s and the {@link BufferWords}' call columns. Interactions: receive
 * (pc, clk, 256, 0) on the ECALL bus; read a0, a1 and J at slot 1; write a0 = 0 and J = J + len at slot 2 (U16 on
 * both new halves, the new high half being J_hi + len_hi + j_carry: no carry out, so J + len is exact and below
 * 2^32); send (pc + 4, clk + 4) on the state bus; if the buffer is not empty ({@code nonempty}, which is 0 only
 * when len = 0), start the word chain, numbering the buffer's first byte J.
 *
 * <p><b>Word rows</b> ({@code is_mid}, or {@code is_last}). The {@link BufferWords}' columns, the word's bytes
 * {@code b[0..3]} (two BYTES lookups), and the read of word w at slot 1 with halves (b0 + 256·b1, b2 + 256·b3).
 * Each lane l in the buffer sends JournalMessage(pos + l, b_l) (multiplicity the lane's mask).
 *
 * <p><b>Soundness.</b> By {@link BufferWords}, the journal messages of a call are the bytes of [buf, buf + len), in
 * order, numbered J, J + 1, ...; each is range-checked and its word's halves are the version the memory argument
 * holds at clk + 1. The cursor's reads and writes chain the commits in execution order, from 0 (the word is not in
 * the image) to the halt's read; the verifier receives (i, journal[i]) for i below the halt's journal length (the
 * final cursor), so the journal bus balances exactly when the committed bytes, concatenated, are the claimed
 * journal. As the handler does, the buffer of a non-empty call is checked to lie in user memory (so word rows never
 * read a register or the cursor) and len to be below 2^31.
 *
 * <p><b>Cost.</b> The word rows carry the call row's access columns (their order lookups hold through
 * {@link Adapter.Access#skip}): 48 columns and 42 interactions, about 130 cells per row, call or word. A commit of
 * n bytes at lane off takes 1 + ⌈(n + off) / 4⌉ rows.
 */
public final class CommitTable extends BufferEcallTable {
  private final Column bufLo = column("buf_lo");
  private final Column bufHi = column("buf_hi");
  private final Column lenLo = column("len_lo");
  private final Column lenHi = column("len_hi");
  private final Column jLo = column("j_lo");
  private final Column jHi = column("j_hi");
  private final Column jCarry = column("j_carry");
  private final List<Column> b = columns("b", 4);
  private final UserBuffer buffer;
  private final BufferWords words = new BufferWords(this, true);
  private final Adapter.Access a0Read;
  private final Adapter.Access a1Read;
  private final Adapter.Access cursorRead;
  private final Adapter.Access a0Write;
  private final Adapter.Access cursorWrite;
  private final Adapter.Access wordRead;

  /** The table, sending its range checks to {@code bytes}. */
  public CommitTable(ByteTable bytes) {
    // The record's accesses of a commit: a7, a0, a1, J (reads), the buffer's words, a0 and J (writes).
    super("rv32_commit", 4, 2);
    for (Column bit : new Column[] {isCall, jCarry}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    Adapter adapter = callAndWordRows(words, bytes);
    Expr isWord = words.isWord();

    // The call row.
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
    buffer = UserBuffer.ifNotEmpty(this, isCall, bytes, bufLo, bufHi, lenLo, lenHi);
    words.start(onCall, bytes, bufLo, bufHi, lenLo.plus(lenHi.times(1 << 16)), jLo.plus(jHi.times(1 << 16)),
        buffer.nonempty());

    // The word rows.
    wordRead = adapter.read("word", 1, words.word(), b.get(0).plus(b.get(1).times(256)),
        b.get(2).plus(b.get(3).times(256)), isWord);
    adapter.finish();
    accesses(wordRead, a0Read, a1Read, cursorRead, a0Write, cursorWrite);
    bytes.bytes(when(isWord), b);
    Column[] lanes = words.lanes();
    for (int l = 0; l < 4; l++) {
      send(JournalMessage.BUS, new JournalMessage(words.pos().plus(l), b.get(l)), lanes[l]);
    }
  }

  @Override
  public int number() {
    return Ecalls.COMMIT;
  }

  @Override
  protected int buffer(ExecutionRecord record, int ecall) {
    return record.accessValue(record.ecallFirstAccess(ecall) + 1);
  }

  @Override
  protected long length(ExecutionRecord record, int ecall) {
    return record.accessValue(record.ecallFirstAccess(ecall) + 2);
  }

  /** The journal cursor J before the call: the journal's length so far. */
  @Override
  protected long number(ExecutionRecord record, int ecall) {
    return record.accessValue(record.ecallFirstAccess(ecall) + 3);
  }

  @Override
  protected void fillCallRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall) {
    int first = record.ecallFirstAccess(ecall);
    int end = record.ecallEndAccess(ecall);
    int buf = record.accessValue(first + 1);
    int len = record.accessValue(first + 2);
    int j = record.accessValue(first + 3);
    Words.fillHalves(t, row, bufLo, bufHi, buf);
    Words.fillHalves(t, row, lenLo, lenHi, len);
    Words.fillHalves(t, row, jLo, jHi, j);
    t.set(jCarry, row, ((j & 0xffff) + (len & 0xffff)) >>> 16);
    buffer.fill(t, row, buf, len);
    a0Read.fill(t, row, record.accessPrevTimestamp(first + 1));
    a1Read.fill(t, row, record.accessPrevTimestamp(first + 2));
    cursorRead.fill(t, row, record.accessPrevTimestamp(first + 3));
    a0Write.fill(t, row, record.accessPrevTimestamp(end - 2), record.accessPrevValue(end - 2));
    cursorWrite.fill(t, row, record.accessPrevTimestamp(end - 1), record.accessPrevValue(end - 1));
  }

  @Override
  protected void fillWordRow(Trace t, int row, ExecutionRecord record, int access) {
    int value = record.accessValue(access);
    for (int l = 0; l < 4; l++) {
      t.set(b.get(l), row, (value >>> (8 * l)) & 0xff);
    }
    wordRead.fill(t, row, record.accessPrevTimestamp(access));
  }
}
