package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.Opcode;

/**
 * SLT, SLTU, SLTI, SLTIU: {@code rd = (a < b) ? 1 : 0}, signed or unsigned, with b = rs2's value or the
 * sign-extended immediate (SLTIU compares with it as an unsigned word: imm −1 is 0xFFFFFFFF).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link AluChip}'s (16 and 4 flags); the operands' halves {@code a_lo, a_hi, b_lo, b_hi};
 * the difference's halves {@code diff_lo, diff_hi}; the top bits {@code msb_a}, {@code msb_b}; the result bit
 * {@code lt}: 29 columns. rd receives (lt, 0).
 *
 * <p><b>Constraints.</b> With s = is_slt + is_slti (signed), the compared high halves are
 * a' = a_hi + s·(2^15 − 2^16·msb_a) and b' likewise: a_hi ⊕ 2^15 on signed rows (flipping the sign bit turns the
 * signed order into the unsigned one), a_hi itself otherwise. Then b + diff = a + 2^32·lt limb by limb:
 * the low borrow k = (b_lo + diff_lo − a_lo)/2^16 is Boolean and b' + diff_hi + k = a' + 2^16·lt; msb_a, msb_b and
 * lt are Boolean. Degree 2; every constraint holds on an all-zero padding row without a flag. This is the
 * {@code LessThan} gadget's subtraction with its signed/unsigned choice made per row by a flag instead of per chip.
 *
 * <p><b>Interactions.</b> The {@link AluChip}'s 14; U16(diff_lo), U16(diff_hi); RC_15(a_hi − 2^15·msb_a) and
 * RC_15(b_hi − 2^15·msb_b), two lookups each: 20, about 29 + 40 = 69 cells per row.
 *
 * <p><b>Soundness.</b> a and b are valid halves (received versions or the immediate). msb is Boolean and
 * top − 2^15·msb ∈ [0, 2^15), so msb is the top bit of its half and a', b' ∈ [0, 2^16). diff's halves are
 * range-checked and k, lt Boolean, so both limb equations are integer equations (|terms| &lt; 2^18 ≪ p): with
 * A = a_lo + 2^16·a', B likewise, B + diff = A + 2^32·lt with diff ∈ [0, 2^32) holds only for lt = [A &lt; B], the
 * unsigned order of the flipped words, which is the signed order of a and b on signed rows. lt ∈ {0, 1} makes rd a
 * valid word without a range check.
 */
public final class CompareChip extends AluChip {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));

  private final Column aLo = column("a_lo");
  private final Column aHi = column("a_hi");
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final Column diffLo = column("diff_lo");
  private final Column diffHi = column("diff_hi");
  private final Column msbA = column("msb_a");
  private final Column msbB = column("msb_b");
  private final Column lt = column("lt");

  /** The chip, sending its range checks to {@code bytes}. */
  public CompareChip(ByteTable bytes) {
    super("rv32_compare", bytes, Opcode.SLT, Opcode.SLTU, Opcode.SLTI, Opcode.SLTIU);
    connect(aLo, aHi, bLo, bHi, lt, Expr.ZERO);
    Expr signed = flag(Opcode.SLT).plus(flag(Opcode.SLTI));
    assertBool("msb_a is a bit", msbA);
    assertBool("msb_b is a bit", msbB);
    assertBool("lt is a bit", lt);
    ConstraintScope onReal = onReal();
    RangeCheck.assertBits(onReal, bytes, aHi.minus(msbA.times(1 << 15)), 15);
    RangeCheck.assertBits(onReal, bytes, bHi.minus(msbB.times(1 << 15)), 15);
    bytes.lookup(onReal, diffLo);
    bytes.lookup(onReal, diffHi);
    Expr borrow = bLo.plus(diffLo).minus(aLo).times(INV_2_16);
    assertBool("the low borrow is a bit", borrow);
    assertEq("the high limb: b' + diff_hi + borrow = a' + 2^16·lt",
        flipped(bHi, msbB, signed).plus(diffHi).plus(borrow), flipped(aHi, msbA, signed).plus(lt.times(1 << 16)));
  }

  /** {@code hi ⊕ 2^15} (given msb, its top bit) where {@code signed} is 1, else {@code hi}: degree 2. */
  private static Expr flipped(Expr hi, Expr msb, Expr signed) {
    return hi.plus(signed.times(Expr.constant(1 << 15).minus(msb.times(1 << 16))));
  }

  @Override
  protected void fillCore(Trace t, int row, int op, int a, int b) {
    // The signed order of a, b is the unsigned order of a ⊕ 2^31, b ⊕ 2^31, which the constraints compare.
    int flip = op == Opcode.SLT || op == Opcode.SLTI ? Integer.MIN_VALUE : 0;
    int a2 = a ^ flip;
    int b2 = b ^ flip;
    Words.fillHalves(t, row, aLo, aHi, a);
    Words.fillHalves(t, row, bLo, bHi, b);
    Words.fillHalves(t, row, diffLo, diffHi, a2 - b2);
    t.set(msbA, row, a >>> 31);
    t.set(msbB, row, b >>> 31);
    t.set(lt, row, Integer.compareUnsigned(a2, b2) < 0 ? 1 : 0);
  }
}
