package dev.rivet.circuits.demo;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.PreprocessedColumn;

/**
 * A lookup table for bytes: a preprocessed column 0..255 (256 rows, fixed by the circuit) and a multiplicity
 * column counting how often each byte is looked up. Receiving {@code (value)} with that multiplicity balances the
 * {@link ByteMessage#BUS byte bus} exactly when every value sent on it is a byte.
 */
public final class ByteTable extends Chip {
  public final PreprocessedColumn value = preprocessed("value", bytes());
  public final Column multiplicity = multiplicity("multiplicity");

  public ByteTable() {
    super("byte_table");
    receive(ByteMessage.BUS, new ByteMessage(value), multiplicity);
  }

  private static int[] bytes() {
    int[] v = new int[256];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return v;
  }
}
