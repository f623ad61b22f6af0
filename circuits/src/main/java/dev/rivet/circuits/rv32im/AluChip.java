package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Format;
import dev.rivet.isa.Opcode;

/**
 * An instruction chip computing {@code rd = a op b} with a = rs1's value and b = rs2's value (R format) or the
 * immediate (I format), one row per instruction: what the add, bitwise, compare and shift chips share on top of the
 * {@link Adapter}. A subclass declares its operand and result columns, hands their halves to {@link #connect}, adds
 * its core's constraints and fills its core's columns in {@link #fillCore}.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> One Boolean flag {@code is_<mnemonic>} per opcode (one-hot: their sum {@code real} is asserted
 * Boolean); the fetched fields {@code rd}, {@code rs1}, {@code rs2}, {@code imm_lo}, {@code imm_hi},
 * {@code writes_rd}; the adapter's state columns and its three accesses (rs1 at slot 0, rs2 at slot 1, rd at slot 3).
 * The core's operand and result columns are the subclass's.
 *
 * <p><b>Constraints and interactions.</b> The fetch sends opcode Σ flag·OP with the fetched columns, so every field
 * is fixed by the program; the rs2 read has multiplicity Σ (flags of R-format opcodes), so an immediate form reads no
 * rs2, and its b is tied to the fetched immediate instead ({@code b = (imm_lo, imm_hi)} under the immediate flags);
 * the rd write has multiplicity {@code writes_rd}, Boolean, 0 on padding rows and fixed by the fetch on real rows, so
 * x0 is never written. 14 interactions, 16 columns plus one per flag.
 *
 * <p><b>Soundness.</b> That of the adapter: a and b are received register versions (valid halves) or the program's
 * immediate halves; the core must range-check what it writes.
 */
public abstract class AluChip extends InstructionChip {
  private final Adapter adapter;
  private final int[] opcodes;
  private final Column[] flags;
  private final Expr registerForm;
  private final Expr immediateForm;
  private final Column rd;
  private final Column rs1;
  private final Column rs2;
  private final Column immLo;
  private final Column immHi;
  private final Column writesRd;
  private Adapter.Access rs1Read;
  private Adapter.Access rs2Read;
  private Adapter.Access rdWrite;

  /** A chip named {@code name} executing {@code opcodes} (each R or I format), with one flag column each. */
  protected AluChip(String name, ByteTable bytes, int... opcodes) {
    super(name);
    this.opcodes = opcodes.clone();
    flags = new Column[opcodes.length];
    Expr registers = Expr.ZERO;
    Expr immediates = Expr.ZERO;
    Expr opcode = Expr.ZERO;
    for (int i = 0; i < opcodes.length; i++) {
      flags[i] = column("is_" + Opcode.mnemonic(opcodes[i]));
      opcode = opcode.plus(flags[i].times(opcodes[i]));
      if (Opcode.format(opcodes[i]) == Format.I) {
        immediates = immediates.plus(flags[i]);
      } else {
        registers = registers.plus(flags[i]);
      }
    }
    registerForm = registers;
    immediateForm = immediates;
    rd = column("rd");
    rs1 = column("rs1");
    rs2 = column("rs2");
    immLo = column("imm_lo");
    immHi = column("imm_hi");
    writesRd = column("writes_rd");
    adapter = new Adapter(this, Adapter.oneHot(this, flags), bytes);
    adapter.writesRd(writesRd);
    adapter.state(adapter.pc.plus(4));
    adapter.fetch(opcode, rd, rs1, rs2, immLo, immHi, writesRd);
  }

  @Override
  public final int[] opcodes() {
    return opcodes.clone();
  }

  /** The flag of {@code opcode} (one of the chip's). */
  protected final Column flag(int opcode) {
    return flags[indexOf(opcode)];
  }

  /** The scope of real rows, for the core's lookups. */
  protected final ConstraintScope onReal() {
    return adapter.onReal();
  }

  /**
   * Declares the accesses: reads a from rs1 and (R format) b from rs2, ties b to the immediate (I format), writes c
   * to rd. Call once, from the subclass's constructor; c must be range-checked by the core.
   */
  protected final void connect(Expr aLo, Expr aHi, Expr bLo, Expr bHi, Expr cLo, Expr cHi) {
    rs1Read = adapter.readRegister("rs1", 0, rs1, aLo, aHi, adapter.real());
    rs2Read = adapter.readRegister("rs2", 1, rs2, bLo, bHi, registerForm);
    rdWrite = adapter.writeRegister("rd", 3, rd, cLo, cHi, writesRd);
    adapter.finish();
    when(immediateForm).assertEq("immediate: b's low half is imm_lo", bLo, immLo);
    when(immediateForm).assertEq("immediate: b's high half is imm_hi", bHi, immHi);
  }

  /** Fills the core's columns of {@code row}: operation {@code op} on a = rs1's value and b. */
  protected abstract void fillCore(Trace t, int row, int op, int a, int b);

  @Override
  protected final void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(flags[indexOf(op)], row, 1);
    int rdIndex = code.rd(pc);
    t.set(rd, row, rdIndex);
    t.set(rs1, row, code.rs1(pc));
    t.set(rs2, row, code.rs2(pc));
    int b;
    if (Opcode.format(op) == Format.I) {
      b = code.imm(pc);
      Words.fillHalves(t, row, immLo, immHi, b);
      rs2Read.skip(t, row);
    } else {
      b = record.rs2Value(cycle);
      rs2Read.fill(t, row, record.rs2PrevTimestamp(cycle));
    }
    rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    rdWrite.fillRd(t, row, record, cycle, rdIndex, writesRd);
    fillCore(t, row, op, record.rs1Value(cycle), b);
  }

  private int indexOf(int opcode) {
    for (int i = 0; i < opcodes.length; i++) {
      if (opcodes[i] == opcode) {
        return i;
      }
    }
    throw new IllegalArgumentException(Opcode.mnemonic(opcode) + " is not executed here");
  }
}
