package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.dsl.gadgets.RangeCheck;
import dev.rivet.field.BabyBear;
import dev.rivet.isa.Opcode;
import java.util.List;

/**
 * SLL, SRL, SRA and their immediate forms SLLI, SRLI, SRAI: {@code rd = rs1 << s}, {@code >>> s} or {@code >> s},
 * where s is the low 5 bits of rs2's value (amounts of 32 and more wrap, as RISC-V says) or the immediate's shift
 * amount. Bytes, in the manner of OpenVM's shift core, with our own split of s and of the carries.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link AluChip}'s (16 and 6 flags); a = rs1's value as bytes {@code a[0..3]}; b = rs2's
 * value (or the immediate) as halves {@code b_lo}, {@code b_hi}; s = r + 8·q split into the bits {@code s[0..2]} of
 * the bit shift r and a one-hot byte shift q that also says the direction, {@code left[0..3]} (left shifts) and
 * {@code right[0..3]} (right shifts); {@code pow_m1} = 2^r − 1; one carry per byte {@code k[0..3]}; the result
 * bytes {@code c[0..3]}; {@code sign}, the bit SRA fills with: 49 columns. pow = pow_m1 + 1 (held minus one so that
 * an all-zero padding row satisfies its constraint).
 *
 * <p><b>Constraints</b> (degree ≤ 3, all holding on an all-zero row). s[i], left[q], right[q], sign are Boolean;
 * Σ left = is_sll + is_slli and Σ right = is_srl + is_srli + is_sra + is_srai, so a real row has exactly one marker;
 * pow_m1 = (1 + s0)(1 + 3·s1)(1 + 15·s2) − 1; sign = 0 unless the row is an SRA. With q the marked byte shift:
 * <ul>
 *   <li>left: c[n] = 0 for n &lt; q, and c[n] + 256·k[n−q] = a[n−q]·pow + k[n−q−1] for n ≥ q (k[−1] = 0): k[i] is
 *       the part of a[i]·2^r that spills into the next byte;</li>
 *   <li>right: c[n] = 255·sign for n &gt; 3 − q, and c[n]·pow + k[n+q] = a[n+q] + 256·X[n+q+1] for n ≤ 3 − q, where
 *       X[j] = k[j] for j ≤ 3 and X[4] = sign·pow_m1 (the fill bits): k[i] is a[i] mod pow, the bits of a[i] that
 *       fall into the byte below.</li>
 * </ul>
 * Each is one constraint per byte and direction, Σ over q of marker·equation (degree 3: marker·a·pow).
 *
 * <p><b>Interactions.</b> The {@link AluChip}'s 14; BYTES(a[0], a[1]), BYTES(a[2], a[3]), BYTES(c[0], c[1]),
 * BYTES(c[2], c[3]); BYTES(k[i], pow_m1 − k[i]) for each i, proving 0 ≤ k[i] &lt; pow; the shift amount's rest
 * (b_lo − s)/32 in 11 bits (RC_11, two U16 lookups); on SRA rows BYTES(2·a[3] − 256·sign, 0): 25, about
 * 49 + 50 = 99 cells per row (the design's estimate of 86 did not count the direction in the byte-shift markers).
 *
 * <p><b>Soundness.</b> b_lo is a valid half (received, or the trusted immediate), s ∈ [0, 32) by its bits and
 * markers, and b_lo − s = 32·rest with rest ∈ [0, 2^11) is an integer equation, so s = b_lo mod 32: exactly the
 * amount RISC-V uses, also for rs2 ≥ 32. pow = 2^r by the product of the bits. a's bytes are range-checked, so
 * they are the unique split of the received halves; c's bytes are range-checked, so the written halves are valid;
 * sign is a[3]'s top bit on SRA rows (a[3] − 128·sign ∈ [0, 128) as a[3] is a byte) and 0 on the others. Every
 * term of a byte equation is below 2^16 ≪ p, so the equations hold over the integers. Left: T = a[n−q]·pow +
 * k[n−q−1] &lt; 256·pow, and c[n] &lt; 256 with k[n−q] ≥ 0 leaves only c[n] = T mod 256, k[n−q] = T div 256 (the
 * true spill, below pow), inductively from k[−1] = 0: c is a·2^s mod 2^32. Right: modulo pow the equation gives
 * k[n+q] = a[n+q] mod pow (k &lt; pow), which pins every X[j] with j ≤ 3 (the equation of byte j − q), and then
 * c[n] = (a[n+q] − a[n+q] mod pow + 256·X)/pow is byte n of the shifted word whose bits above 31 are sign: c is
 * a >>> s, or a >> s on SRA rows. The carry's upper bound is what makes the right shift unique; the left one needs
 * only its byte check, but both directions share the columns and the lookups.
 */
public final class ShiftChip extends AluChip {
  private static final Expr INV_32 = Expr.constant(BabyBear.inv(32));

  private final List<Column> a = columns("a", 4);
  private final Column bLo = column("b_lo");
  private final Column bHi = column("b_hi");
  private final List<Column> s = columns("s", 3);
  private final List<Column> left = columns("left", 4);
  private final List<Column> right = columns("right", 4);
  private final Column powM1 = column("pow_m1");
  private final List<Column> k = columns("k", 4);
  private final List<Column> c = columns("c", 4);
  private final Column sign = column("sign");

  /** The chip, sending its lookups to {@code bytes}. */
  public ShiftChip(ByteTable bytes) {
    super("rv32_shift", bytes, Opcode.SLL, Opcode.SRL, Opcode.SRA, Opcode.SLLI, Opcode.SRLI, Opcode.SRAI);
    connect(Words.half(a.get(0), a.get(1)), Words.half(a.get(2), a.get(3)), bLo, bHi,
        Words.half(c.get(0), c.get(1)), Words.half(c.get(2), c.get(3)));
    ConstraintScope onReal = onReal();
    Expr lefts = flag(Opcode.SLL).plus(flag(Opcode.SLLI));
    Expr arithmetic = flag(Opcode.SRA).plus(flag(Opcode.SRAI));
    Expr rights = flag(Opcode.SRL).plus(flag(Opcode.SRLI)).plus(arithmetic);

    Expr amount = Expr.ZERO;
    for (int i = 0; i < 3; i++) {
      assertBool("s[" + i + "] is a bit", s.get(i));
      amount = amount.plus(s.get(i).times(1 << i));
    }
    Expr leftSum = Expr.ZERO;
    Expr rightSum = Expr.ZERO;
    for (int q = 0; q < 4; q++) {
      assertBool("left[" + q + "] is a bit", left.get(q));
      assertBool("right[" + q + "] is a bit", right.get(q));
      leftSum = leftSum.plus(left.get(q));
      rightSum = rightSum.plus(right.get(q));
      amount = amount.plus(left.get(q).plus(right.get(q)).times(8 * q));
    }
    assertEq("left shifts mark one byte shift", leftSum, lefts);
    assertEq("right shifts mark one byte shift", rightSum, rights);
    RangeCheck.assertBits(onReal, bytes, bLo.minus(amount).times(INV_32), 11);
    Expr pow = powM1.plus(1);
    assertEq("pow = 2^(bit shift)", pow,
        s.get(0).plus(1).times(s.get(1).times(3).plus(1)).times(s.get(2).times(15).plus(1)));

    assertBool("sign is a bit", sign);
    assertZero("only SRA fills with the sign", lefts.plus(rights).minus(arithmetic).times(sign));
    bytes.bytes(when(arithmetic), a.get(3).times(2).minus(sign.times(256)), Expr.ZERO);
    bytes.bytes(onReal, a);
    bytes.bytes(onReal, c);
    for (int i = 0; i < 4; i++) {
      bytes.bytes(onReal, k.get(i), powM1.minus(k.get(i)));
    }

    for (int n = 0; n < 4; n++) {
      Expr shiftedLeft = Expr.ZERO;
      Expr shiftedRight = Expr.ZERO;
      for (int q = 0; q < 4; q++) {
        Expr l = n < q ? c.get(n)
            : c.get(n).plus(k.get(n - q).times(256)).minus(a.get(n - q).times(pow)).minus(carry(n - q - 1));
        shiftedLeft = shiftedLeft.plus(left.get(q).times(l));
        Expr r = n + q > 3 ? c.get(n).minus(sign.times(255))
            : c.get(n).times(pow).plus(k.get(n + q)).minus(a.get(n + q)).minus(incoming(n + q + 1).times(256));
        shiftedRight = shiftedRight.plus(right.get(q).times(r));
      }
      assertZero("SLL: byte " + n, shiftedLeft);
      assertZero("SRL/SRA: byte " + n, shiftedRight);
    }
  }

  /** The left shift's carry out of byte {@code i}, 0 below byte 0. */
  private Expr carry(int i) {
    return i < 0 ? Expr.ZERO : k.get(i);
  }

  /** The right shift's bits of byte {@code j} that fall into the byte below: past byte 3, SRA's fill. */
  private Expr incoming(int j) {
    return j > 3 ? sign.times(powM1) : k.get(j);
  }

  @Override
  protected void fillCore(Trace t, int row, int op, int aValue, int b) {
    boolean toLeft = op == Opcode.SLL || op == Opcode.SLLI;
    boolean arithmetic = op == Opcode.SRA || op == Opcode.SRAI;
    int amount = b & 31;
    int bitShift = amount & 7;
    int powM1Value = (1 << bitShift) - 1;
    Words.fillBytes(t, row, a, aValue);
    Words.fillHalves(t, row, bLo, bHi, b);
    for (int i = 0; i < 3; i++) {
      t.set(s.get(i), row, (bitShift >>> i) & 1);
    }
    t.set((toLeft ? left : right).get(amount >>> 3), row, 1);
    t.set(powM1, row, powM1Value);
    for (int i = 0; i < 4; i++) {
      int byteI = (aValue >>> (8 * i)) & 0xff;
      t.set(k.get(i), row, toLeft ? byteI >>> (8 - bitShift) : byteI & powM1Value);
    }
    int result = toLeft ? aValue << amount : arithmetic ? aValue >> amount : aValue >>> amount;
    Words.fillBytes(t, row, c, result);
    t.set(sign, row, arithmetic ? aValue >>> 31 : 0);
  }
}
