package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Opcode;

/**
 * ADD, SUB and ADDI: {@code rd = rs1 ± rs2} or {@code rd = rs1 + imm}, modulo 2^32, on 16-bit halves.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s; one-hot flags {@code is_add}, {@code is_sub}, {@code is_addi};
 * the fetched fields {@code rd}, {@code rs1}, {@code rs2}, {@code imm_lo}, {@code imm_hi}, {@code writes_rd};
 * the operands a = rs1's value and b (rs2's value, or the immediate), and the result c, as halves.
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
public final class AddChip extends InstructionChip {
  private static final Expr INV_2_16 = Expr.constant(dev.rivet.field.BabyBear.inv(1 << 16));

  private final Adapter adapter;
  private final Column isAdd = column("is_add");
  private final Column isSub = column("is_sub");
  private final Column isAddi = column("is_addi");
  private final Column rd = column("rd");
  private final Column rs1 = column("rs1");
  private final Column rs2 = column("rs2");
  private final Column immLo = column("imm_lo");
  private final Column immHi = column("imm_hi");
  private final Column writesRd = column("writes_rd");
  private final Column aLo = column("a_lo");
  private final Column aHi = column("a_hi");
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final Column cLo = column("c_lo");
  private final Column cHi = column("c_hi");
  private final Adapter.Access rs1Read;
  private final Adapter.Access rs2Read;
  private final Adapter.Access rdWrite;

  /** The chip, sending its range checks to {@code bytes}. */
  public AddChip(ByteTable bytes) {
    super("rv32_add");
    for (Column flag : new Column[] {isAdd, isSub, isAddi}) {
      assertBool(flag.name() + " is a bit", flag);
    }
    Expr real = isAdd.plus(isSub).plus(isAddi);
    assertBool("one operation per row", real);
    assertBool("writes_rd is a bit", writesRd);
    assertZero("padding rows write no register", writesRd.times(real.not()));
    adapter = new Adapter(this, real, bytes);
    adapter.state(adapter.pc.plus(4));
    adapter.fetch(isAdd.times(Opcode.ADD).plus(isSub.times(Opcode.SUB)).plus(isAddi.times(Opcode.ADDI)),
        rd, rs1, rs2, immLo, immHi, writesRd);
    rs1Read = adapter.readRegister("rs1", 0, rs1, aLo, aHi, real);
    rs2Read = adapter.readRegister("rs2", 1, rs2, bLo, bHi, isAdd.plus(isSub));
    rdWrite = adapter.writeRegister("rd", 3, rd, cLo, cHi, writesRd);
    bytes.lookup(adapter.onReal(), cLo);
    bytes.lookup(adapter.onReal(), cHi);
    adapter.finish();

    when(isAddi).assertEq("ADDI: b is the immediate's low half", bLo, immLo);
    when(isAddi).assertEq("ADDI: b is the immediate's high half", bHi, immHi);
    Expr addCarry0 = aLo.plus(bLo).minus(cLo).times(INV_2_16);
    Expr addCarry1 = aHi.plus(bHi).plus(addCarry0).minus(cHi).times(INV_2_16);
    Expr adds = isAdd.plus(isAddi);
    when(adds).assertBool("ADD: the low carry is a bit", addCarry0);
    when(adds).assertBool("ADD: the high carry is a bit", addCarry1);
    Expr subBorrow0 = cLo.plus(bLo).minus(aLo).times(INV_2_16);
    Expr subBorrow1 = cHi.plus(bHi).plus(subBorrow0).minus(aHi).times(INV_2_16);
    when(isSub).assertBool("SUB: the low borrow is a bit", subBorrow0);
    when(isSub).assertBool("SUB: the high borrow is a bit", subBorrow1);
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.ADD, Opcode.SUB, Opcode.ADDI};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(op == Opcode.ADD ? isAdd : op == Opcode.SUB ? isSub : isAddi, row, 1);
    int rdIndex = code.rd(pc);
    t.set(rd, row, rdIndex);
    t.set(rs1, row, code.rs1(pc));
    t.set(rs2, row, code.rs2(pc));
    int b;
    if (op == Opcode.ADDI) {
      b = code.imm(pc);
      t.set(immLo, row, b & 0xffff);
      t.set(immHi, row, b >>> 16);
      rs2Read.skip(t, row);
    } else {
      b = record.rs2Value(cycle);
      rs2Read.fill(t, row, record.rs2PrevTimestamp(cycle));
    }
    int a = record.rs1Value(cycle);
    Words.fillHalves(t, row, aLo, aHi, a);
    Words.fillHalves(t, row, bLo, bHi, b);
    Words.fillHalves(t, row, cLo, cHi, op == Opcode.SUB ? a - b : a + b);
    rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    if (rdIndex != 0) {
      t.set(writesRd, row, 1);
      rdWrite.fill(t, row, record.rdPrevTimestamp(cycle), record.rdPrevValue(cycle));
    } else {
      rdWrite.skip(t, row);
    }
  }
}
