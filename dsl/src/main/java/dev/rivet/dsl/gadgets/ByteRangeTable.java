package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.ConstraintScope;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.PreprocessedColumn;

/**
 * The smallest range table: the 256 bytes, one lookup per byte checked. A preprocessed column 0..255 and a
 * multiplicity column counting how often each byte is looked up; receiving {@code (value)} with that multiplicity
 * on the {@link ByteMessage#BUS byte bus} balances exactly when every value sent on it is a byte.
 *
 * <p><b>When to use it.</b> For a circuit that checks only a few bytes, 256 rows cost nothing. A machine whose chips
 * check many limbs and also need AND/OR/XOR uses the {@link ByteTable} instead, which checks two bytes (or one
 * 16-bit limb) per lookup and whose 2^16 rows are paid once however many chips use them. Its name and bus are those
 * of the original demo table, so the demo's circuits keep their digests.
 *
 * <p>Soundness: the values are preprocessed (fixed by the verifying key); a sender of n &lt; p rows cannot send a
 * non-byte value a multiple of p times, so whatever multiplicities the prover writes, an imbalance remains.
 */
public final class ByteRangeTable extends Chip implements RangeTable {
  public final PreprocessedColumn value = preprocessed("value", bytes());
  public final Column multiplicity = multiplicity("multiplicity");

  public ByteRangeTable() {
    super("byte_table");
    receive(ByteMessage.BUS, new ByteMessage(value), multiplicity);
  }

  @Override
  public int bits() {
    return 8;
  }

  @Override
  public void lookup(ConstraintScope where, Expr byteValue) {
    where.send(ByteMessage.BUS, new ByteMessage(byteValue));
  }

  private static int[] bytes() {
    int[] v = new int[256];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return v;
  }
}
