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
 * JAL and JALR: {@code rd = pc + 4}, and the next pc is {@code pc + offset} (JAL) or {@code (rs1 + imm) & ~1}
 * (JALR).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s, with rs1's read (slot 0, JALR rows only) and rd's write (slot 3);
 * flags {@code is_jal}, {@code is_jalr}; the fetched fields {@code rd}, {@code rs1}, {@code imm_lo},
 * {@code imm_hi}, {@code writes_rd} (for JAL imm_lo is the signed offset as a field element and rs1 = imm_hi = 0;
 * for JALR the immediate's halves); rs1's value a as halves {@code a_lo}, {@code a_hi}; the link's low half
 * {@code link_lo} (its high half is the expression link_hi = (pc + 4 − link_lo)/2^16); the target's halves as
 * {@code target_half} = target_lo/2 and {@code target_hi}; {@code bit}, the low bit JALR drops.
 *
 * <p><b>Constraints.</b> The next pc is target = 2·target_half + 2^16·target_hi on every row. JAL: target = pc +
 * imm_lo (degree 2). JALR: a + imm = (2·target_half + bit) + 2^16·target_hi + 2^32·k1 limb by limb, the carries
 * k0 = (a_lo + imm_lo − 2·target_half − bit)/2^16 and k1 = (a_hi + imm_hi + k0 − target_hi)/2^16 Boolean (degree 3
 * with the flag); {@code bit} Boolean. rd receives (link_lo, link_hi).
 *
 * <p><b>Interactions.</b> Adapter: state 2, fetch 1, rs1 read 2, rd write 2, timestamp lookups 3; U16(link_lo),
 * U16(link_hi), U16(2^14 − link_hi); RC_15(target_half) and RC_14(target_hi), two lookups each: 17 interactions and
 * 21 columns, about 55 cells.
 *
 * <p><b>Soundness.</b> <i>Link.</i> pc is fetched, so 4-aligned and below 2^30, and pc + 4 ≤ 2^30. link_lo &lt; 2^16
 * and link_hi ∈ [0, 2^14] (the two lookups: below 2^16, and 2^14 − link_hi not wrapped to near p) make
 * link_lo + 2^16·link_hi an integer below p, equal to pc + 4 in the field, so (link_lo, link_hi) are the true halves
 * of pc + 4, both valid halves: what rd receives is range-checked. (link_hi may be 2^14 exactly: a jump in the last
 * code word below 2^30 links to 2^30.)
 * <i>Target.</i> target_half &lt; 2^15 and target_hi &lt; 2^14 make the target an even integer below 2^30, one
 * field element that cannot alias another. JAL: the true target pc + offset lies in (−2^20, 2^30 + 2^20); it equals
 * the row's target in the field only if it is the same integer, so a JAL whose target leaves [0, 2^30) has no row
 * (the executor traps there too, fetching outside the code). JALR: a is a received register version (valid halves),
 * imm the program's halves, and 2·target_half + bit &lt; 2^16, target_hi &lt; 2^16, so the limb equations are
 * integer equations and the Boolean carries make (2·target_half + bit, target_hi) the halves of (a + imm) mod 2^32
 * with {@code bit} its low bit: the next pc is (a + imm) &amp; ~1, provided it is below 2^30. A larger target is no
 * code address (the program table ends below 2^30) and the executor traps on it, so no real run needs it. An
 * unaligned target has no program row either. Operation and fields are fixed by the fetch (Σ flag·opcode over the
 * one-hot flags); {@code writes_rd} is Boolean, zero on padding rows and fixed by the fetch on real ones, so x0 is
 * never written and rd = rs1 works as any read followed by a later write (slots 0 and 3). {@code bit} takes part in
 * JALR's equation only; JAL rows leave it 0.
 */
public final class JumpChip extends InstructionChip {
  private static final Expr INV_2_16 = Expr.constant(BabyBear.inv(1 << 16));

  private final Adapter adapter;
  private final Column isJal = column("is_jal");
  private final Column isJalr = column("is_jalr");
  private final Column rd = column("rd");
  private final Column rs1 = column("rs1");
  private final Column immLo = column("imm_lo");
  private final Column immHi = column("imm_hi");
  private final Column writesRd = column("writes_rd");
  private final Column aLo = column("a_lo");
  private final Column aHi = column("a_hi");
  private final Column linkLo = column("link_lo");
  private final Column targetHalf = column("target_half");
  private final Column targetHi = column("target_hi");
  private final Column bit = column("bit");
  private final Adapter.Access rs1Read;
  private final Adapter.Access rdWrite;

  /** The chip, sending its range checks to {@code bytes}. */
  public JumpChip(ByteTable bytes) {
    super("rv32_jump");
    Expr real = Adapter.oneHot(this, isJal, isJalr);
    adapter = new Adapter(this, real, bytes);
    adapter.writesRd(writesRd);
    assertBool("bit is a bit", bit);
    ConstraintScope onReal = adapter.onReal();
    Expr targetLo = targetHalf.times(2);
    Expr target = targetLo.plus(targetHi.times(1 << 16));
    adapter.state(target);
    adapter.fetch(isJal.times(Opcode.JAL).plus(isJalr.times(Opcode.JALR)), rd, rs1, Expr.ZERO, immLo, immHi,
        writesRd);
    rs1Read = adapter.readRegister("rs1", 0, rs1, aLo, aHi, isJalr);
    Expr linkHi = adapter.pc.plus(4).minus(linkLo).times(INV_2_16);
    rdWrite = adapter.writeRegister("rd", 3, rd, linkLo, linkHi, writesRd);
    bytes.lookup(onReal, linkLo);
    bytes.lookup(onReal, linkHi);
    bytes.lookup(onReal, Expr.constant(1 << 14).minus(linkHi));
    RangeCheck.assertBits(onReal, bytes, targetHalf, 15);
    RangeCheck.assertBits(onReal, bytes, targetHi, 14);
    adapter.finish();

    when(isJal).assertEq("JAL: the target is pc + offset", target, adapter.pc.plus(immLo));
    Expr carry0 = aLo.plus(immLo).minus(targetLo).minus(bit).times(INV_2_16);
    Expr carry1 = aHi.plus(immHi).plus(carry0).minus(targetHi).times(INV_2_16);
    when(isJalr).assertBool("JALR: the low carry is a bit", carry0);
    when(isJalr).assertBool("JALR: the high carry is a bit", carry1);
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.JAL, Opcode.JALR};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    int rdIndex = code.rd(pc);
    int imm = code.imm(pc);
    t.set(rd, row, rdIndex);
    t.set(immLo, row, FetchMessage.immLo(op, imm));
    t.set(immHi, row, FetchMessage.immHi(op, imm));
    int target;
    if (op == Opcode.JAL) {
      t.set(isJal, row, 1);
      target = pc + imm;
      rs1Read.skip(t, row);
    } else {
      t.set(isJalr, row, 1);
      t.set(rs1, row, code.rs1(pc));
      int a = record.rs1Value(cycle);
      Words.fillHalves(t, row, aLo, aHi, a);
      target = a + imm;
      t.set(bit, row, target & 1);
      rs1Read.fill(t, row, record.rs1PrevTimestamp(cycle));
    }
    t.set(targetHalf, row, (target & 0xffff) >>> 1);
    t.set(targetHi, row, target >>> 16);
    t.set(linkLo, row, (pc + 4) & 0xffff);
    rdWrite.fillRd(t, row, record, cycle, rdIndex, writesRd);
  }
}
