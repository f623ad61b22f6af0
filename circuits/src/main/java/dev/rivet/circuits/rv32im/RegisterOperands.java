package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionRecord;

/**
 * The register side of an R-format chip that always reads rs1 and rs2 and writes rd (MUL and DIV families): the
 * fetched fields {@code rd}, {@code rs1}, {@code rs2}, {@code writes_rd} (imm = 0), the state step to pc + 4, the two
 * reads and the write, declared on the adapter's chip and filled from the record.
 *
 * <p><b>Constraints.</b> {@code writes_rd} is a bit and 0 on padding (so a padding row makes no access); the fetch
 * fixes it on real rows, so x0 is never written. Both reads have multiplicity {@code real}: rs1 = rs2 reads the
 * register twice, at slots 0 and 1.
 */
final class RegisterOperands {
  private final Column rd;
  private final Column rs1;
  private final Column rs2;
  private final Column writesRd;
  private final Adapter.Access rs1Read;
  private final Adapter.Access rs2Read;
  private final Adapter.Access rdWrite;

  /**
   * Declares the fields and accesses of an instruction with opcode {@code opcode} (linear in the flags) that reads
   * rs1 as (aLo, aHi), rs2 as (bLo, bHi) and writes (cLo, cHi) to rd; call before {@link Adapter#finish}.
   */
  RegisterOperands(Adapter adapter, Expr opcode, Expr aLo, Expr aHi, Expr bLo, Expr bHi, Expr cLo, Expr cHi) {
    var chip = adapter.pc.chip();
    rd = chip.column("rd");
    rs1 = chip.column("rs1");
    rs2 = chip.column("rs2");
    writesRd = chip.column("writes_rd");
    Expr real = adapter.real();
    adapter.writesRd(writesRd);
    adapter.state(adapter.pc.plus(4));
    adapter.fetch(opcode, rd, rs1, rs2, Expr.ZERO, Expr.ZERO, writesRd);
    rs1Read = adapter.readRegister("rs1", 0, rs1, aLo, aHi, real);
    rs2Read = adapter.readRegister("rs2", 1, rs2, bLo, bHi, real);
    rdWrite = adapter.writeRegister("rd", 3, rd, cLo, cHi, writesRd);
  }

  /** Writes the fields and accesses of {@code row} for {@code cycle}; call after {@link Adapter#fillState}. */
  void fill(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int rdIndex = code.rd(pc);
    t.set(rd, row, rdIndex);
    t.set(rs1, row, code.rs1(pc));
    t.set(rs2, row, code.rs2(pc));
    rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    rs2Read.fill(t, row, record.rs2PrevTimestamp(cycle));
    rdWrite.fillRd(t, row, record, cycle, rdIndex, writesRd);
  }
}
