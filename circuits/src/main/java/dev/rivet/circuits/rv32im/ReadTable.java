package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.isa.Register;
import java.util.List;

/**
 * The read ECALL, {@code read(0, buf, len) -> n}: copies n ≤ len bytes of the private input to [buf, buf + n).
 * The bytes are the prover's witness, unconstrained; the table proves where they go and what else stays. A call
 * takes a <i>call row</i> and one <i>word row</i> per word of [buf, buf + n), ascending ({@link BufferWords}).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Call row</b> ({@code is_call}). Columns {@code pc}, {@code clk}; buf = a1 and len = a2 as halves; n as
 * halves and the borrow {@code n_borrow} of len − n; {@code has_words}; the {@link UserBuffer}'s and the
 * {@link BufferWords}' call columns. Interactions: receive (pc, clk, 63, 0) on the ECALL bus; read a0 at slot 1
 * with the value 0 (the handler faults on any other file descriptor), a1 and a2; write a0 = n at slot 2 (U16 on
 * both halves); send (pc + 4, clk + 4) on the state bus; start the word chain of (buf, n) if {@code has_words}.
 * Constraints and lookups: n ≤ len (U16(len_lo − n_lo + 2^16·n_borrow), U16(len_hi − n_hi − n_borrow)); on a call
 * row (is_call − has_words)·n_lo = (is_call − has_words)·n_hi = 0, so a call without word rows has n = 0; the
 * buffer [buf, buf + len) in user memory and len &lt; 2^31 whatever n ({@link UserBuffer#always}, as the handler's
 * {@code requireWritable}).
 *
 * <p><b>Word rows</b> ({@code is_mid}, or {@code is_last}). The {@link BufferWords}' columns; the word's previous
 * bytes {@code pb[0..3]} and new bytes {@code nb[0..3]} (four BYTES lookups); the write of word w at slot 2 from
 * its previous version (prev_lo, prev_hi) = (pb0 + 256·pb1, pb2 + 256·pb3) to (nb0 + 256·nb1, nb2 + 256·nb3);
 * and, per lane l, (1 − in_l)·(nb_l − pb_l) = 0: bytes outside [buf, buf + n) are kept.
 *
 * <p><b>Soundness.</b> By {@link BufferWords} the word rows write exactly the words of [buf, buf + n), each once,
 * changing only the lanes inside the range; the new halves are range-checked bytes; the previous bytes decompose
 * the received version uniquely (range-checked bytes). n is range-checked and at most len, so the words lie in
 * [buf, buf + len), which is in user memory: no read writes a register, the cursor or the invalid page.
 *
 * <p><b>Not checked</b> (the statement is weaker than the executor here): that the buffer avoids the code region
 * (the handler's {@code requireWritable} refuses it; the machine has no public code bounds yet, and stores will
 * need the same check, "code_end" in docs/circuits.md); and that the reads are of one input stream: the handler
 * returns n &lt; len only at the input's end, after which every read returns 0, but each call here picks any
 * n ≤ len independently, so a proof may show a short read followed by more input. Closing that needs the input's
 * end state in a kernel word that read accesses, as commit does with the journal cursor (a record change).
 *
 * <p><b>Cost.</b> The word rows carry the call row's access columns (their order lookups hold through
 * {@link Adapter.Access#skip}): 49 columns and 39 interactions, about 127 cells per row, call or word. A read of
 * n bytes at lane off takes 1 + ⌈(n + off) / 4⌉ rows.
 */
public final class ReadTable extends EcallTable {
  private final Adapter adapter;
  private final Column isCall = column("is_call");
  private final Column hasWords = column("has_words");
  private final Column bufLo = column("buf_lo");
  private final Column bufHi = column("buf_hi");
  private final Column lenLo = column("len_lo");
  private final Column lenHi = column("len_hi");
  private final Column nLo = column("n_lo");
  private final Column nHi = column("n_hi");
  private final Column nBorrow = column("n_borrow");
  private final List<Column> prev = columns("pb", 4);
  private final List<Column> next = columns("nb", 4);
  private final UserBuffer buffer;
  private final BufferWords words = new BufferWords(this, false);
  private final Adapter.Access a0Read;
  private final Adapter.Access a1Read;
  private final Adapter.Access a2Read;
  private final Adapter.Access a0Write;
  private final Adapter.Access wordWrite;

  /** The table, sending its range checks to {@code bytes}. */
  public ReadTable(ByteTable bytes) {
    super("rv32_read");
    for (Column bit : new Column[] {isCall, hasWords, nBorrow}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    adapter = new Adapter(this, isCall.plus(words.isWord()), bytes);
    assertBool("one kind per row", adapter.real());
    Expr isWord = words.isWord();
    words.chain(adapter.clk);

    // The call row.
    receiveCall(adapter, isCall);
    returnFromCall(adapter, isCall);
    a0Read = adapter.readRegister("a0", 1, Expr.constant(Register.A0), Expr.ZERO, Expr.ZERO, isCall);
    a1Read = adapter.readRegister("a1", 1, Expr.constant(Register.A1), bufLo, bufHi, isCall);
    a2Read = adapter.readRegister("a2", 1, Expr.constant(Register.A2), lenLo, lenHi, isCall);
    a0Write = adapter.writeRegister("a0_out", 2, Expr.constant(Register.A0), nLo, nHi, isCall);
    ConstraintScope onCall = when(isCall);
    bytes.lookup(onCall, nLo);
    bytes.lookup(onCall, nHi);
    bytes.lookup(onCall, lenLo.minus(nLo).plus(nBorrow.times(1 << 16)));
    bytes.lookup(onCall, lenHi.minus(nHi).minus(nBorrow));
    assertZero("only call rows start words", hasWords.times(isCall.not()));
    assertZero("a call without words reads nothing (low half)", isCall.minus(hasWords).times(nLo));
    assertZero("a call without words reads nothing (high half)", isCall.minus(hasWords).times(nHi));
    buffer = UserBuffer.always(this, isCall, bytes, bufLo, bufHi, lenLo, lenHi);
    words.start(onCall, bytes, bufLo, bufHi, nLo.plus(nHi.times(1 << 16)), null, hasWords);

    // The word rows.
    wordWrite = adapter.write("word", 2, words.word(), half(next, 0), half(next, 2), isWord);
    adapter.finish();
    assertEq("the previous word's low half is its bytes", wordWrite.prevLo(), half(prev, 0));
    assertEq("the previous word's high half is its bytes", wordWrite.prevHi(), half(prev, 2));
    ConstraintScope onWord = when(isWord);
    bytes.bytes(onWord, prev);
    bytes.bytes(onWord, next);
    Column[] lanes = words.lanes();
    for (int l = 0; l < 4; l++) {
      assertZero("bytes outside the buffer are kept (lane " + l + ")",
          lanes[l].not().times(next.get(l).minus(prev.get(l))));
    }
  }

  private static Expr half(List<Column> bytes, int from) {
    return bytes.get(from).plus(bytes.get(from + 1).times(256));
  }

  @Override
  public int number() {
    return Ecalls.READ;
  }

  @Override
  protected int rowsOf(ExecutionRecord record, int ecall) {
    return 1 + words(record, ecall);
  }

  /** The buffer's words: the record's rows between a2's read and a0's write. */
  private static int words(ExecutionRecord record, int ecall) {
    return record.ecallEndAccess(ecall) - record.ecallFirstAccess(ecall) - 5;
  }

  @Override
  protected void fillCall(Trace t, int row, ExecutionRecord record, int ecall) {
    // The record's rows of a read: a7, a0, a1, a2 (reads), the buffer's words, a0 (write).
    int cycle = record.ecallCycle(ecall);
    int first = record.ecallFirstAccess(ecall);
    int end = record.ecallEndAccess(ecall);
    int buf = record.accessValue(first + 2);
    int len = record.accessValue(first + 3);
    int n = record.accessValue(end - 1);
    adapter.fillState(t, row, record.pc(cycle), cycle);
    t.set(isCall, row, 1);
    Words.fillHalves(t, row, bufLo, bufHi, buf);
    Words.fillHalves(t, row, lenLo, lenHi, len);
    Words.fillHalves(t, row, nLo, nHi, n);
    t.set(nBorrow, row, (len & 0xffff) < (n & 0xffff) ? 1 : 0);
    t.set(hasWords, row, n == 0 ? 0 : 1);
    buffer.fill(t, row, buf, len);
    words.fillStart(t, row, buf);
    a0Read.fill(t, row, record.accessPrevTimestamp(first + 1));
    a1Read.fill(t, row, record.accessPrevTimestamp(first + 2));
    a2Read.fill(t, row, record.accessPrevTimestamp(first + 3));
    a0Write.fill(t, row, record.accessPrevTimestamp(end - 1), record.accessPrevValue(end - 1));
    wordWrite.skip(t, row);
    int count = words(record, ecall);
    for (int i = 0; i < count; i++) {
      int r = row + 1 + i;
      int access = first + 4 + i;
      adapter.fillState(t, r, 0, cycle);
      words.fillWord(t, r, i, count, buf, n, 0);
      int before = record.accessPrevValue(access);
      int after = record.accessValue(access);
      for (int l = 0; l < 4; l++) {
        t.set(prev.get(l), r, (before >>> (8 * l)) & 0xff);
        t.set(next.get(l), r, (after >>> (8 * l)) & 0xff);
      }
      wordWrite.fill(t, r, record.accessPrevTimestamp(access), before);
      a0Read.skip(t, r);
      a1Read.skip(t, r);
      a2Read.skip(t, r);
      a0Write.skip(t, r);
    }
  }
}
