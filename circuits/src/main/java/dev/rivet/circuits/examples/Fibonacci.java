package dev.rivet.circuits.examples;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.PublicValue;
import dev.rivet.dsl.Trace;

/**
 * The smallest useful AIR: row i holds (F<sub>i</sub>, F<sub>i+1</sub>) of a Fibonacci sequence that starts at the
 * public values x0, x1; the last row's second cell is the public result. Written in Java; {@code FibonacciKotlin}
 * is the same circuit in Kotlin, with the same digest.
 */
public final class Fibonacci extends Chip {
  public final Column a = column("a");
  public final Column b = column("b");
  public final PublicValue x0 = publicValue("x0");
  public final PublicValue x1 = publicValue("x1");
  public final PublicValue result = publicValue("result");

  public Fibonacci() {
    super("fibonacci");
    whenFirstRow().assertEq("starts at x0", a, x0);
    whenFirstRow().assertEq("starts at x1", b, x1);
    whenTransition().assertEq("shift", a.next(), b);
    whenTransition().assertEq("step", b.next(), a.plus(b));
    whenLastRow().assertEq("ends at result", b, result);
  }

  /** The trace of {@code height} rows starting at (x0, x1), with the result filled in. */
  public Trace fill(int height, long x0Value, long x1Value) {
    Trace t = newTrace(height);
    long u = x0Value;
    long v = x1Value;
    for (int row = 0; row < height; row++) {
      t.set(a, row, u);
      t.set(b, row, v);
      long w = dev.rivet.field.BabyBear.add(dev.rivet.field.BabyBear.fromLong(u), dev.rivet.field.BabyBear.fromLong(v));
      u = v;
      v = w;
    }
    t.setPublic(x0, x0Value);
    t.setPublic(x1, x1Value);
    t.setPublic(result, t.get(b, height - 1));
    return t;
  }
}
