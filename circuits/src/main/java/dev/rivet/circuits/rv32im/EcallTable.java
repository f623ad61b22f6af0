package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.MemoryMap;

/**
 * The table of one ECALL number: it receives the calls of its number from the {@link EcallChip} on the
 * {@link EcallMessage#BUS ECALL bus} (with their pc and clock), makes the call's accesses and sends the next state,
 * or ends the run. An accelerator is one more subclass registered with the machine; nothing else changes.
 */
public abstract class EcallTable extends Chip {
  /** A table named {@code name}. */
  protected EcallTable(String name) {
    super(name);
  }

  /** Receives the calls of this table's number, (pc, clk, number), on the ECALL bus on the rows where {@code calls}. */
  protected final void receiveCall(Adapter adapter, Expr calls) {
    receive(EcallMessage.BUS, new EcallMessage(adapter.pc, adapter.clk, Expr.constant(number() & 0xffff),
        Expr.constant(number() >>> 16)), calls);
  }

  /** Sends the state after the call, (pc + 4, clk + 4), on the rows where {@code calls}. */
  protected final void returnFromCall(Adapter adapter, Expr calls) {
    send(StateMessage.BUS, new StateMessage(adapter.pc.plus(4), adapter.clk.plus(4)), calls);
  }

  /** The call number (the value of a7) this table executes. */
  public abstract int number();

  /**
   * Writes the rows of ECALL {@code ecall} of the record (its index in the record's ECALL table), starting at
   * {@code row}, for a run of {@code code}. Runs on several threads, each on its own rows; allocates nothing.
   */
  protected abstract void fillCall(Trace trace, int row, ExecutionRecord record, DecodedCode code, int ecall);

  /** Rows one call takes; 1 unless the call's work is proportional to its arguments. */
  protected int rowsOf(ExecutionRecord record, int ecall) {
    return 1;
  }

  /**
   * Sets the trace's public values from the program's {@code code}; a table with public values overrides this (the
   * read table: the code region's bounds, which its buffers avoid).
   */
  protected void fillPublic(Trace trace, DecodedCode code) {}

  /**
   * The table's trace for the calls {@code ecalls[0..count)} (record ECALL indices, in order) of a run of
   * {@code code}, padded.
   */
  public Trace fill(ExecutionRecord record, DecodedCode code, int[] ecalls, int count) {
    int[] firstRow = new int[count + 1];
    for (int i = 0; i < count; i++) {
      firstRow[i + 1] = firstRow[i] + rowsOf(record, ecalls[i]);
    }
    Trace trace = newTrace(InstructionChip.heightFor(firstRow[count]));
    fillPublic(trace, code);
    Parallel.forEachRange(count, (from, to) -> {
      for (int i = from; i < to; i++) {
        fillCall(trace, firstRow[i], record, code, ecalls[i]);
      }
    });
    return trace;
  }

  /** The record's access row of {@code ecall} to {@code address} (a byte address), or −1 if it made none. */
  protected static int accessTo(ExecutionRecord record, int ecall, int address) {
    for (int a = record.ecallFirstAccess(ecall); a < record.ecallEndAccess(ecall); a++) {
      if (record.accessAddress(a) == address) {
        return a;
      }
    }
    return -1;
  }

  /** The access row of {@code ecall} to register {@code index}, which the call is known to make. */
  protected static int registerAccess(ExecutionRecord record, int ecall, int index) {
    int a = accessTo(record, ecall, MemoryMap.registerAddress(index));
    if (a < 0) {
      throw new IllegalStateException("ECALL " + record.ecallNumber(ecall) + " at cycle " + record.ecallCycle(ecall)
          + " has no recorded access to x" + index);
    }
    return a;
  }
}
