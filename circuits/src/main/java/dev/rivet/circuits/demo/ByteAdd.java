package dev.rivet.circuits.demo;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteMessage;
import dev.rivet.dsl.gadgets.ByteRangeTable;

/**
 * Byte addition with carry: x + y = z + 256·carry, where x, y and z are range-checked against the
 * {@link ByteRangeTable} gadget over the byte bus. Without the lookups, z = x + y − 256·carry would accept any field element.
 */
public final class ByteAdd extends Chip {
  public final Column x = column("x");
  public final Column y = column("y");
  public final Column z = column("z");
  public final Column carry = column("carry");

  public ByteAdd() {
    super("byte_add");
    assertBool("carry is a bit", carry);
    assertEq("sum", x.plus(y), z.plus(carry.times(256)));
    send(ByteMessage.BUS, new ByteMessage(x));
    send(ByteMessage.BUS, new ByteMessage(y));
    send(ByteMessage.BUS, new ByteMessage(z));
  }

  /** A trace of {@code height} random additions drawn from {@code random}. */
  public Trace fill(int height, java.util.Random random) {
    Trace t = newTrace(height);
    for (int row = 0; row < height; row++) {
      int u = random.nextInt(256);
      int v = random.nextInt(256);
      t.set(x, row, u);
      t.set(y, row, v);
      t.set(z, row, (u + v) & 0xff);
      t.set(carry, row, (u + v) >> 8);
    }
    return t;
  }

  /**
   * The two-table example: {@code height} random byte additions and the byte table they look up, with the
   * lookup multiplicities derived.
   */
  public static java.util.List<Trace> example(ByteAdd adder, ByteRangeTable bytes, int height, long seed) {
    java.util.List<Trace> traces = java.util.List.of(adder.fill(height, new java.util.Random(seed)), bytes.newTrace(256));
    dev.rivet.dsl.Lookups.deriveMultiplicities(traces);
    return traces;
  }
}
