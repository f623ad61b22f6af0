package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.isa.Opcode;

/**
 * ADD, SUB and ADDI: {@code rd = rs1 ± rs2} or {@code rd = rs1 + imm}, modulo 2^32, on 16-bit halves.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link AluChip}'s: one-hot flags {@code is_add}, {@code is_sub}, {@code is_addi},
 * the fetched fields {@code rd}, {@code rs1}, {@code rs2}, {@code imm_lo}, {@code imm_hi}, {@code writes_rd}, the
 * adapter's; the operands a = rs1's value and b (rs2's value, or the immediate), and the result c, as halves.
 *
 * <p><b>Constraints.</b> ADD and ADDI: a + b = c + 2^32·k, as two limb equations whose carries
 * k0 = (a0 + b0 − c0) / 2^16 and k1 = (a1 + b1 + k0 − c1) / 2^16 are Boolean; SUB the same with a and c swapped
 * (c + b = a + 2^32·k). ADDI: b = (imm_lo, imm_hi). Degree 3 (flag · carry · (carry − 1)).
 *
 * <p><b>Soundness.</b> a and b are received register versions (valid halves) or the program's immediate; c's halves
 * are range-checked; so each limb equation is an integer equation (|terms| &lt; 2^18 ≪ p) and a Boolean carry makes
 * c the true sum (difference) modulo 2^32. {@code writes_rd} is Boolean, zero off real rows, and fixed by the
 * fetch on real rows, so x0 is never written and padding rows make no access.
 */
public final class AddChip extends AluChip {
  private static final Expr INV_2_16 = Expr.constant(dev.rivet.field.BabyBear.inv(1 << 16));

  private final Column aLo = column("a_lo");
  private final Column aHi = column("a_hi");
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final Column cLo = column("c_lo");
  private final Column cHi = column("c_hi");

  /** The chip, sending its range checks to {@code bytes}. */
  public AddChip(ByteTable bytes) {
    super("rv32_add", bytes, Opcode.ADD, Opcode.SUB, Opcode.ADDI);
    connect(aLo, aHi, bLo, bHi, cLo, cHi);
    bytes.lookup(onReal(), cLo);
    bytes.lookup(onReal(), cHi);

    Expr addCarry0 = aLo.plus(bLo).minus(cLo).times(INV_2_16);
    Expr addCarry1 = aHi.plus(bHi).plus(addCarry0).minus(cHi).times(INV_2_16);
    Expr adds = flag(Opcode.ADD).plus(flag(Opcode.ADDI));
    when(adds).assertBool("ADD: the low carry is a bit", addCarry0);
    when(adds).assertBool("ADD: the high carry is a bit", addCarry1);
    Expr subBorrow0 = cLo.plus(bLo).minus(aLo).times(INV_2_16);
    Expr subBorrow1 = cHi.plus(bHi).plus(subBorrow0).minus(aHi).times(INV_2_16);
    Column isSub = flag(Opcode.SUB);
    when(isSub).assertBool("SUB: the low borrow is a bit", subBorrow0);
    when(isSub).assertBool("SUB: the high borrow is a bit", subBorrow1);
  }

  @Override
  protected void fillCore(Trace t, int row, int op, int a, int b) {
    Words.fillHalves(t, row, aLo, aHi, a);
    Words.fillHalves(t, row, bLo, bHi, b);
    Words.fillHalves(t, row, cLo, cHi, op == Opcode.SUB ? a - b : a + b);
  }
}
