package dev.rivet.dsl;

import dev.rivet.air.AirTable;
import dev.rivet.air.BatchEvaluator;
import dev.rivet.air.Interaction;
import dev.rivet.air.ConstraintProgram;
import dev.rivet.air.VarKind;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Fills lookup multiplicities by construction. A lookup table receives each of its rows' messages with a
 * {@link Chip#multiplicity multiplicity column}; this counts, for every row of every such table, how many times the
 * other tables send that row's message, and writes the count. Fillers only fill what they compute; the counting,
 * where hand-written code most often goes wrong, is done once, here.
 *
 * <h2>Design note</h2>
 * Both passes evaluate only the interactions' fields and multiplicities, in batches ({@link BatchEvaluator}).
 * First pass: evaluate each lookup table's received tuples and index them by (bus, tuple); a tuple held twice
 * makes the count ambiguous and is an error. Second pass: evaluate every table's sends row by row (the same
 * {@link ConstraintProgram} the checker and prover use) and add each send's multiplicity to the matching lookup row. A send
 * with no matching row is left alone: it is a real imbalance, and the {@code Checker} reports it with both tables.
 */
public final class Lookups {
  private Lookups() {}

  /**
   * Fills every multiplicity column of the given traces from the sends in all of them. Call it after every other
   * column is filled.
   *
   * @throws IllegalArgumentException if a lookup table holds the same message on two rows
   */
  public static void deriveMultiplicities(List<Trace> traces) {
    Map<String, Map<Key, int[]>> lookups = new HashMap<>(); // bus -> tuple -> {trace, column, row}
    for (int t = 0; t < traces.size(); t++) {
      Trace trace = traces.get(t);
      List<Interaction> receives = lookupReceives(trace);
      if (receives.isEmpty()) {
        continue;
      }
      for (int c : trace.derivedColumns) {
        Arrays.fill(trace.mainColumns()[c], 0);
      }
      ConstraintProgram program = trace.table().program();
      int traceIndex = t;
      forEachRow(trace, receives, (row, slots) -> {
        for (Interaction in : receives) {
          Key key = new Key(tuple(in, slots));
          int[] where = {traceIndex, program.arg1(in.multiplicitySlot()), row};
          int[] previous = lookups.computeIfAbsent(in.bus(), b -> new HashMap<>()).putIfAbsent(key, where);
          if (previous != null) {
            throw new IllegalArgumentException("lookup on bus '" + in.bus() + "': message " + key + " is held by row "
                + previous[2] + " of '" + traces.get(previous[0]).table().name() + "' and row " + row + " of '"
                + trace.table().name() + "', so its multiplicity is ambiguous");
          }
        }
      });
    }
    for (Trace trace : traces) {
      List<Interaction> sends = new ArrayList<>();
      for (Interaction in : trace.table().interactions()) {
        if (in.direction() == Interaction.Direction.SEND && lookups.containsKey(in.bus())) {
          sends.add(in);
        }
      }
      if (sends.isEmpty()) {
        continue;
      }
      forEachRow(trace, sends, (row, slots) -> {
        for (Interaction in : sends) {
          int m = slots.applyAsInt(in.multiplicitySlot());
          if (m == 0) {
            continue;
          }
          int[] where = lookups.get(in.bus()).get(new Key(tuple(in, slots)));
          if (where != null) {
            int[] column = traces.get(where[0]).mainColumns()[where[1]];
            column[where[2]] = BabyBear.add(column[where[2]], m);
          }
        }
      });
    }
  }

  /** What a row's interactions read: the value of a program slot on that row. */
  private interface RowVisitor {
    void visit(int row, IntUnaryOperator slotValue);
  }

  /** Visits every row in order with the values of the given interactions' fields and multiplicities. */
  private static void forEachRow(Trace trace, List<Interaction> interactions, RowVisitor visitor) {
    int[] kept = interactions.stream()
        .flatMapToInt(in -> IntStream.concat(IntStream.of(in.fieldSlots()), IntStream.of(in.multiplicitySlot())))
        .distinct().toArray();
    BatchEvaluator evaluator = new BatchEvaluator(new BatchEvaluator.Plan(trace.table().program(), new int[0], kept));
    BatchEvaluator.Source source = BatchEvaluator.traceSource(trace.mainColumns(), preprocessed(trace.table()),
        trace.publicValues(), trace.height());
    for (int row0 = 0; row0 < trace.height(); row0 += BatchEvaluator.BATCH) {
      int n = Math.min(BatchEvaluator.BATCH, trace.height() - row0);
      evaluator.evaluate(source, row0, n, (c, values, first, len) -> { });
      for (int j = 0; j < n; j++) {
        int offset = j;
        visitor.visit(row0 + j, slot -> evaluator.kept(slot)[offset]);
      }
    }
  }

  /** Convenience for a fixed set of traces. */
  public static void deriveMultiplicities(Trace... traces) {
    deriveMultiplicities(Arrays.asList(traces));
  }

  /** Receives whose multiplicity is exactly one of the trace's derived columns. */
  private static List<Interaction> lookupReceives(Trace trace) {
    List<Interaction> out = new ArrayList<>();
    ConstraintProgram p = trace.table().program();
    for (Interaction in : trace.table().interactions()) {
      int m = in.multiplicitySlot();
      if (in.direction() == Interaction.Direction.RECEIVE && p.op(m) == ConstraintProgram.OP_VAR
          && p.kind(m) == VarKind.MAIN && contains(trace.derivedColumns, p.arg1(m))) {
        out.add(in);
      }
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int[][] preprocessed(AirTable table) {
    int[][] prep = new int[table.preprocessedColumns().size()][];
    for (int i = 0; i < prep.length; i++) {
      prep[i] = table.preprocessedValues(i);
    }
    return prep;
  }

  private static int[] tuple(Interaction in, IntUnaryOperator slots) {
    int[] values = new int[in.arity()];
    for (int i = 0; i < values.length; i++) {
      values[i] = slots.applyAsInt(in.fieldSlot(i));
    }
    return values;
  }

  private record Key(int[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }
}
