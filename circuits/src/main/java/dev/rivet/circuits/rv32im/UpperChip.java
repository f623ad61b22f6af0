package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.Opcode;

/**
 * LUI and AUIPC, {@code rd = imm} and {@code rd = pc + imm} (modulo 2^32, on 16-bit halves), and FENCE, which does
 * nothing on this single-threaded machine and is executed here as a row that only moves the pc on.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s, with the rd write only; one-hot flags {@code is_lui}, {@code is_auipc},
 * {@code is_fence}; the fetched fields {@code rd}, {@code imm_lo}, {@code imm_hi} (the U immediate's halves, its low
 * 12 bits zero), {@code writes_rd}; {@code pc_lo}, the pc's low half (AUIPC rows; the high half is the expression
 * pc_hi = (pc − pc_lo)/2^16); the result c as halves {@code c_lo}, {@code c_hi}.
 *
 * <p><b>Constraints.</b> LUI: c = (imm_lo, imm_hi). AUIPC: c = pc + imm as two limb equations whose carries
 * k0 = (pc_lo + imm_lo − c_lo)/2^16 and k1 = (pc_hi + imm_hi + k0 − c_hi)/2^16 are Boolean (degree 3 with the flag).
 * FENCE: nothing beyond the adapter's; its fetch fixes rd = 0, imm = 0 and writes_rd = 0, so it writes nothing.
 *
 * <p><b>Interactions.</b> Adapter: state 2, fetch 1, rd write 2, its timestamp lookups 2; U16 of c_lo and c_hi
 * (every real row; c is what rd receives); on AUIPC rows U16(pc_lo) and the two lookups of RC_14(pc_hi): 12
 * interactions and 16 columns, about 40 cells.
 *
 * <p><b>Soundness.</b> pc is fetched, so below 2^30. pc_lo &lt; 2^16 and pc_hi &lt; 2^14 (integers, by the
 * lookups) give pc_lo + 2^16·pc_hi &lt; 2^30 &lt; p, equal to pc in the field, so (pc_lo, pc_hi) are pc's true halves.
 * The immediate's halves are the program's (trusted), c's are range-checked, so each limb equation is an integer
 * equation (|terms| &lt; 2^18 ≪ p) and Boolean carries make c = pc + imm mod 2^32. Which of the three operations a
 * row executes is fixed by the fetch, whose opcode field is Σ flag·opcode over the one-hot flags (LUI's opcode is
 * 0: a row with is_lui fetches a LUI). {@code writes_rd} is Boolean, zero on padding rows and fixed by the fetch on
 * real ones, so x0 is never written and FENCE writes nothing.
 *
 * <p>FENCE lives here rather than in a table of its own because it is rare and a table costs its padding and its
 * LogUp columns in every proof; EBREAK needs no chip at all, since the executor traps on it and a trapping run has no
 * proof.
 */
public final class UpperChip extends InstructionChip {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));

  private final Adapter adapter;
  private final Column isLui = column("is_lui");
  private final Column isAuipc = column("is_auipc");
  private final Column isFence = column("is_fence");
  private final Column rd = column("rd");
  private final Column immLo = column("imm_lo");
  private final Column immHi = column("imm_hi");
  private final Column writesRd = column("writes_rd");
  private final Column pcLo = column("pc_lo");
  private final Column cLo = column("c_lo");
  private final Column cHi = column("c_hi");
  private final Adapter.Access rdWrite;

  /** The chip, sending its range checks to {@code bytes}. */
  public UpperChip(ByteTable bytes) {
    super("rv32_upper");
    Expr real = Adapter.oneHot(this, isLui, isAuipc, isFence);
    adapter = new Adapter(this, real, bytes);
    adapter.writesRd(writesRd);
    adapter.state(adapter.pc.plus(4));
    Expr zero = Expr.ZERO;
    adapter.fetch(isLui.times(Opcode.LUI).plus(isAuipc.times(Opcode.AUIPC)).plus(isFence.times(Opcode.FENCE)),
        rd, zero, zero, immLo, immHi, writesRd);
    rdWrite = adapter.writeRegister("rd", 3, rd, cLo, cHi, writesRd);
    bytes.lookup(adapter.onReal(), cLo);
    bytes.lookup(adapter.onReal(), cHi);
    ConstraintScope onAuipc = when(isAuipc);
    Expr pcHi = adapter.pc.minus(pcLo).times(INV_2_16);
    bytes.lookup(onAuipc, pcLo);
    RangeCheck.assertBits(onAuipc, bytes, pcHi, 14);
    adapter.finish();

    when(isLui).assertEq("LUI: c_lo is the immediate's low half", cLo, immLo);
    when(isLui).assertEq("LUI: c_hi is the immediate's high half", cHi, immHi);
    Expr carry0 = pcLo.plus(immLo).minus(cLo).times(INV_2_16);
    Expr carry1 = pcHi.plus(immHi).plus(carry0).minus(cHi).times(INV_2_16);
    onAuipc.assertBool("AUIPC: the low carry is a bit", carry0);
    onAuipc.assertBool("AUIPC: the high carry is a bit", carry1);
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.LUI, Opcode.AUIPC, Opcode.FENCE};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(op == Opcode.LUI ? isLui : op == Opcode.AUIPC ? isAuipc : isFence, row, 1);
    int rdIndex = code.rd(pc);
    int imm = code.imm(pc); // FENCE's is 0
    t.set(rd, row, rdIndex);
    Words.fillHalves(t, row, immLo, immHi, imm);
    int c = imm;
    if (op == Opcode.AUIPC) {
      t.set(pcLo, row, pc & 0xffff);
      c = pc + imm;
    }
    Words.fillHalves(t, row, cLo, cHi, c);
    rdWrite.fillRd(t, row, record, cycle, rdIndex, writesRd);
  }
}
