package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Opcode;
import dev.rivet.isa.Register;

/**
 * The ECALL instruction: it reads the call number from a7 and hands the call, with the machine state, to the
 * table of that call on the {@link EcallMessage#BUS ECALL bus}. It sends no next state; the call's table does (or,
 * for halt, nothing). So adding a call is adding one table on the bus, and a call that no table receives leaves
 * the bus unbalanced: no proof exists for a run that made it.
 *
 * <p><b>Columns.</b> The {@link Adapter}'s, {@code is_ecall}, the number's halves {@code n_lo}, {@code n_hi}, and
 * a7's read at slot 1 (the record's first access of the call). <b>Interactions.</b> state in, fetch (opcode ECALL,
 * every other field 0), a7's read, the send of (pc, clk, n_lo, n_hi).
 */
public final class EcallChip extends InstructionChip {
  private final Adapter adapter;
  private final Column isEcall = column("is_ecall");
  private final Column nLo = column("n_lo");
  private final Column nHi = column("n_hi");
  private final Adapter.Access a7Read;

  /** The chip, sending its range checks to {@code bytes}. */
  public EcallChip(ByteTable bytes) {
    super("rv32_ecall");
    assertBool("is_ecall is a bit", isEcall);
    adapter = new Adapter(this, isEcall, bytes);
    adapter.stateEndsHere();
    Expr zero = Expr.ZERO;
    adapter.fetch(Expr.constant(Opcode.ECALL), zero, zero, zero, zero, zero, zero);
    a7Read = adapter.readRegister("a7", 1, Expr.constant(Register.A7), nLo, nHi, isEcall);
    adapter.finish();
    send(EcallMessage.BUS, new EcallMessage(adapter.pc, adapter.clk, nLo, nHi), isEcall);
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.ECALL};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    adapter.fillState(t, row, record.pc(cycle), cycle);
    t.set(isEcall, row, 1);
    // The machine hands this chip the ECALL cycles in order, and the record lists ECALLs in order: row i is the
    // i-th ECALL, whose first access is a7's read.
    int access = record.ecallFirstAccess(row);
    Words.fillHalves(t, row, nLo, nHi, record.accessValue(access));
    a7Read.fill(t, row, record.accessPrevTimestamp(access));
  }
}
