package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.exec.ecall.Ecalls;
import dev.rivet.isa.MemoryMap;
import dev.rivet.isa.Register;

/**
 * The halt ECALL: reads the exit code from a0 and ends the run, sending the {@link HaltMessage} that the verifier
 * receives from the statement. It sends no next state, so the state chain that the verifier starts at the entry
 * ends here; a run has exactly one halt, and a receipt exists only for a run that halted.
 *
 * <p><b>Columns.</b> {@code pc}, {@code clk} (received with the call), {@code is_halt}, the exit code's halves and
 * the reads at slot 1 of a0 and of the journal cursor ({@link MemoryMap#JOURNAL_CURSOR}, the journal's length,
 * advanced by every commit). <b>Interactions.</b> receive (pc, clk, 93, 0) on the ECALL bus, the two reads, send
 * (exit_lo, exit_hi, journal length) on the halt bus.
 */
public final class HaltTable extends EcallTable {
  private final Adapter adapter;
  private final Column isHalt = column("is_halt");
  private final Column exitLo = column("exit_lo");
  private final Column exitHi = column("exit_hi");
  private final Column journalLo = column("journal_lo");
  private final Column journalHi = column("journal_hi");
  private final Adapter.Access a0Read;
  private final Adapter.Access cursorRead;

  /** The table, sending its range checks to {@code bytes}. */
  public HaltTable(ByteTable bytes) {
    super("rv32_halt");
    assertBool("is_halt is a bit", isHalt);
    adapter = new Adapter(this, isHalt, bytes);
    receiveCall(adapter, isHalt);
    a0Read = adapter.readRegister("a0", 1, Expr.constant(Register.A0), exitLo, exitHi, isHalt);
    cursorRead = adapter.read("cursor", 1, Expr.constant(MemoryMap.JOURNAL_CURSOR >>> 2), journalLo, journalHi,
        isHalt);
    adapter.finish();
    // The cursor's halves were range-checked by the commit that wrote them (or are the initial 0), and a journal
    // of p bytes would need p journal messages, so lo + 2^16·hi is the journal's true length.
    send(HaltMessage.BUS, new HaltMessage(exitLo, exitHi, journalLo.plus(journalHi.times(1 << 16))), isHalt);
  }

  @Override
  public int number() {
    return Ecalls.HALT;
  }

  @Override
  protected void fillCall(Trace t, int row, ExecutionRecord record, DecodedCode code, int ecall) {
    int cycle = record.ecallCycle(ecall);
    adapter.fillState(t, row, record.pc(cycle), cycle);
    t.set(isHalt, row, 1);
    int a0 = registerAccess(record, ecall, Register.A0);
    Words.fillHalves(t, row, exitLo, exitHi, record.accessValue(a0));
    a0Read.fill(t, row, record.accessPrevTimestamp(a0));
    int cursor = accessTo(record, ecall, MemoryMap.JOURNAL_CURSOR);
    Words.fillHalves(t, row, journalLo, journalHi, record.accessValue(cursor));
    cursorRead.fill(t, row, record.accessPrevTimestamp(cursor));
  }
}
