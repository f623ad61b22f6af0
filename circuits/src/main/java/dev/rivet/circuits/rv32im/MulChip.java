package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Opcode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * MUL, MULH, MULHSU and MULHU: the low (MUL) or high word of the 64-bit product of rs1 and rs2, each operand taken
 * as signed or unsigned as the operation says (MULH both signed, MULHSU rs1 signed, MULHU and MUL unsigned; the
 * low word does not depend on the signs).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns (44).</b> The {@link Adapter}'s with the {@link RegisterOperands} (14); one-hot flags {@code is_mul},
 * {@code is_mulh}, {@code is_mulhsu}, {@code is_mulhu}; the operands as bytes {@code a[4]}, {@code b[4]}; the
 * product's 8 bytes split as {@code r[4]}, the word written to rd, and {@code o[4]}, the other word (product bytes
 * 0–3 are r on MUL rows and o otherwise); the carries {@code k[8]}; the operands' top bits {@code msb_a},
 * {@code msb_b}. Holding the written word in fixed columns keeps the rd write's fields linear (r0 + 256·r1, …)
 * without two result columns; the choice costs a degree-2 product byte (o + is_mul·(r − o)) inside the limb
 * equations instead.
 *
 * <p><b>Constraints.</b> Flags, {@code msb_a}, {@code msb_b}, {@code writes_rd} Boolean, at most one flag, no write
 * on padding. With a_ext = msb_a·(is_mulh + is_mulhsu) and b_ext = msb_b·is_mulh, the operands extend to 64 bits
 * as (a, 255·a_ext ×4) and (b, 255·b_ext ×4), and {@link ByteProduct#assertProduct} asserts their product ≡ the
 * product bytes (mod 2^64); degree 3 (a byte times an extension). rd's value is (r0 + 256·r1, r2 + 256·r3).
 *
 * <p><b>Interactions (31).</b> Adapter 14; byte pairs for a, b, r, o (8); the top-bit pair (1); U16 for each
 * carry (8).
 *
 * <p><b>Soundness.</b> The a and b bytes are range-checked, so their halves, sent on the rs1 and rs2 reads, are the
 * unique byte decompositions of the registers' values; msb_a and msb_b are their top bits
 * ({@link ByteProduct#assertTopBits}), so a_ext and b_ext are the sign bits exactly where the operation reads an
 * operand as signed and 0 elsewhere: the extended operands are the integers the operation multiplies, modulo 2^64.
 * The r and o bytes are range-checked and the carries 16-bit, so by {@link ByteProduct} the 8 product bytes are
 * the true product modulo 2^64, and r is its low word (MUL) or high word (the others); rd's halves are sums of
 * checked bytes, so no further range check is needed. The fetch fixes the flag (opcode = Σ flag·OP), rd, rs1, rs2
 * and writes_rd; the rs2 read has multiplicity {@code real}, so rs1 = rs2 reads the register twice.
 *
 * <p><b>Cost.</b> 44 columns + 2·31 interaction cells = <b>106 cells</b> per row. Splitting MUL into its own table
 * would drop o, k[4..7] and the top bits (10 columns, 5 interactions: ≈ 20 cells, ≈ 86 per MUL row) at the price of
 * a second table's padding and a second copy of the adapter; at MUL's ≈ 1.5% of cycles that saves ≈ 0.3 cells per
 * cycle, so one table is kept.
 */
public final class MulChip extends InstructionChip {
  private final Adapter adapter;
  private final Column isMul = column("is_mul");
  private final Column isMulh = column("is_mulh");
  private final Column isMulhsu = column("is_mulhsu");
  private final Column isMulhu = column("is_mulhu");
  private final List<Column> a = columns("a", 4);
  private final List<Column> b = columns("b", 4);
  private final List<Column> r = columns("r", 4);
  private final List<Column> o = columns("o", 4);
  private final List<Column> k = columns("k", ByteProduct.LIMBS);
  private final Column msbA = column("msb_a");
  private final Column msbB = column("msb_b");
  private final RegisterOperands registers;

  /** The chip, sending its range checks to {@code bytes}. */
  public MulChip(ByteTable bytes) {
    super("rv32_mul");
    for (Column bit : new Column[] {msbA, msbB}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    Expr real = Adapter.oneHot(this, isMul, isMulh, isMulhsu, isMulhu);
    adapter = new Adapter(this, real, bytes);
    Expr opcode = isMul.times(Opcode.MUL).plus(isMulh.times(Opcode.MULH)).plus(isMulhsu.times(Opcode.MULHSU))
        .plus(isMulhu.times(Opcode.MULHU));
    registers = new RegisterOperands(adapter, opcode, ByteProduct.half(a, 0), ByteProduct.half(a, 1),
        ByteProduct.half(b, 0), ByteProduct.half(b, 1), ByteProduct.half(r, 0), ByteProduct.half(r, 1));
    bytes.bytes(adapter.onReal(), Stream.of(a, b, r, o).flatMap(List::stream).toList());
    ByteProduct.assertTopBits(adapter.onReal(), bytes, a.get(3), msbA, b.get(3), msbB);

    List<Expr> product = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      product.add(o.get(i).plus(isMul.times(r.get(i).minus(o.get(i)))));
    }
    for (int i = 0; i < 4; i++) {
      product.add(r.get(i).plus(isMul.times(o.get(i).minus(r.get(i)))));
    }
    ByteProduct.assertProduct(this, adapter.onReal(), bytes,
        ByteProduct.extend(a, msbA.times(isMulh.plus(isMulhsu))), ByteProduct.extend(b, msbB.times(isMulh)),
        Collections.nCopies(ByteProduct.LIMBS, Expr.ZERO), product, k);
    adapter.finish();
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.MUL, Opcode.MULH, Opcode.MULHSU, Opcode.MULHU};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(op == Opcode.MUL ? isMul : op == Opcode.MULH ? isMulh : op == Opcode.MULHSU ? isMulhsu : isMulhu, row, 1);
    fillProduct(t, row, op == Opcode.MUL, op == Opcode.MULH || op == Opcode.MULHSU, op == Opcode.MULH,
        record.rs1Value(cycle), record.rs2Value(cycle));
    registers.fill(t, row, record, code, cycle);
  }

  /**
   * Writes the core columns of {@code row} for the product of {@code a} and {@code b}, read as signed where
   * {@code signedA} / {@code signedB}, with the low word as the result if {@code low}; the flags are not written.
   * Package-private so that tests can forge a row consistently.
   */
  void fillProduct(Trace t, int row, boolean low, boolean signedA, boolean signedB, int a, int b) {
    long x = signedA ? a : a & 0xffffffffL;
    long y = signedB ? b : b & 0xffffffffL;
    long z = x * y;
    ByteProduct.fillBytes(t, row, this.a, a);
    ByteProduct.fillBytes(t, row, this.b, b);
    ByteProduct.fillBytes(t, row, r, (int) (low ? z : z >>> 32));
    ByteProduct.fillBytes(t, row, o, (int) (low ? z >>> 32 : z));
    t.set(msbA, row, a >>> 31);
    t.set(msbB, row, b >>> 31);
    ByteProduct.fillCarries(t, row, k, x, y, 0, z);
  }
}
