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
import java.util.stream.IntStream;

/**
 * Fills lookup multiplicities by construction. A lookup table receives each of its rows' messages with a
 * {@link Chip#multiplicity multiplicity column}; this counts, for every row of every such table, how many times the
 * other tables send that row's message, and writes the count. Fillers only fill what they compute; the counting,
 * where hand-written code most often goes wrong, is done once, here.
 *
 * <h2>Design note</h2>
 * Both passes evaluate only the interactions' fields and multiplicities, in batches ({@link BatchEvaluator}), so
 * the messages counted are the ones the checker and prover evaluate from the same {@link ConstraintProgram}.
 * <ol>
 *   <li><b>Receives</b>, sequentially (lookup tables are the small ones): each lookup table's received tuples get
 *       ids in a {@link TupleIndex} per bus and arity, each id remembering its (table, column, row); a tuple held
 *       twice makes the count ambiguous and is an error.
 *   <li><b>Sends</b>, on all cores: the batches of every sending table, end to end, are split into one contiguous
 *       range per worker ({@link Parallel#forEachRange}), so one long table is split as well as many short ones.
 *       Each worker adds each send's multiplicity to its own count array per index, by id, without allocating per
 *       row; the workers' arrays are then summed into the lookup columns. Counts are field elements and added mod
 *       p: rows × sends may exceed p.
 * </ol>
 * A send with no matching row is left alone: it is a real imbalance, and the {@code Checker} reports it with both
 * tables.
 */
public final class Lookups {
  private Lookups() {}

  /** The constraint values the passes do not read: only the kept bus fields are. */
  private static final BatchEvaluator.Sink IGNORE_CONSTRAINTS = (c, values, row0, n) -> { };

  /**
   * Fills every multiplicity column of the given traces from the sends in all of them. Call it after every other
   * column is filled.
   *
   * @throws IllegalArgumentException if a lookup table holds the same message on two rows
   */
  public static void deriveMultiplicities(List<Trace> traces) {
    Map<Shape, Receivers> lookups = new HashMap<>();
    List<Receivers> targets = new ArrayList<>();
    for (int t = 0; t < traces.size(); t++) {
      Trace trace = traces.get(t);
      List<Interaction> receives = lookupReceives(trace);
      if (receives.isEmpty()) {
        continue;
      }
      for (int c : trace.derivedColumns) {
        Arrays.fill(trace.mainColumns()[c], 0);
      }
      Receivers[] into = new Receivers[receives.size()];
      for (int i = 0; i < into.length; i++) {
        into[i] = lookups.computeIfAbsent(Shape.of(receives.get(i)), s -> {
          Receivers r = new Receivers(s.arity);
          targets.add(r);
          return r;
        });
      }
      indexReceives(traces, t, receives, into);
    }
    List<Sender> senders = new ArrayList<>();
    int batches = 0;
    for (Trace trace : traces) {
      List<Interaction> sends = new ArrayList<>();
      List<Receivers> to = new ArrayList<>();
      for (Interaction in : trace.table().interactions()) {
        Receivers r = in.direction() == Interaction.Direction.SEND ? lookups.get(Shape.of(in)) : null;
        if (r != null) {
          sends.add(in);
          to.add(r);
        }
      }
      if (!sends.isEmpty()) {
        Sender s = new Sender(trace, sends, to.stream().mapToInt(targets::indexOf).toArray(), batches);
        senders.add(s);
        batches = s.endBatch;
      }
    }
    if (senders.isEmpty()) {
      return;
    }
    int[][] totals = new int[targets.size()][];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = new int[targets.get(i).index.size()];
    }
    Parallel.forEachRange(batches, (from, to) -> {
      int[][] counts = new int[totals.length][];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new int[totals[i].length];
      }
      for (Sender s : senders) {
        int first = Math.max(from, s.firstBatch);
        int end = Math.min(to, s.endBatch);
        if (first < end) {
          s.count(first - s.firstBatch, end - s.firstBatch, targets, counts);
        }
      }
      synchronized (totals) {
        for (int i = 0; i < totals.length; i++) {
          for (int id = 0; id < totals[i].length; id++) {
            totals[i][id] = BabyBear.add(totals[i][id], counts[i][id]);
          }
        }
      }
    });
    for (int i = 0; i < totals.length; i++) {
      int[] where = targets.get(i).where;
      for (int id = 0; id < totals[i].length; id++) {
        int[] column = traces.get(where[3 * id]).mainColumns()[where[3 * id + 1]];
        int row = where[3 * id + 2];
        column[row] = BabyBear.add(column[row], totals[i][id]); // two receives may share one counter
      }
    }
  }

  /** Convenience for a fixed set of traces. */
  public static void deriveMultiplicities(Trace... traces) {
    deriveMultiplicities(Arrays.asList(traces));
  }

  /** Gives every tuple the receives of trace {@code t} hold an id in its index, refusing a tuple held twice. */
  private static void indexReceives(List<Trace> traces, int t, List<Interaction> receives, Receivers[] into) {
    Trace trace = traces.get(t);
    ConstraintProgram program = trace.table().program();
    Evaluation ev = new Evaluation(trace, plan(trace, receives), receives);
    for (int batch = 0; batch < ev.batches(); batch++) {
      int row0 = batch * BatchEvaluator.BATCH;
      int n = ev.evaluate(batch);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < into.length; i++) {
          Receivers r = into[i];
          int before = r.index.size();
          int id = r.index.add(ev.fields[i], j);
          if (id < before) {
            Interaction in = receives.get(i);
            throw new IllegalArgumentException("lookup on bus '" + in.bus() + "': message "
                + Arrays.toString(r.index.tuple(id)) + " is held by row " + r.where[3 * id + 2] + " of '"
                + traces.get(r.where[3 * id]).table().name() + "' and row " + (row0 + j) + " of '"
                + trace.table().name() + "', so its multiplicity is ambiguous");
          }
          r.put(id, t, program.arg1(receives.get(i).multiplicitySlot()), row0 + j);
        }
      }
    }
  }

  /** The plan evaluating only the given interactions' fields and multiplicities. */
  private static BatchEvaluator.Plan plan(Trace trace, List<Interaction> interactions) {
    int[] kept = interactions.stream()
        .flatMapToInt(in -> IntStream.concat(IntStream.of(in.fieldSlots()), IntStream.of(in.multiplicitySlot())))
        .distinct().toArray();
    return new BatchEvaluator.Plan(trace.table().program(), new int[0], kept);
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

  /** Messages match only on the same bus with the same number of fields. */
  private record Shape(String bus, int arity) {
    static Shape of(Interaction in) {
      return new Shape(in.bus(), in.arity());
    }
  }

  /** The received tuples of one bus and arity, and for each id where its counter is: (trace, column, row). */
  private static final class Receivers {
    final TupleIndex index;
    int[] where = new int[3 * 16];

    Receivers(int arity) {
      index = new TupleIndex(arity);
    }

    void put(int id, int trace, int column, int row) {
      if (3 * id + 3 > where.length) {
        where = Arrays.copyOf(where, 2 * where.length);
      }
      where[3 * id] = trace;
      where[3 * id + 1] = column;
      where[3 * id + 2] = row;
    }
  }

  /** A trace's sends into lookup tables, and its place {@code [firstBatch, endBatch)} in the global batch order. */
  private static final class Sender {
    final Trace trace;
    final List<Interaction> sends;
    /** For each send, the index of its {@link Receivers} among the targets. */
    final int[] target;
    final BatchEvaluator.Plan plan;
    final int firstBatch;
    final int endBatch;

    Sender(Trace trace, List<Interaction> sends, int[] target, int firstBatch) {
      this.trace = trace;
      this.sends = sends;
      this.target = target;
      this.plan = plan(trace, sends);
      this.firstBatch = firstBatch;
      this.endBatch = firstBatch + (trace.height() + BatchEvaluator.BATCH - 1) / BatchEvaluator.BATCH;
    }

    /** Adds the multiplicities of the sends on this trace's batches {@code [from, to)} to {@code counts}. */
    void count(int from, int to, List<Receivers> targets, int[][] counts) {
      Evaluation ev = new Evaluation(trace, plan, sends);
      TupleIndex[] index = new TupleIndex[target.length];
      for (int i = 0; i < index.length; i++) {
        index[i] = targets.get(target[i]).index;
      }
      for (int batch = from; batch < to; batch++) {
        int n = ev.evaluate(batch);
        for (int i = 0; i < index.length; i++) {
          int[] m = ev.multiplicities[i];
          int[][] fields = ev.fields[i];
          TupleIndex idx = index[i];
          int[] count = counts[target[i]];
          for (int j = 0; j < n; j++) {
            if (m[j] == 0) {
              continue;
            }
            int id = idx.find(fields, j);
            if (id >= 0) {
              count[id] = BabyBear.add(count[id], m[j]);
            }
          }
        }
      }
    }
  }

  /**
   * One thread's batch evaluation of some interactions of a trace. The evaluator's registers are fixed arrays, so
   * each interaction's fields and multiplicity are looked up once here and read in place after every batch.
   */
  private static final class Evaluation {
    final BatchEvaluator evaluator;
    final BatchEvaluator.Source source;
    final int height;
    /** For each interaction, its fields' registers: {@code fields[i][f][j]} is field f on the batch's row j. */
    final int[][][] fields;
    final int[][] multiplicities;

    Evaluation(Trace trace, BatchEvaluator.Plan plan, List<Interaction> interactions) {
      evaluator = new BatchEvaluator(plan);
      height = trace.height();
      source = BatchEvaluator.traceSource(trace.mainColumns(), preprocessed(trace.table()), trace.publicValues(),
          height);
      fields = new int[interactions.size()][][];
      multiplicities = new int[interactions.size()][];
      for (int i = 0; i < fields.length; i++) {
        Interaction in = interactions.get(i);
        fields[i] = new int[in.arity()][];
        for (int f = 0; f < in.arity(); f++) {
          fields[i][f] = evaluator.kept(in.fieldSlot(f));
        }
        multiplicities[i] = evaluator.kept(in.multiplicitySlot());
      }
    }

    int batches() {
      return (height + BatchEvaluator.BATCH - 1) / BatchEvaluator.BATCH;
    }

    /** Evaluates batch {@code batch} and returns its number of rows. */
    int evaluate(int batch) {
      int row0 = batch * BatchEvaluator.BATCH;
      int n = Math.min(BatchEvaluator.BATCH, height - row0);
      evaluator.evaluate(source, row0, n, IGNORE_CONSTRAINTS);
      return n;
    }
  }
}
