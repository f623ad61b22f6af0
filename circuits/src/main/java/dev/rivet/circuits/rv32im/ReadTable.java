package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.IsZero;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Register;
import java.util.List;

/**
 * The read ECALL, {@code read(0, buf, len) -> n}: copies n ≤ len bytes of the private input to [buf, buf + n).
 * The bytes are the prover's witness, unconstrained; the table proves where they go, what else stays, that the
 * buffer is one the handler accepts, and that the reads take one input stream. A call takes a <i>call row</i> and
 * one <i>word row</i> per word of [buf, buf + n), ascending ({@link BufferWords}).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Call row</b> ({@code is_call}). Columns {@code pc}, {@code clk}; buf = a1 and len = a2 as halves; n as
 * halves and the borrow {@code n_borrow} of len − n; {@code has_words}; the end-of-input word E
 * ({@link MemoryMap#INPUT_EOF}) before the call, {@code eof}, and after it, {@code eof_out}; {@code full_read} = [n =
 * len] with its inverse witness ({@link IsZero}); the padding bits {@code end_pad0}, {@code end_pad1} of the
 * buffer's end; the {@link UserBuffer}'s, the {@link BufferWords}' and the {@link CodeGap}'s call columns.
 * Interactions: receive (pc, clk, 63, 0) on the ECALL bus; read a0 at slot 1 with the value 0 (the handler faults on
 * any other file descriptor), a1, a2 and E; write a0 = n (U16 on both halves) and E = eof_out at slot 2; send
 * (pc + 4, clk + 4) on the state bus; start the word chain of (buf, n) if {@code has_words}. Constraints and lookups:
 * n ≤ len (U16 of the limbs r_lo = len_lo − n_lo + 2^16·n_borrow and r_hi = len_hi − n_hi − n_borrow of len − n);
 * full_read = [r_lo + r_hi = 0]; eof_out = 1 − (1 − eof)·full_read (the input ends at a short read, and stays
 * ended); eof Boolean and eof·(n_lo + n_hi) = 0 (after the end, a read returns nothing); on a call row
 * (is_call − has_words)·n_lo = (is_call − has_words)·n_hi = 0, so a call without word rows has n = 0; the buffer
 * [buf, buf + len) in user memory and len &lt; 2^31 whatever n ({@link UserBuffer#always}); and the whole buffer
 * outside the code region: with F = ⌊buf / 4⌋ (the chain's first word, {@link BufferWords#start}) and
 * C = ⌈end / 4⌉ for end = buf + len, {@link CodeGap} proves C − 1 &lt; S or F ≥ E for the region's word bounds
 * S = {@code code_start_word}, E = {@code code_end_word}. C is (end_lo + pad)/4 + 2^14·end_hi with
 * pad = end_pad0 + 2·end_pad1 and one U16 lookup of (end_lo + pad)/4 ({@link UserBuffer#endLo} and
 * {@link UserBuffer#endHi} are end's halves). Together these are the handler's {@code requireWritable(buf, len)}.
 *
 * <p><b>Word rows</b> ({@code is_mid}, or {@code is_last}). The {@link BufferWords}' columns; the word's previous
 * bytes {@code pb[0..3]} and new bytes {@code nb[0..3]} (four BYTES lookups); the write of word w at slot 2 from
 * its previous version (prev_lo, prev_hi) = (pb0 + 256·pb1, pb2 + 256·pb3) to (nb0 + 256·nb1, nb2 + 256·nb3);
 * per lane l, (1 − in_l)·(nb_l − pb_l) = 0: bytes outside [buf, buf + n) are kept. No code check of their own: the
 * call row's covers every word they can write.
 *
 * <p><b>Soundness.</b> By {@link BufferWords} the word rows write exactly the words of [buf, buf + n), each once,
 * changing only the lanes inside the range; the new halves are range-checked bytes; the previous bytes decompose
 * the received version uniquely (range-checked bytes). n is range-checked and at most len, so the words lie in
 * [buf, buf + len), which is in user memory: no read writes a register, a kernel word or the invalid page.
 *
 * <p>The code region: the handler accepts exactly the buffers with end ≤ 4S or buf ≥ 4E (the region's byte bounds
 * are 4S and 4E: word-aligned by construction), also when len = 0 or n &lt; len. {@link UserBuffer} makes end_lo an
 * integer in [0, 2^16) and end = end_lo + 2^16·end_hi exactly, with 2^16 ≤ buf ≤ end ≤ 3·2^30. The lookup makes
 * (end_lo + pad)/4 an integer c &lt; 2^16, so 4c &lt; 2^18 and end_lo + pad &lt; 2^16 + 3 are integers below p equal in
 * the field, hence equal: 4·C = end + pad with pad ∈ [0, 3] (two bits), so C = ⌈end / 4⌉ and C − 1 ∈
 * [2^14 − 1, 3·2^28 − 1]. {@link BufferWords#start} makes F = ⌊buf / 4⌋ ∈ [2^14, 3·2^28]. Those are the bounds
 * {@link CodeGap} needs, and C − 1 &lt; S ⇔ end ≤ 4S, F ≥ E ⇔ buf ≥ 4E: the check is the handler's, in both
 * directions. Every word a read writes (or, for n = 0 with a chain started at an unaligned buf, accesses unchanged)
 * lies in [F, C − 1], so none is a code word: no read changes the code, and no proof shows a call the executor traps.
 *
 * <p>One stream: r_lo and r_hi are integers in [0, 2^16), so their sum is 0 exactly when both are, that is when
 * n = len, and {@link IsZero} makes full_read that bit. Only this table accesses E (a constant kernel word no load,
 * store or other call reaches); it starts at 0 (not in the image) and each call writes eof_out = eof ∨ (n &lt; len)
 * over the eof it read, so by the memory argument, in execution order, a call reads eof = 1 exactly when an earlier
 * read was short, and then n = 0. So the lengths are those of reads of one input, consumed in order: every read
 * returns its whole length until one returns less (the input's end), and every later read returns 0, as the
 * executor's {@code min(len, remaining)}; the input is the concatenation of the bytes read.
 *
 * <p><b>Cost.</b> The word rows carry the call row's access columns (their order lookups hold through
 * {@link Adapter.Access#skip}): 64 columns and 50 interactions, about 164 cells per row, call or word. The code
 * check sits on the call row, so a call pays for it once however long its buffer: the two padding bits and one
 * lookup for ⌈end / 4⌉ (F comes free from the chain's start), and {@link CodeGap}'s three columns and three lookups.
 * A read of n bytes at lane off takes 1 + ⌈(n + off) / 4⌉ rows.
 */
public final class ReadTable extends BufferEcallTable {
  private final Column hasWords = column("has_words");
  private final Column bufLo = column("buf_lo");
  private final Column bufHi = column("buf_hi");
  private final Column lenLo = column("len_lo");
  private final Column lenHi = column("len_hi");
  private final Column nLo = column("n_lo");
  private final Column nHi = column("n_hi");
  private final Column nBorrow = column("n_borrow");
  private final Column eof = column("eof");
  private final Column eofOut = column("eof_out");
  private final Column endPad0 = column("end_pad0");
  private final Column endPad1 = column("end_pad1");
  private final IsZero fullRead;
  private final List<Column> prev = columns("pb", 4);
  private final List<Column> next = columns("nb", 4);
  private final UserBuffer buffer;
  private final BufferWords words = new BufferWords(this, false);
  private final Adapter.Access a0Read;
  private final Adapter.Access a1Read;
  private final Adapter.Access a2Read;
  private final Adapter.Access a0Write;
  private final Adapter.Access eofRead;
  private final Adapter.Access eofWrite;
  private final Adapter.Access wordWrite;
  private final CodeGap codeGap;

  /** The table, sending its range checks to {@code bytes}. */
  public ReadTable(ByteTable bytes) {
    // The record's accesses of a read: a7, a0, a1, a2, E (reads), the buffer's words, a0, E (writes).
    super("rv32_read", 5, 2);
    for (Column bit : new Column[] {isCall, hasWords, nBorrow, eof, endPad0, endPad1}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    Adapter adapter = callAndWordRows(words, bytes);
    Expr isWord = words.isWord();

    // The call row.
    a0Read = adapter.readRegister("a0", 1, Expr.constant(Register.A0), Expr.ZERO, Expr.ZERO, isCall);
    a1Read = adapter.readRegister("a1", 1, Expr.constant(Register.A1), bufLo, bufHi, isCall);
    a2Read = adapter.readRegister("a2", 1, Expr.constant(Register.A2), lenLo, lenHi, isCall);
    a0Write = adapter.writeRegister("a0_out", 2, Expr.constant(Register.A0), nLo, nHi, isCall);
    Expr eofWord = Expr.constant(MemoryMap.INPUT_EOF >>> 2);
    eofRead = adapter.read("eof", 1, eofWord, eof, Expr.ZERO, isCall);
    eofWrite = adapter.write("eof_out", 2, eofWord, eofOut, Expr.ZERO, isCall);
    ConstraintScope onCall = when(isCall);
    bytes.lookup(onCall, nLo);
    bytes.lookup(onCall, nHi);
    Expr restLo = lenLo.minus(nLo).plus(nBorrow.times(1 << 16));
    Expr restHi = lenHi.minus(nHi).minus(nBorrow);
    bytes.lookup(onCall, restLo);
    bytes.lookup(onCall, restHi);
    // len − n = restLo + 2^16·restHi with both limbs in [0, 2^16): it is 0 exactly when their sum is.
    fullRead = IsZero.of(onCall, "full_read", restLo.plus(restHi));
    onCall.assertEq("the input ends at a short read", eofOut, Expr.ONE.minus(eof.not().times(fullRead.out())));
    assertZero("a read after the input's end reads nothing", eof.times(nLo.plus(nHi)));
    assertZero("only call rows start words", hasWords.times(isCall.not()));
    assertZero("a call without words reads nothing (low half)", isCall.minus(hasWords).times(nLo));
    assertZero("a call without words reads nothing (high half)", isCall.minus(hasWords).times(nHi));
    buffer = UserBuffer.always(this, isCall, bytes, bufLo, bufHi, lenLo, lenHi);
    Expr firstWord = words.start(onCall, bytes, bufLo, bufHi, nLo.plus(nHi.times(1 << 16)), null, hasWords);
    // ⌈end / 4⌉ = (end + pad) / 4 with pad = −end mod 4. One U16 lookup bounds its low part: four times a 16-bit
    // value cannot wrap the field, so the division is exact (see the class comment).
    Expr endWordLo = buffer.endLo().plus(endPad0).plus(endPad1.times(2)).times(Expr.constant(BabyBear.inv(4)));
    bytes.lookup(onCall, endWordLo);
    Expr lastWord = endWordLo.plus(buffer.endHi().times(1 << 14)).minus(1);
    codeGap = new CodeGap(this, bytes, firstWord, lastWord, isCall);

    // The word rows.
    wordWrite = adapter.write("word", 2, words.word(), half(next, 0), half(next, 2), isWord);
    adapter.finish();
    accesses(wordWrite, a0Read, a1Read, a2Read, a0Write, eofRead, eofWrite);
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
  protected int buffer(ExecutionRecord record, int ecall) {
    return record.accessValue(record.ecallFirstAccess(ecall) + 2);
  }

  /** n, the bytes read: a0 as written. */
  @Override
  protected long length(ExecutionRecord record, int ecall) {
    return record.accessValue(record.ecallEndAccess(ecall) - 2);
  }

  @Override
  protected void fillPublic(Trace trace, DecodedCode code) {
    codeGap.fillPublic(trace, code);
  }

  @Override
  protected void fillCallRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall) {
    int first = record.ecallFirstAccess(ecall);
    int end = record.ecallEndAccess(ecall);
    int buf = record.accessValue(first + 2);
    int len = record.accessValue(first + 3);
    int n = record.accessValue(end - 2);
    Words.fillHalves(t, row, bufLo, bufHi, buf);
    Words.fillHalves(t, row, lenLo, lenHi, len);
    Words.fillHalves(t, row, nLo, nHi, n);
    t.set(nBorrow, row, (len & 0xffff) < (n & 0xffff) ? 1 : 0);
    t.set(hasWords, row, n == 0 ? 0 : 1);
    t.set(eof, row, record.accessValue(first + 4));
    t.set(eofOut, row, record.accessValue(end - 1));
    fullRead.fill(t, row, (long) len - n);
    buffer.fill(t, row, buf, len);
    long bufferEnd = Integer.toUnsignedLong(buf) + len;
    int pad = (int) -bufferEnd & 3;
    t.set(endPad0, row, pad & 1);
    t.set(endPad1, row, pad >>> 1);
    codeGap.fill(t, row, buf >>> 2, (int) ((bufferEnd + pad) >>> 2) - 1, code);
    a0Read.fill(t, row, record.accessPrevTimestamp(first + 1));
    a1Read.fill(t, row, record.accessPrevTimestamp(first + 2));
    a2Read.fill(t, row, record.accessPrevTimestamp(first + 3));
    a0Write.fill(t, row, record.accessPrevTimestamp(end - 2), record.accessPrevValue(end - 2));
    eofRead.fill(t, row, record.accessPrevTimestamp(first + 4));
    eofWrite.fill(t, row, record.accessPrevTimestamp(end - 1), record.accessPrevValue(end - 1));
  }

  @Override
  protected void fillWordRow(Trace t, int row, ExecutionRecord record, int access) {
    int before = record.accessPrevValue(access);
    int after = record.accessValue(access);
    for (int l = 0; l < 4; l++) {
      t.set(prev.get(l), row, (before >>> (8 * l)) & 0xff);
      t.set(next.get(l), row, (after >>> (8 * l)) & 0xff);
    }
    wordWrite.fill(t, row, record.accessPrevTimestamp(access), before);
  }
}
