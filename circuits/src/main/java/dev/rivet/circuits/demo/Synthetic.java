package dev.rivet.circuits.demo;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Chip;
import dev.rivet.dsl.Column;
import dev.rivet.dsl.Expr;
import dev.rivet.dsl.Trace;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic AIR for benchmarking the prover at a chosen width: columns in groups of four (a, b, c, d) with the
 * degree-3 constraint d = a·b·c on every row, and one bus on which every row sends and receives its first column.
 */
public final class Synthetic extends Chip {
  /** The benchmark's bus. */
  public record Value(Expr value) implements BusMessage {
    static final Bus<Value> BUS = Bus.of("synthetic", "value");

    @Override
    public List<Expr> fields() {
      return List.of(value);
    }
  }

  private final List<Column> columns;

  /** A chip of {@code width} columns (at least 4). */
  public Synthetic(int width) {
    super("synthetic_" + width);
    if (width < 4) {
      throw new IllegalArgumentException("the synthetic AIR needs at least 4 columns, not " + width);
    }
    columns = columns("x", width);
    for (int i = 0; i + 3 < width; i += 4) {
      assertEq(columns.get(i + 3), columns.get(i).times(columns.get(i + 1)).times(columns.get(i + 2)));
    }
    send(Value.BUS, new Value(columns.get(0)));
    receive(Value.BUS, new Value(columns.get(0)));
  }

  /** A random satisfying trace, filled in parallel. */
  public Trace fill(int height, long seed) {
    Trace t = newTrace(height);
    fillGroups(t.mainColumns(), columns.size(), height, seed);
    return t;
  }

  /**
   * Fills {@code width} columns in groups of four (a, b, c, a·b·c) with random values, the columns after the last
   * whole group with random values, in parallel. Group g's values depend only on {@code seed + g} and the height.
   */
  static void fillGroups(int[][] cols, int width, int height, long seed) {
    IntStream.range(0, width / 4 + 1).parallel().forEach(g -> {
      SplittableRandom rng = new SplittableRandom(seed + g);
      int base = 4 * g;
      if (base >= width) {
        return;
      }
      if (base + 3 >= width) { // the unconstrained tail
        for (int c = base; c < width; c++) {
          for (int r = 0; r < height; r++) {
            cols[c][r] = rng.nextInt(dev.rivet.field.BabyBear.P);
          }
        }
        return;
      }
      for (int r = 0; r < height; r++) {
        int a = rng.nextInt(dev.rivet.field.BabyBear.P);
        int b = rng.nextInt(dev.rivet.field.BabyBear.P);
        int c = rng.nextInt(dev.rivet.field.BabyBear.P);
        cols[base][r] = a;
        cols[base + 1][r] = b;
        cols[base + 2][r] = c;
        cols[base + 3][r] = dev.rivet.field.BabyBear.mul(dev.rivet.field.BabyBear.mul(a, b), c);
      }
    });
  }
}
