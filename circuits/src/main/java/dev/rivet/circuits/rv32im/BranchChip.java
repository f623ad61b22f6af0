package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.IsZero;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.Opcode;

/**
 * BEQ, BNE, BLT, BGE, BLTU, BGEU: compare rs1 with rs2 and continue at pc + offset if the condition holds, at
 * pc + 4 otherwise.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s, with the reads of rs1 (slot 0) and rs2 (slot 1); one-hot flags
 * {@code is_beq} … {@code is_bgeu}; the fetched fields {@code rs1}, {@code rs2}, {@code imm_lo} (the signed offset as
 * a field element; rd, imm_hi and writes_rd are the constant 0 of every B-format fetch); the operands a, b as halves
 * {@code a_lo}, {@code a_hi}, {@code b_lo}, {@code b_hi}; the difference d = a − b mod 2^32 as halves
 * {@code diff_lo}, {@code diff_hi}; the operands' top bits {@code msb_a}, {@code msb_b}; {@code zero} and
 * {@code zero_inv} ({@link IsZero} of diff_lo + diff_hi); {@code next_pc}.
 *
 * <p><b>Constraints.</b> On real rows, b + d = a + 2^32·lt_u limb by limb: the borrows
 * k0 = (b_lo + diff_lo − a_lo)/2^16 and lt_u = (b_hi + diff_hi + k0 − a_hi)/2^16 are Boolean. lt_s = lt_u + msb_a −
 * msb_b (flipping both top bits turns the signed order into the unsigned one and changes the high limb equation by
 * 2^16·(msb_a − msb_b), so no second subtraction is needed). eq = {@code zero}. taken = is_beq·eq + is_bne·(1 − eq)
 * + is_blt·lt_s + is_bge·(1 − lt_s) + is_bltu·lt_u + is_bgeu·(1 − lt_u), an expression (degree 2), and
 * next_pc = pc + 4·real + taken·(imm_lo − 4) (degree 3; on padding rows every term is 0). msb_a, msb_b Boolean.
 *
 * <p><b>Interactions.</b> Adapter: state 2 (next_pc is a column so that the state message stays linear), fetch 1,
 * two reads 4, their timestamp lookups 3; U16 of diff_lo and diff_hi; U16 of 2·a_hi − 2^16·msb_a and of
 * 2·b_hi − 2^16·msb_b: 14 interactions and 26 columns, about 54 cells.
 *
 * <p><b>Soundness.</b> a and b are received register versions, so valid halves; d's halves are range-checked, so
 * each limb equation is an integer equation (|terms| &lt; 2^18 ≪ p), the Boolean borrows make d = a − b mod 2^32 and
 * lt_u = [a &lt; b] unsigned. d_lo + d_hi &lt; 2^17 is 0 in the field only if both halves are, so eq = [a = b]. The
 * top bit: a_hi &lt; 2^16 and msb_a Boolean put 2·a_hi − 2^16·msb_a in [−2^16, 2^17); it is a 16-bit value in the
 * field only if it is one as an integer (a negative value is at least p − 2^16), that is only if
 * a_hi − 2^15·msb_a ∈ [0, 2^15), so msb_a is a_hi's top bit (one lookup instead of RC_15's two, because a_hi is
 * already known to be a half). With the true top bits, lt_u + msb_a − msb_b is the signed comparison: it equals
 * lt_u when the signs agree, and 1 (a negative, b not) or 0 (the reverse) when they differ. Which condition applies
 * is fixed by the fetched opcode (Σ flag·opcode over one-hot flags), and the offset by the program. next_pc is
 * pc + 4 or pc + offset exactly: pc &lt; 2^30 and |offset| &lt; 2^13, and a target outside [0, 2^30) has no program
 * row, so the instruction row that must receive the state (next_pc, clk + 4) and fetch at next_pc cannot exist.
 */
public final class BranchChip extends InstructionChip {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));
  private static final int[] OPCODES = {Opcode.BEQ, Opcode.BNE, Opcode.BLT, Opcode.BGE, Opcode.BLTU, Opcode.BGEU};

  private final Adapter adapter;
  private final Column isBeq = column("is_beq");
  private final Column isBne = column("is_bne");
  private final Column isBlt = column("is_blt");
  private final Column isBge = column("is_bge");
  private final Column isBltu = column("is_bltu");
  private final Column isBgeu = column("is_bgeu");
  private final Column[] flags = {isBeq, isBne, isBlt, isBge, isBltu, isBgeu};
  private final Column rs1 = column("rs1");
  private final Column rs2 = column("rs2");
  private final Column immLo = column("imm_lo");
  private final Column aLo = column("a_lo");
  private final Column aHi = column("a_hi");
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final Column diffLo = column("diff_lo");
  private final Column diffHi = column("diff_hi");
  private final Column msbA = column("msb_a");
  private final Column msbB = column("msb_b");
  private final Column nextPc = column("next_pc");
  private final IsZero zero;
  private final Adapter.Access rs1Read;
  private final Adapter.Access rs2Read;

  /** The chip, sending its range checks to {@code bytes}. */
  public BranchChip(ByteTable bytes) {
    super("rv32_branch");
    Expr real = Adapter.oneHot(this, flags);
    Expr opcode = Expr.ZERO;
    for (int i = 0; i < flags.length; i++) {
      opcode = opcode.plus(flags[i].times(OPCODES[i]));
    }
    adapter = new Adapter(this, real, bytes);
    ConstraintScope onReal = adapter.onReal();
    adapter.state(nextPc);
    Expr zeroField = Expr.ZERO;
    adapter.fetch(opcode, zeroField, rs1, rs2, immLo, zeroField, zeroField);
    rs1Read = adapter.readRegister("rs1", 0, rs1, aLo, aHi, real);
    rs2Read = adapter.readRegister("rs2", 1, rs2, bLo, bHi, real);
    bytes.lookup(onReal, diffLo);
    bytes.lookup(onReal, diffHi);
    assertBool("msb_a is a bit", msbA);
    assertBool("msb_b is a bit", msbB);
    bytes.lookup(onReal, aHi.times(2).minus(msbA.times(1 << 16)));
    bytes.lookup(onReal, bHi.times(2).minus(msbB.times(1 << 16)));
    adapter.finish();

    Expr borrow0 = bLo.plus(diffLo).minus(aLo).times(INV_2_16);
    Expr ltu = bHi.plus(diffHi).plus(borrow0).minus(aHi).times(INV_2_16);
    onReal.assertBool("the low borrow is a bit", borrow0);
    onReal.assertBool("the high borrow (a < b unsigned) is a bit", ltu);
    Expr lts = ltu.plus(msbA).minus(msbB);
    zero = IsZero.of(onReal, "zero", diffLo.plus(diffHi));
    Expr eq = zero.out();
    Expr taken = isBeq.times(eq).plus(isBne.times(eq.not()))
        .plus(isBlt.times(lts)).plus(isBge.times(lts.not()))
        .plus(isBltu.times(ltu)).plus(isBgeu.times(ltu.not()));
    assertEq("next_pc is pc + offset if taken, else pc + 4", nextPc,
        adapter.pc.plus(real.times(4)).plus(taken.times(immLo.minus(4))));
  }

  @Override
  public int[] opcodes() {
    return OPCODES.clone();
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(flags[op - Opcode.BEQ], row, 1);
    t.set(rs1, row, code.rs1(pc));
    t.set(rs2, row, code.rs2(pc));
    int offset = code.imm(pc);
    t.set(immLo, row, offset); // negative offsets become p − |offset|
    int a = record.rs1Value(cycle);
    int b = record.rs2Value(cycle);
    int diff = a - b;
    Words.fillHalves(t, row, aLo, aHi, a);
    Words.fillHalves(t, row, bLo, bHi, b);
    Words.fillHalves(t, row, diffLo, diffHi, diff);
    t.set(msbA, row, a >>> 31);
    t.set(msbB, row, b >>> 31);
    zero.fill(t, row, (diff & 0xffff) + (diff >>> 16));
    boolean taken = switch (op) {
      case Opcode.BEQ -> a == b;
      case Opcode.BNE -> a != b;
      case Opcode.BLT -> a < b;
      case Opcode.BGE -> a >= b;
      case Opcode.BLTU -> Integer.compareUnsigned(a, b) < 0;
      default -> Integer.compareUnsigned(a, b) >= 0;
    };
    t.set(nextPc, row, taken ? pc + offset : pc + 4);
    rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    rs2Read.fill(t, row, record.rs2PrevTimestamp(cycle));
  }
}
