package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteTable;
import dev.rivet.isa.Opcode;
import java.util.List;

/**
 * XOR, OR, AND and their immediate forms XORI, ORI, ANDI: {@code rd = rs1 op rs2} or {@code rd = rs1 op imm},
 * byte by byte through the shared {@link ByteTable}.
 *
 * <h2>Design note</h2>
 *
 * <p><b>Columns.</b> The {@link AluChip}'s (16 and 6 flags); the operands a (rs1's value) and b (rs2's value or the
 * immediate) and the result c as four bytes each, {@code a[0..3]}, {@code b[0..3]}, {@code c[0..3]}: 34 columns. On
 * the buses a word is the two halves {@code x[0] + 256·x[1]} and {@code x[2] + 256·x[3]}, linear expressions, so
 * holding bytes costs no bus column.
 *
 * <p><b>Constraints and interactions.</b> The {@link AluChip}'s (14 interactions; immediates: b's halves equal the
 * fetched imm_lo, imm_hi), and one {@code byte_ops} lookup (op, a[i], b[i], c[i]) per byte with op = (is_xor + is_xori)·XOR
 * + (is_or + is_ori)·OR + (is_and + is_andi)·AND, linear, multiplicity {@code real}: 18 interactions, about
 * 34 + 36 = 70 cells per row. No polynomial constraint of its own: the table computes.
 *
 * <p><b>Soundness.</b> The byte table holds exactly the triples (x, y, x op y) of bytes x, y. So each lookup proves
 * a[i] and b[i] are bytes, which makes the half expressions the unique byte decompositions of the received halves
 * (or of the immediate's halves), and proves c[i] = a[i] op b[i], itself a byte, so c's halves are valid 16-bit
 * values: the write needs no other range check. The op field is one of the three on a real row (one-hot flags) and
 * the lookup's multiplicity is 0 on padding rows.
 */
public final class BitwiseChip extends AluChip {
  private final List<Column> a = columns("a", 4);
  private final List<Column> b = columns("b", 4);
  private final List<Column> c = columns("c", 4);

  /** The chip, sending its lookups to {@code bytes}. */
  public BitwiseChip(ByteTable bytes) {
    super("rv32_bitwise", bytes, Opcode.XOR, Opcode.OR, Opcode.AND, Opcode.XORI, Opcode.ORI, Opcode.ANDI);
    connect(Words.half(a.get(0), a.get(1)), Words.half(a.get(2), a.get(3)),
        Words.half(b.get(0), b.get(1)), Words.half(b.get(2), b.get(3)),
        Words.half(c.get(0), c.get(1)), Words.half(c.get(2), c.get(3)));
    Expr op = operation(Opcode.XOR, Opcode.XORI, ByteTable.XOR)
        .plus(operation(Opcode.OR, Opcode.ORI, ByteTable.OR))
        .plus(operation(Opcode.AND, Opcode.ANDI, ByteTable.AND));
    for (int i = 0; i < 4; i++) {
      onReal().send(ByteTable.Op.BUS, new ByteTable.Op(op, a.get(i), b.get(i), c.get(i)));
    }
  }

  /** The byte-table tag {@code tag} on rows of {@code register} or {@code immediate}, else 0. */
  private Expr operation(int register, int immediate, int tag) {
    return flag(register).plus(flag(immediate)).times(tag);
  }

  @Override
  protected void fillCore(Trace t, int row, int op, int aValue, int bValue) {
    int cValue = switch (op) {
      case Opcode.XOR, Opcode.XORI -> aValue ^ bValue;
      case Opcode.OR, Opcode.ORI -> aValue | bValue;
      default -> aValue & bValue;
    };
    Words.fillBytes(t, row, a, aValue);
    Words.fillBytes(t, row, b, bValue);
    Words.fillBytes(t, row, c, cValue);
  }
}
