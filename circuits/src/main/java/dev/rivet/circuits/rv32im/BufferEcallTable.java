package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;

/**
 * An ECALL table whose call takes a <i>call row</i> ({@code is_call}) and one <i>word row</i> per word of a byte
 * buffer, ascending ({@link BufferWords}): the commit table, which reads the words, and the read table, which
 * writes them. It holds what the two row kinds share, so that a subclass writes only its own columns and accesses:
 * one adapter over both kinds (one kind per row, the call received and returned from on the call row, the word rows
 * chained to the call's clock), the rows a call takes, and the filling of a call's rows, where each word row skips
 * the call row's accesses and the call row skips the word's.
 *
 * <p>The record's accesses of a call are its {@code readsBefore} reads, one per word of the buffer, and its
 * {@code writesAfter} writes.
 */
abstract class BufferEcallTable extends EcallTable {
  /** 1 on the call row; the table's first column. */
  protected final Column isCall = column("is_call");
  private final int readsBefore;
  private final int writesAfter;
  private BufferWords words;
  private Adapter adapter;
  private Adapter.Access wordAccess;
  private Adapter.Access[] callAccesses;

  /** A table named {@code name}, whose calls make {@code readsBefore} reads and {@code writesAfter} writes. */
  BufferEcallTable(String name, int readsBefore, int writesAfter) {
    super(name);
    this.readsBefore = readsBefore;
    this.writesAfter = writesAfter;
  }

  /**
   * Declares the adapter over the call row and the word rows of {@code words}, its range checks sent to
   * {@code bytes}; the rows' kinds are exclusive, the call row receives the call and sends the state after it.
   */
  protected final Adapter callAndWordRows(BufferWords words, ByteTable bytes) {
    this.words = words;
    adapter = new Adapter(this, isCall.plus(words.isWord()), bytes);
    assertBool("one kind per row", adapter.real());
    words.chain(adapter.clk);
    receiveCall(adapter, isCall);
    returnFromCall(adapter, isCall);
    return adapter;
  }

  /** Names the word rows' access and the call row's, which the other kind of row skips. */
  protected final void accesses(Adapter.Access wordAccess, Adapter.Access... callAccesses) {
    this.wordAccess = wordAccess;
    this.callAccesses = callAccesses;
  }

  @Override
  protected final int rowsOf(ExecutionRecord record, int ecall) {
    return 1 + words(record, ecall);
  }

  private int words(ExecutionRecord record, int ecall) {
    return record.ecallEndAccess(ecall) - record.ecallFirstAccess(ecall) - readsBefore - writesAfter;
  }

  /** The address of the call's buffer. */
  protected abstract int buffer(ExecutionRecord record, int ecall);

  /** The bytes of the call's buffer the word rows span. */
  protected abstract long length(ExecutionRecord record, int ecall);

  /** The number of the buffer's first byte, for numbered word rows (0 if they are not numbered). */
  protected long number(ExecutionRecord record, int ecall) {
    return 0;
  }

  /** Fills the call row's own columns and accesses; its state, {@code is_call} and the chain's start are set. */
  protected abstract void fillCallRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall);

  /** Fills a word row's own columns and access, the record's access row {@code access}. */
  protected abstract void fillWordRow(Trace t, int row, ExecutionRecord record, int access);

  @Override
  protected final void fillCall(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall) {
    int cycle = record.ecallCycle(ecall);
    int buf = buffer(record, ecall);
    adapter.fillState(t, row, record.pc(cycle), cycle);
    t.set(isCall, row, 1);
    words.fillStart(t, row, buf);
    fillCallRow(t, row, record, code, ecall);
    wordAccess.skip(t, row);
    int count = words(record, ecall);
    long length = length(record, ecall);
    long number = number(record, ecall);
    int firstWord = record.ecallFirstAccess(ecall) + readsBefore;
    for (int i = 0; i < count; i++) {
      int r = row + 1 + i;
      adapter.fillState(t, r, 0, cycle);
      words.fillWord(t, r, i, count, buf, length, number);
      fillWordRow(t, r, record, firstWord + i);
      for (Adapter.Access access : callAccesses) {
        access.skip(t, r);
      }
    }
  }
}
