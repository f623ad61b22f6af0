package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.isa.Register;

/**
 * The write ECALL, {@code write(fd, buf, len) -> len}: the host prints the buffer, which the proof does not cover
 * (stdout is not part of the claim), so the table proves only the call's effect on the machine: a0 = len.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> {@code pc}, {@code clk} (received with the call), {@code is_write}, the halves of a0 (fd),
 * a1 (buf) and a2 (len), the {@link UserBuffer}'s three, and the accesses: a0, a1, a2 read at slot 1, a0 written
 * at slot 2 (its previous value is fd, the version a0's read sent). <b>Interactions.</b> receive
 * (pc, clk, 64, 0) on the ECALL bus, the three reads and the write, send (pc + 4, clk + 4) on the state bus.
 *
 * <p><b>Constraints</b>, the handler's ({@code BuiltinEcalls.write}), so that no proof exists for a call that
 * faults: fd ∈ {1, 2} (fd_hi = 0, (fd_lo − 1)(fd_lo − 2) = 0); len &lt; 2^31 and, when len ≠ 0, the buffer in
 * user memory ({@link UserBuffer}; the handler peeks the buffer only when it is not empty). The written a0 is a2's
 * halves as read, so it needs no range check. One row per call (22 columns, 22 interactions: about 66 cells); the
 * record has no buffer rows.
 */
public final class WriteTable extends EcallTable {
  private final Adapter adapter;
  private final Column isWrite = column("is_write");
  private final Column fdLo = column("fd_lo");
  private final Column fdHi = column("fd_hi");
  private final Column bufLo = column("buf_lo");
  private final Column bufHi = column("buf_hi");
  private final Column lenLo = column("len_lo");
  private final Column lenHi = column("len_hi");
  private final UserBuffer buffer;
  private final Adapter.Access a0Read;
  private final Adapter.Access a1Read;
  private final Adapter.Access a2Read;
  private final Adapter.Access a0Write;

  /** The table, sending its range checks to {@code bytes}. */
  public WriteTable(ByteTable bytes) {
    super("rv32_write");
    assertBool("is_write is a bit", isWrite);
    adapter = new Adapter(this, isWrite, bytes);
    receiveCall(adapter, isWrite);
    returnFromCall(adapter, isWrite);
    a0Read = adapter.readRegister("a0", 1, Expr.constant(Register.A0), fdLo, fdHi, isWrite);
    a1Read = adapter.readRegister("a1", 1, Expr.constant(Register.A1), bufLo, bufHi, isWrite);
    a2Read = adapter.readRegister("a2", 1, Expr.constant(Register.A2), lenLo, lenHi, isWrite);
    a0Write = adapter.writeRegister("a0_out", 2, Expr.constant(Register.A0), lenLo, lenHi, isWrite);
    adapter.finish();
    when(isWrite).assertZero("fd is 1 or 2", fdLo.minus(1).times(fdLo.minus(2)));
    when(isWrite).assertZero("fd is 1 or 2 (high half)", fdHi);
    buffer = UserBuffer.ifNotEmpty(this, isWrite, bytes, bufLo, bufHi, lenLo, lenHi);
  }

  @Override
  public int number() {
    return Ecalls.WRITE;
  }

  @Override
  protected void fillCall(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall) {
    adapter.fillState(t, row, record.pc(record.ecallCycle(ecall)), record.ecallCycle(ecall));
    t.set(isWrite, row, 1);
    int fd = registerAccess(record, ecall, Register.A0);
    int buf = registerAccess(record, ecall, Register.A1);
    int len = registerAccess(record, ecall, Register.A2);
    Words.fillHalves(t, row, fdLo, fdHi, record.accessValue(fd));
    Words.fillHalves(t, row, bufLo, bufHi, record.accessValue(buf));
    Words.fillHalves(t, row, lenLo, lenHi, record.accessValue(len));
    a0Read.fill(t, row, record.accessPrevTimestamp(fd));
    a1Read.fill(t, row, record.accessPrevTimestamp(buf));
    a2Read.fill(t, row, record.accessPrevTimestamp(len));
    // The record's last row of the call is a0's write, whose previous version is the one a0's read made.
    int out = record.ecallEndAccess(ecall) - 1;
    a0Write.fill(t, row, record.accessPrevTimestamp(out), record.accessPrevValue(out));
    buffer.fill(t, row, record.accessValue(buf), record.accessValue(len));
  }
}
