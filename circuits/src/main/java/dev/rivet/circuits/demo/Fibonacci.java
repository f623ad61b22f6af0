package dev.rivet.circuits.demo;

import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.PublicValue;
import dev.rivet.dsl.Trace;

/**
 * The smallest useful AIR: row i holds (F<sub>i</sub>, F<sub>i+1</sub>) of a Fibonacci sequence that starts at the
 * public values x0, x1; the last row's second cell is the public result. Written in Java; {@code FibonacciKotlin}
 * is the same circuit in Kotlin, with the same digest.
 *
 * <p>The number of rows is the prover's choice (a proof states its heights), so a statement that depends on it
 * must bind it: here a row counter ends at the public value n, making the statement "the n-th step from (x0, x1)
 * gives result" rather than "some step does".
 */
public final class Fibonacci extends Chip {
  public final Column a = column("a");
  public final Column b = column("b");
  public final Column step = column("step");
  public final PublicValue x0 = publicValue("x0");
  public final PublicValue x1 = publicValue("x1");
  public final PublicValue result = publicValue("result");
  public final PublicValue n = publicValue("n");

  public Fibonacci() {
    super("fibonacci");
    whenFirstRow().assertEq("starts at x0", a, x0);
    whenFirstRow().assertEq("starts at x1", b, x1);
    whenTransition().assertEq("shift", a.next(), b);
    whenTransition().assertEq("step", b.next(), a.plus(b));
    whenLastRow().assertEq("ends at result", b, result);
    whenFirstRow().assertEq("counts from 0", step, 0);
    whenTransition().assertEq("counts rows", step.next(), step.plus(1));
    whenLastRow().assertEq("ends after n rows", step.plus(1), n);
  }

  /** The trace of {@code height} rows starting at (x0, x1), with the result filled in. */
  public Trace fill(int height, long x0Value, long x1Value) {
    Trace t = newTrace(height);
    long u = x0Value;
    long v = x1Value;
    for (int row = 0; row < height; row++) {
      t.set(a, row, u);
      t.set(b, row, v);
      t.set(step, row, row);
      long w = dev.rivet.field.BabyBear.add(dev.rivet.field.BabyBear.fromLong(u), dev.rivet.field.BabyBear.fromLong(v));
      u = v;
      v = w;
    }
    t.setPublic(x0, x0Value);
    t.setPublic(x1, x1Value);
    t.setPublic(result, t.get(b, height - 1));
    t.setPublic(n, height);
    return t;
  }
}
