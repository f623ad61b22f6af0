package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.IsZero;
import dev.rivet.exec.ExecutionRecord;
import dev.rivet.isa.Opcode;
import java.util.List;
import java.util.stream.Stream;

/**
 * DIV, DIVU, REM and REMU: the quotient (DIV, DIVU) or remainder (REM, REMU) of rs1 by rs2, signed (DIV, REM,
 * rounding towards zero) or unsigned, with RISC-V's special cases: by zero the quotient is all ones and the
 * remainder the dividend; INT_MIN / −1 gives INT_MIN remainder 0.
 *
 * <h2>Design note</h2>
 *
 * <p>The row holds the quotient and remainder as witnesses and proves a = b·q + r with |r| &lt; |b| and the sign
 * of r that of a (or r = 0), by multiplication; nothing divides in the constraints.
 *
 * <p><b>Columns (54).</b> The {@link Adapter}'s with the {@link RegisterOperands} (14); one-hot flags {@code is_div},
 * {@code is_divu}, {@code is_rem}, {@code is_remu}; bytes {@code a[4]} (rs1), {@code b[4]} (rs2), {@code q[4]},
 * {@code r[4]}; the top bits {@code msb_a}, {@code msb_b}; the signs {@code b_neg}, {@code q_neg}, {@code r_neg};
 * {@code b_zero} with its inverse witness ({@code IsZero} of Σ b_i); the product carries {@code k[8]}; the
 * comparison's difference {@code d_lo}, {@code d_hi} and carry {@code d_carry}; the written halves {@code c_lo},
 * {@code c_hi}.
 *
 * <p><b>The integers.</b> With s = is_div + is_rem (signed) and a_neg = msb_a·s: A = a − 2^32·a_neg,
 * B = b − 2^32·b_neg, Q = q − 2^32·q_neg, R = r − 2^32·r_neg, each spelled as 8 bytes (the word, then 255·sign).
 *
 * <p><b>Constraints.</b>
 * <ol>
 *   <li>Flags, top bits, q_neg, r_neg, writes_rd Boolean; one flag at most; no write on padding.</li>
 *   <li>b_neg = msb_b·s; q_neg·(is_divu + is_remu) = 0; r_neg·(1 − a_neg) = 0 and (a_neg − r_neg)·r_i = 0: R is
 *       negative only for a negative A, and for a negative A it is negative or (r = 0, r_neg = 0) zero.</li>
 *   <li>{@link ByteProduct#assertProduct}: B·Q + R ≡ A (mod 2^64).</li>
 *   <li>b = 0 (b_zero): q_i = 255.</li>
 *   <li>b ≠ 0 (real − b_zero): |R| &lt; |B|. In one's complement, b̃ = b + b_neg·(2^32 − 1 − 2b) (per half) is
 *       |B| − b_neg, and r̃ likewise |R| − r_neg, both valid words; so |R| &lt; |B| iff
 *       r̃ + (1 + r_neg − b_neg) + d = b̃ for some d ∈ [0, 2^32). Two half equations with the carry
 *       d_carry ∈ {0, 1, 2} (degree 3) and no carry out of the top; d's halves are 16-bit lookups.</li>
 *   <li>c = q's halves under is_div + is_divu, r's under is_rem + is_remu; rd is written (c_lo, c_hi).</li>
 * </ol>
 *
 * <p><b>Interactions (33).</b> Adapter 14; byte pairs for a, b, q, r (8); top bits (1); U16 of each carry (8) and
 * of d's halves (2).
 *
 * <p><b>Soundness.</b> a and b are range-checked bytes, so they decompose the registers uniquely; msb_a, msb_b are
 * their top bits, so A and B are the operands as the operation reads them, and b_zero is exactly b = 0. q and r are
 * range-checked bytes and the signs are bits, so B·Q + R − A is an integer D ≡ 0 (mod 2^64). It is 0:
 * <ul>
 *   <li>b = 0: D = R − A with |R|, |A| ≤ 2^32, so |D| ≤ 2^33 &lt; 2^64; R = A, and q is forced to all ones: the
 *       specified results (Q itself is free, as B·Q = 0; the written word is q).</li>
 *   <li>unsigned, b ≠ 0: q_neg = 0 and r_neg = 0 (a_neg = 0), so A, B, Q, R ∈ [0, 2^32) and with R &lt; B,
 *       B·Q + R &lt; 2^64: D ∈ (−2^32, 2^64).</li>
 *   <li>signed, b ≠ 0: |B| ≤ 2^31, |Q| ≤ 2^32, |R| &lt; |B|, |A| ≤ 2^31, so |D| ≤ 2^63 + 2^32 &lt; 2^64.</li>
 * </ul>
 * So A = B·Q + R over the integers with |R| &lt; |B| and R zero or of A's sign: that pins (Q, R) to the truncated
 * quotient and remainder (of the two candidates with |R| &lt; |B|, at most one has R zero or of A's sign). Q's
 * pair (q, q_neg) is unique, and q = Q mod 2^32 is the result, INT_MIN / −1 included: there Q = +2^31 with
 * q_neg = 0, q = 0x80000000, which is why Q carries its own sign column rather than q's top bit. The comparison's
 * half equations are integer equations (terms below 2^18), b̃, r̃ halves lie in [0, 2^16), d's halves are checked,
 * so they prove the integer equation above. c's halves are sums of checked bytes; the fetch fixes flag, rd, rs1,
 * rs2 and writes_rd.
 *
 * <p><b>Cost.</b> 54 columns + 2·33 interaction cells = <b>120 cells</b> per row.
 */
public final class DivChip extends InstructionChip {
  private static final int HALF_ONES = 0xffff;

  private final Adapter adapter;
  private final Column isDiv = column("is_div");
  private final Column isDivu = column("is_divu");
  private final Column isRem = column("is_rem");
  private final Column isRemu = column("is_remu");
  private final List<Column> a = columns("a", 4);
  private final List<Column> b = columns("b", 4);
  private final List<Column> q = columns("q", 4);
  private final List<Column> r = columns("r", 4);
  private final Column msbA = column("msb_a");
  private final Column msbB = column("msb_b");
  private final Column bNeg = column("b_neg");
  private final Column qNeg = column("q_neg");
  private final Column rNeg = column("r_neg");
  private final List<Column> k = columns("k", ByteProduct.LIMBS);
  private final Column dLo = column("d_lo");
  private final Column dHi = column("d_hi");
  private final Column dCarry = column("d_carry");
  private final Column cLo = column("c_lo");
  private final Column cHi = column("c_hi");
  private final IsZero bZero;
  private final RegisterOperands registers;

  /** The chip, sending its range checks to {@code bytes}. */
  public DivChip(ByteTable bytes) {
    super("rv32_div");
    for (Column bit : new Column[] {msbA, msbB, qNeg, rNeg}) {
      assertBool(bit.name() + " is a bit", bit);
    }
    Expr real = Adapter.oneHot(this, isDiv, isDivu, isRem, isRemu);
    adapter = new Adapter(this, real, bytes);
    Expr opcode = isDiv.times(Opcode.DIV).plus(isDivu.times(Opcode.DIVU)).plus(isRem.times(Opcode.REM))
        .plus(isRemu.times(Opcode.REMU));
    registers = new RegisterOperands(adapter, opcode, ByteProduct.half(a, 0), ByteProduct.half(a, 1),
        ByteProduct.half(b, 0), ByteProduct.half(b, 1), cLo, cHi);
    bytes.bytes(adapter.onReal(), Stream.of(a, b, q, r).flatMap(List::stream).toList());
    ByteProduct.assertTopBits(adapter.onReal(), bytes, a.get(3), msbA, b.get(3), msbB);
    bytes.lookup(adapter.onReal(), dLo);
    bytes.lookup(adapter.onReal(), dHi);

    Expr signed = isDiv.plus(isRem);
    Expr aNeg = msbA.times(signed);
    assertEq("b_neg is b's sign where signed", bNeg, msbB.times(signed));
    assertZero("unsigned: the quotient is not negative", qNeg.times(isDivu.plus(isRemu)));
    assertZero("a negative remainder needs a negative dividend", rNeg.times(aNeg.not()));
    for (int i = 0; i < 4; i++) {
      assertZero("a negative dividend's remainder is negative or zero, byte " + i, aNeg.minus(rNeg).times(r.get(i)));
    }
    ByteProduct.assertProduct(this, adapter.onReal(), bytes, ByteProduct.extend(b, bNeg),
        ByteProduct.extend(q, qNeg), ByteProduct.extend(r, rNeg), ByteProduct.extend(a, aNeg), k);

    bZero = IsZero.of(adapter.onReal(), "b_zero", b.get(0).plus(b.get(1)).plus(b.get(2)).plus(b.get(3)));
    for (int i = 0; i < 4; i++) {
      when(bZero.out()).assertEq("by zero: the quotient is all ones, byte " + i, q.get(i), 255);
    }

    ConstraintScope nonzero = when(real.minus(bZero.out()));
    Expr c0 = rNeg.plus(1).minus(bNeg);
    Expr low = ones(r, 0, rNeg).plus(dLo).plus(c0).minus(ones(b, 0, bNeg)).minus(dCarry.times(1 << 16));
    Expr high = ones(r, 1, rNeg).plus(dHi).plus(dCarry).minus(ones(b, 1, bNeg));
    nonzero.assertZero("|r| < |b|: low half", low);
    nonzero.assertZero("|r| < |b|: high half, no carry out", high);
    assertZero("d_carry is 0, 1 or 2", dCarry.times(dCarry.minus(1)).times(dCarry.minus(2)));

    Expr quotient = isDiv.plus(isDivu);
    Expr remainder = isRem.plus(isRemu);
    when(quotient).assertEq("DIV: c is q's low half", cLo, ByteProduct.half(q, 0));
    when(quotient).assertEq("DIV: c is q's high half", cHi, ByteProduct.half(q, 1));
    when(remainder).assertEq("REM: c is r's low half", cLo, ByteProduct.half(r, 0));
    when(remainder).assertEq("REM: c is r's high half", cHi, ByteProduct.half(r, 1));
    adapter.finish();
  }

  /** Half {@code i} of the word {@code bytes} in one's complement where {@code neg}: v + neg·(0xFFFF − 2v). */
  private static Expr ones(List<Column> bytes, int i, Expr neg) {
    Expr v = ByteProduct.half(bytes, i);
    return v.plus(neg.times(Expr.constant(HALF_ONES).minus(v.times(2))));
  }

  @Override
  public int[] opcodes() {
    return new int[] {Opcode.DIV, Opcode.DIVU, Opcode.REM, Opcode.REMU};
  }

  @Override
  protected void fillRow(Trace t, int row, ExecutionRecord record, DecodedCode code, int cycle) {
    int pc = record.pc(cycle);
    int op = code.opcode(pc);
    adapter.fillState(t, row, pc, cycle);
    t.set(op == Opcode.DIV ? isDiv : op == Opcode.DIVU ? isDivu : op == Opcode.REM ? isRem : isRemu, row, 1);
    int x = record.rs1Value(cycle);
    int y = record.rs2Value(cycle);
    boolean signed = op == Opcode.DIV || op == Opcode.REM;
    int quotient;
    int remainder;
    if (y == 0) {
      quotient = -1;
      remainder = x;
    } else if (signed) {
      quotient = x / y; // Java's int division truncates and wraps INT_MIN / −1 to INT_MIN, as RISC-V specifies
      remainder = x % y;
    } else {
      quotient = Integer.divideUnsigned(x, y);
      remainder = Integer.remainderUnsigned(x, y);
    }
    boolean negativeQuotient = signed && (y == 0 || (quotient != 0 && (x ^ y) < 0));
    fillDivision(t, row, op == Opcode.DIV || op == Opcode.DIVU, signed, x, y, quotient, negativeQuotient,
        remainder, signed && remainder < 0);
    registers.fill(t, row, record, code, cycle);
  }

  /**
   * Writes the core columns of {@code row} (not the flags) for dividend {@code x}, divisor {@code y}, quotient
   * {@code quotient} and remainder {@code remainder} (each minus 2^32 where {@code negativeQuotient},
   * {@code negativeRemainder}),
   * writing the quotient to c if {@code writesQuotient}. Package-private so that tests can forge a row
   * consistently; the product's carries must exist (x ≡ y·Q + R mod 2^64), the comparison is filled as if it held.
   */
  void fillDivision(Trace t, int row, boolean writesQuotient, boolean signed, int x, int y, int quotient,
      boolean negativeQuotient, int remainder, boolean negativeRemainder) {
    boolean negativeDivisor = signed && y < 0;
    long dividend = signed ? x : x & 0xffffffffL;
    long divisor = signed ? y : y & 0xffffffffL;
    long quot = (quotient & 0xffffffffL) - (negativeQuotient ? 1L << 32 : 0);
    long rem = (remainder & 0xffffffffL) - (negativeRemainder ? 1L << 32 : 0);
    ByteProduct.fillBytes(t, row, a, x);
    ByteProduct.fillBytes(t, row, b, y);
    ByteProduct.fillBytes(t, row, q, quotient);
    ByteProduct.fillBytes(t, row, r, remainder);
    t.set(msbA, row, x >>> 31);
    t.set(msbB, row, y >>> 31);
    t.set(bNeg, row, negativeDivisor ? 1 : 0);
    t.set(qNeg, row, negativeQuotient ? 1 : 0);
    t.set(rNeg, row, negativeRemainder ? 1 : 0);
    ByteProduct.fillCarries(t, row, k, divisor, quot, rem, dividend);
    bZero.fill(t, row, (y & 0xff) + ((y >>> 8) & 0xff) + ((y >>> 16) & 0xff) + (y >>> 24));
    Words.fillHalves(t, row, cLo, cHi, writesQuotient ? quotient : remainder);
    if (y != 0) {
      int d = (int) (Math.abs(divisor) - Math.abs(rem) - 1);
      int bOnes = negativeDivisor ? ~y : y;
      int rOnes = negativeRemainder ? ~remainder : remainder;
      Words.fillHalves(t, row, dLo, dHi, d);
      long low = (rOnes & 0xffff) + (d & 0xffff) + (negativeRemainder ? 1 : 0) + 1 - (negativeDivisor ? 1 : 0)
          - (bOnes & 0xffff);
      t.set(dCarry, row, low >> 16);
    } else {
      Words.fillHalves(t, row, dLo, dHi, 0);
      t.set(dCarry, row, 0);
    }
  }
}
