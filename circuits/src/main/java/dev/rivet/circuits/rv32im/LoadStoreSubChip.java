package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.Opcode;

/**
 * LB, LH, LBU, LHU, SB, SH: byte and halfword loads (sign- or zero-extended) and stores, each a whole-word access
 * of memory that reads or changes only the addressed lanes.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link Adapter}'s; one-hot flags {@code is_lb}, {@code is_lh}, {@code is_lbu},
 * {@code is_lhu}, {@code is_sb}, {@code is_sh}; the fetched {@code rd}, {@code rs1}, {@code rs2},
 * {@code writes_rd}; the lane bits {@code lane0}, {@code lane1} and {@link UserAddress}'s columns with lane offset
 * 2·lane1 + lane0, so the byte address is 4·w + 2·lane1 + lane0 for the word index w; the word before the access
 * (the adapter's {@code mem_prev_lo}, {@code mem_prev_hi}) with its bytes m0, m2 as columns and
 * m1 = (prev_lo − m0)/256, m3 = (prev_hi − m2)/256 as expressions; the addressed half's bytes {@code hb0},
 * {@code hb1}; the addressed unit {@code val} (byte or half); the sign bits {@code sign_b} (LB) and {@code sign_h}
 * (LH) with {@code rest}, val without its sign bit, scaled to 16 bits; for stores rs2's value {@code b_lo},
 * {@code b_hi} and its low byte {@code s0}; the change {@code delta} of the addressed half and the word after the
 * access {@code new_lo}, {@code new_hi}; UserAddress's store guard {@code below_code}, {@code code_gap_lo},
 * {@code code_gap_hi}. 49 columns. Public values {@code code_start_word}, {@code code_end_word}: the code region's
 * word bounds.
 *
 * <p><b>Constraints</b> (degree ≤ 3).
 * <ul>
 *   <li>lanes Boolean; halfword operations (LH, LHU, SH) have lane0 = 0: natural alignment;</li>
 *   <li>hb0 = (1 − lane1)·m0 + lane1·m2, hb1 = (1 − lane1)·m1 + lane1·m3;</li>
 *   <li>byte operations: val = (1 − lane0)·hb0 + lane0·hb1; halfword operations: val = hb0 + 256·hb1;</li>
 *   <li>sign_b, sign_h Boolean and 0 off LB (LH) rows; LB: 512·val = rest + 2^16·sign_b; LH:
 *       2·val = rest + 2^16·sign_h; rest ∈ [0, 2^16) on LB and LH rows;</li>
 *   <li>loads: delta = 0; SB: delta = (1 + 255·lane0)·(s0 − val); SH: delta = b_lo − (hb0 + 256·hb1);
 *       always new_lo = prev_lo + (1 − lane1)·delta and new_hi = prev_hi + lane1·delta.</li>
 * </ul>
 *
 * <p><b>Accesses and lookups.</b> rs1 read (slot 0, ×real, value a); rs2 read (slot 1, ×stores, value b); the memory
 * word w at slot 2 from (prev_lo, prev_hi) to (new_lo, new_hi), ×real (a read for loads, as delta = 0); rd written
 * at slot 3 with (val + 0xFF00·sign_b, 0xFFFF·(sign_b + sign_h)), ×writes_rd. Byte pairs (m0, m1), (m2, m3) on real
 * rows and (s0, (b_lo − s0)/256) on stores; U16(rest) on LB and LH rows; the code gap's three U16 lookups on
 * stores. Interactions: state 2, fetch 1, accesses 8, their order checks 6, address 4, bytes 3, sign 1, code gap 3:
 * 28, so about 49 + 2·28 = 105 cells per row. Every message field and multiplicity is linear.
 *
 * <p><b>Soundness.</b> The address is exact and in user memory ({@link UserAddress}; the lane offset is below 4 as the
 * lanes are Boolean), and a store's word is outside the code region, as the executor requires (UserAddress). The
 * previous word is a received version, so its halves are 16-bit, and the byte checks make m0..m3 its true bytes; with
 * Boolean lanes hb0, hb1 are the addressed half's bytes and val the addressed byte or half, an integer below 2^8
 * (2^16). LB: 512·val − 2^16·sign_b lies in [0, 2^16) only for the true bit 7 of val (512·val &lt; 2^17, and a negative
 * difference is a field element above p − 2^17); LH likewise with bit 15. So rd receives the sign- or zero-extended
 * unit, whose halves are 16-bit without a check. A load's word is unchanged. SB (SH) replaces exactly the addressed
 * byte (half) by s0, rs2's true low byte (by b_lo): with lane1 = 0 the new low half is s0 + 256·m1 (lane0 = 0) or m0 +
 * 256·s0 (lane0 = 1), the high half unchanged, and symmetrically for lane1 = 1; every new half is thus made of checked
 * bytes (or is b_lo, a received half), so the write needs no further range check. writes_rd is Boolean, zero off real
 * rows, and fixed by the fetch (0 for stores and rd = x0).
 */
public final class LoadStoreSubChip extends InstructionChip {
  private static final Expr INV_256 = Expr.constant(BabyBear.inv(256));

  private final Adapter adapter;
  private final Column isLb = column("is_lb");
  private final Column isLh = column("is_lh");
  private final Column isLbu = column("is_lbu");
  private final Column isLhu = column("is_lhu");
  private final Column isSb = column("is_sb");
  private final Column isSh = column("is_sh");
  private final LoadStoreOperands operands = new LoadStoreOperands(this);
  private final Column lane0 = column("lane0");
  private final Column lane1 = column("lane1");
  private final Column m0 = column("m0");
  private final Column m2 = column("m2");
  private final Column hb0 = column("hb0");
  private final Column hb1 = column("hb1");
  private final Column val = column("val");
  private final Column signB = column("sign_b");
  private final Column signH = column("sign_h");
  private final Column rest = column("rest");
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final Column s0 = column("s0");
  private final Column delta = column("delta");
  private final Column newLo = column("new_lo");
  private final Column newHi = column("new_hi");

  /** The chip, sending its range checks to {@code bytes}. */
  public LoadStoreSubChip(ByteTable bytes) {
    super("rv32_mem_sub");
    Column[] flags = {isLb, isLh, isLbu, isLhu, isSb, isSh};
    int[] ops = {Opcode.LB, Opcode.LH, Opcode.LBU, Opcode.LHU, Opcode.SB, Opcode.SH};
    Expr real = Adapter.oneHot(this, flags);
    Expr opcode = Expr.ZERO;
    for (int i = 0; i < flags.length; i++) {
      opcode = opcode.plus(flags[i].times(ops[i]));
    }
    Expr loads = isLb.plus(isLh).plus(isLbu).plus(isLhu);
    Expr stores = isSb.plus(isSh);
    Expr byteOps = isLb.plus(isLbu).plus(isSb);
    Expr halfOps = isLh.plus(isLhu).plus(isSh);

    adapter = new Adapter(this, real, bytes);
    adapter.writesRd(operands.writesRd);
    assertBool("lane0 is a bit", lane0);
    assertBool("lane1 is a bit", lane1);
    when(halfOps).assertZero("halfword accesses are 2-aligned", lane0);
    operands.connect(adapter, bytes, lane1.times(2).plus(lane0), stores, opcode, bLo, bHi, newLo, newHi,
        val.plus(signB.times(0xff00)), signB.plus(signH).times(0xffff));
    Adapter.Access memAccess = operands.memAccess();

    // The old word's bytes, and the addressed half's.
    Expr m1 = memAccess.prevLo().minus(m0).times(INV_256);
    Expr m3 = memAccess.prevHi().minus(m2).times(INV_256);
    bytes.bytes(adapter.onReal(), m0, m1);
    bytes.bytes(adapter.onReal(), m2, m3);
    Expr keepLo = lane1.not();
    assertEq("hb0 is the addressed half's low byte", hb0, keepLo.times(m0).plus(lane1.times(m2)));
    assertEq("hb1 is the addressed half's high byte", hb1, keepLo.times(m1).plus(lane1.times(m3)));
    Expr half = hb0.plus(hb1.times(256));
    when(byteOps).assertEq("val is the addressed byte", val, lane0.not().times(hb0).plus(lane0.times(hb1)));
    when(halfOps).assertEq("val is the addressed half", val, half);

    // Sign extension: the sign bit of val, proved by the rest below it fitting 7 (15) bits, scaled to 16.
    assertBool("sign_b is a bit", signB);
    assertBool("sign_h is a bit", signH);
    assertZero("only LB sign-extends a byte", signB.times(isLb.not()));
    assertZero("only LH sign-extends a half", signH.times(isLh.not()));
    when(isLb).assertEq("LB: val = sign_b·2^7 + rest/2^9", val.times(512), rest.plus(signB.times(1 << 16)));
    when(isLh).assertEq("LH: val = sign_h·2^15 + rest/2", val.times(2), rest.plus(signH.times(1 << 16)));
    bytes.lookup(when(isLb.plus(isLh)), rest);

    // The new word: the addressed half changes by delta, the other half not at all.
    bytes.bytes(when(stores), s0, bLo.minus(s0).times(INV_256));
    assertZero("loads leave the word unchanged", loads.times(delta));
    when(isSb).assertEq("SB: the addressed byte becomes s0", delta, lane0.times(255).plus(1).times(s0.minus(val)));
    when(isSh).assertEq("SH: the addressed half becomes b_lo", delta, bLo.minus(half));
    assertEq("the new low half", newLo, memAccess.prevLo().plus(keepLo.times(delta)));
    assertEq("the new high half", newHi, memAccess.prevHi().plus(lane1.times(delta)));
    adapter.finish();
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.LB, Opcode.LH, Opcode.LBU, Opcode.LHU, Opcode.SB, Opcode.SH};
  }

  @Override
  protected void fillPublic(Trace trace, DecodedCode code) {
    operands.fillPublic(trace, code);
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(switch (op) {
      case Opcode.LB -> isLb;
      case Opcode.LH -> isLh;
      case Opcode.LBU -> isLbu;
      case Opcode.LHU -> isLhu;
      case Opcode.SB -> isSb;
      default -> isSh;
    }, row, 1);
    boolean store = op == Opcode.SB || op == Opcode.SH;
    int access = record.accessOf(cycle);
    int addr = operands.fill(t, row, record, code, cycle, access, store);
    int l0 = addr & 1;
    int l1 = (addr >>> 1) & 1;
    t.set(lane0, row, l0);
    t.set(lane1, row, l1);

    int old = record.accessPrevValue(access);
    Words.fillHalves(t, row, newLo, newHi, record.accessValue(access));
    t.set(m0, row, old & 0xff);
    t.set(m2, row, (old >>> 16) & 0xff);
    int oldHalf = l1 == 1 ? old >>> 16 : old & 0xffff;
    t.set(hb0, row, oldHalf & 0xff);
    t.set(hb1, row, oldHalf >>> 8);
    boolean byteOp = op == Opcode.LB || op == Opcode.LBU || op == Opcode.SB;
    int unit = byteOp ? (oldHalf >>> (8 * l0)) & 0xff : oldHalf;
    t.set(val, row, unit);

    if (store) {
      int b = record.rs2Value(cycle);
      Words.fillHalves(t, row, bLo, bHi, b);
      t.set(s0, row, b & 0xff);
      t.set(delta, row, op == Opcode.SB ? (l0 == 1 ? 256 : 1) * ((b & 0xff) - unit) : (b & 0xffff) - oldHalf);
    } else if (op == Opcode.LB) {
      t.set(signB, row, unit >>> 7);
      t.set(rest, row, 512 * unit - ((unit >>> 7) << 16));
    } else if (op == Opcode.LH) {
      t.set(signH, row, unit >>> 15);
      t.set(rest, row, 2 * unit - ((unit >>> 15) << 16));
    }
  }
}
