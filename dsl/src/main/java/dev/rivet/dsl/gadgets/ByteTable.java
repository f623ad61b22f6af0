package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.PreprocessedColumn;
import java.util.List;

/**
 * The standard byte table a machine's chips share: one preprocessed row per pair of bytes (a, b), 2^16 rows, holding
 * {@code a, b, a AND b, a OR b, a XOR b}, and one multiplicity column per operation. It answers five lookups on the
 * {@link Op#BUS byte_ops bus}, each message tagged with its operation:
 *
 * <table>
 *   <caption>operations</caption>
 *   <tr><th>op</th><th>message</th><th>proves</th></tr>
 *   <tr><td>{@link #RANGE}</td><td>(0, x, y, 0)</td><td>x and y are bytes</td></tr>
 *   <tr><td>{@link #U16}</td><td>(1, v, 0, 0)</td><td>v ∈ [0, 2^16) (the row's a + 256·b)</td></tr>
 *   <tr><td>{@link #AND}, {@link #OR}, {@link #XOR}</td><td>(op, x, y, z)</td>
 *       <td>x, y are bytes and z = x op y</td></tr>
 * </table>
 *
 * <p><b>Why one table with an op field, not one table per operation.</b> A lookup costs the sender one interaction
 * whichever table answers it, but every table costs its rows: five 2^16-row tables would cost five times the
 * preprocessed commitments and LogUp columns of one. The rows are the same for every operation (all byte pairs), so
 * they are shared and only the counters are per operation, as in SP1's byte chip. The op tag keeps the five
 * messages of one row distinct, so {@code Lookups.deriveMultiplicities} knows which counter a lookup increments.
 * The 16-bit check rides on the same rows ({@code a + 256·b} enumerates [0, 2^16) once), which makes this table
 * also the machine's {@link RangeTable} of width 16; {@link RangeCheck} derives every narrower width from it.
 *
 * <p><b>Soundness.</b> The table's values are preprocessed, so fixed by the verifying key. Its multiplicities are
 * prover input, but the senders' multiplicities are bounded (each row sends 0 or 1 times), so a message outside the
 * table, sent n &lt; p times, can never be cancelled by any counter. Cost per machine: 5 preprocessed and
 * 5 multiplicity columns on 2^16 rows, 5 receives; per lookup: one send of 4 fields.
 */
public final class ByteTable extends Chip implements RangeTable {
  /** Two bytes. */
  public static final int RANGE = 0;
  /** One 16-bit value. */
  public static final int U16 = 1;
  /** Bytewise AND. */
  public static final int AND = 2;
  /** Bytewise OR. */
  public static final int OR = 3;
  /** Bytewise XOR. */
  public static final int XOR = 4;

  /** A lookup into the byte table: operation tag, two operands, result (0 where the operation has none). */
  public record Op(Expr op, Expr a, Expr b, Expr c) implements BusMessage {
    /** The byte-operation bus. */
    public static final Bus<Op> BUS = Bus.of("byte_ops", "op", "a", "b", "c");

    @Override
    public List<Expr> fields() {
      return List.of(op, a, b, c);
    }
  }

  /** Rows: 2^16, one per (a, b). */
  public static final int HEIGHT = 1 << 16;

  public final PreprocessedColumn a = preprocessed("a", table(Op2.A));
  public final PreprocessedColumn b = preprocessed("b", table(Op2.B));
  public final PreprocessedColumn and = preprocessed("and", table(Op2.AND));
  public final PreprocessedColumn or = preprocessed("or", table(Op2.OR));
  public final PreprocessedColumn xor = preprocessed("xor", table(Op2.XOR));
  public final Column rangeCount = multiplicity("range_count");
  public final Column u16Count = multiplicity("u16_count");
  public final Column andCount = multiplicity("and_count");
  public final Column orCount = multiplicity("or_count");
  public final Column xorCount = multiplicity("xor_count");

  public ByteTable() {
    super("bytes");
    receive(Op.BUS, new Op(Expr.constant(RANGE), a, b, Expr.ZERO), rangeCount);
    receive(Op.BUS, new Op(Expr.constant(U16), a.plus(b.times(256)), Expr.ZERO, Expr.ZERO), u16Count);
    receive(Op.BUS, new Op(Expr.constant(AND), a, b, and), andCount);
    receive(Op.BUS, new Op(Expr.constant(OR), a, b, or), orCount);
    receive(Op.BUS, new Op(Expr.constant(XOR), a, b, xor), xorCount);
  }

  @Override
  public int bits() {
    return 16;
  }

  /** Checks {@code v ∈ [0, 2^16)}: one lookup. */
  @Override
  public void lookup(ConstraintScope where, Expr v) {
    where.send(Op.BUS, new Op(Expr.constant(U16), v, Expr.ZERO, Expr.ZERO));
  }

  /** Checks that {@code x} and {@code y} are both bytes: one lookup for two bytes. */
  public void bytes(ConstraintScope where, Expr x, Expr y) {
    where.send(Op.BUS, new Op(Expr.constant(RANGE), x, y, Expr.ZERO));
  }

  /**
   * Checks that every expression is a byte, two per lookup (an odd one out is paired with the constant 0).
   */
  public void bytes(ConstraintScope where, List<? extends Expr> values) {
    for (int i = 0; i < values.size(); i += 2) {
      bytes(where, values.get(i), i + 1 < values.size() ? values.get(i + 1) : Expr.ZERO);
    }
  }

  /** Asserts {@code z = x AND y} for bytes x, y (which this also range-checks). */
  public void and(ConstraintScope where, Expr x, Expr y, Expr z) {
    where.send(Op.BUS, new Op(Expr.constant(AND), x, y, z));
  }

  /** Asserts {@code z = x OR y} for bytes x, y (which this also range-checks). */
  public void or(ConstraintScope where, Expr x, Expr y, Expr z) {
    where.send(Op.BUS, new Op(Expr.constant(OR), x, y, z));
  }

  /** Asserts {@code z = x XOR y} for bytes x, y (which this also range-checks). */
  public void xor(ConstraintScope where, Expr x, Expr y, Expr z) {
    where.send(Op.BUS, new Op(Expr.constant(XOR), x, y, z));
  }

  private enum Op2 { A, B, AND, OR, XOR }

  private static int[] table(Op2 column) {
    int[] v = new int[HEIGHT];
    for (int row = 0; row < HEIGHT; row++) {
      int x = row & 0xff;
      int y = row >>> 8;
      v[row] = switch (column) {
        case A -> x;
        case B -> y;
        case AND -> x & y;
        case OR -> x | y;
        case XOR -> x ^ y;
      };
    }
    return v;
  }
}
