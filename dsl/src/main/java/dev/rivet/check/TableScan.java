package dev.rivet.check;

import dev.rivet.air.AirConstraint;
import dev.rivet.air.AirTable;
import dev.rivet.air.BatchEvaluator;
import dev.rivet.air.Interaction;
import dev.rivet.dsl.Parallel;
import dev.rivet.dsl.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One trace's rows evaluated against its table, in parallel: the failing constraints in row order, and the tally of
 * the bus messages sent or received (non-zero multiplicity). The {@link Checker} merges the tallies of all tables.
 *
 * <p>Rows are split into contiguous ranges, one per core ({@link Parallel#forEachRange}), each evaluated in
 * batches by its own {@link BatchEvaluator}; results are merged in range order, so the report is the same as a
 * sequential scan's.
 */
final class TableScan {
  final List<ConstraintFailure> failures = new ArrayList<>();
  long failingRows;
  final MessageTally messages = new MessageTally();

  private TableScan() {}

  /** Scans {@code trace}, whose messages are tallied as coming from {@code origin}. */
  static TableScan of(Trace trace, int origin) {
    AirTable table = trace.table();
    List<AirConstraint> constraints = table.constraints();
    List<Interaction> interactions = table.interactions();
    int[] constraintSlots = new int[constraints.size()];
    for (int c = 0; c < constraintSlots.length; c++) {
      constraintSlots[c] = constraints.get(c).slot();
    }
    List<Integer> kept = new ArrayList<>();
    for (Interaction in : interactions) {
      kept.add(in.multiplicitySlot());
      for (int i = 0; i < in.arity(); i++) {
        kept.add(in.fieldSlot(i));
      }
    }
    BatchEvaluator.Plan plan = new BatchEvaluator.Plan(table.program(), constraintSlots,
        kept.stream().mapToInt(Integer::intValue).toArray());
    int[][] main = trace.mainColumns();
    int[][] prep = new int[table.preprocessedColumns().size()][];
    for (int i = 0; i < prep.length; i++) {
      prep[i] = table.preprocessedValues(i);
    }
    int[] publics = trace.publicValues();
    int height = trace.height();
    int batches = (height + BatchEvaluator.BATCH - 1) / BatchEvaluator.BATCH;
    int workers = Math.min(batches, Runtime.getRuntime().availableProcessors());
    TableScan[] parts = new TableScan[workers];
    Parallel.forEachRange(workers, (fromWorker, toWorker) -> {
      for (int w = fromWorker; w < toWorker; w++) {
        TableScan part = new TableScan();
        int[] listed = new int[constraints.size()];
        BatchEvaluator evaluator = new BatchEvaluator(plan);
        BatchEvaluator.Source source = BatchEvaluator.traceSource(main, prep, publics, height);
        Bus[] buses = buses(part.messages, evaluator, interactions);
        BatchEvaluator.Sink sink = (c, values, row0, n) -> {
          for (int i = 0; i < n; i++) {
            if (values[i] != 0) {
              part.failingRows++;
              if (listed[c]++ < Checker.MAX_ROWS_PER_CONSTRAINT) {
                part.failures.add(new ConstraintFailure(table.name(), constraints.get(c), row0 + i, values[i]));
              }
            }
          }
        };
        int firstBatch = (int) ((long) batches * w / workers);
        int endBatch = (int) ((long) batches * (w + 1) / workers);
        for (int batch = firstBatch; batch < endBatch; batch++) {
          int row0 = batch * BatchEvaluator.BATCH;
          int n = Math.min(BatchEvaluator.BATCH, height - row0);
          evaluator.evaluate(source, row0, n, sink);
          tally(buses, row0, n, part.messages, origin);
        }
        parts[w] = part;
      }
    });
    TableScan all = new TableScan();
    int[] listed = new int[constraints.size()];
    for (TableScan part : parts) {
      all.failingRows += part.failingRows;
      all.messages.addAll(part.messages); // in range order: messages keep their order of first appearance
      for (ConstraintFailure f : part.failures) {
        if (listed[f.constraint().index()]++ < Checker.MAX_ROWS_PER_CONSTRAINT) {
          all.failures.add(f);
        }
      }
    }
    all.failures.sort(Comparator.comparingInt(ConstraintFailure::row)
        .thenComparingInt(f -> f.constraint().index()));
    return all;
  }

  /** An interaction as a worker reads it: its shape in the tally and its values' registers. */
  private record Bus(int shape, boolean send, int[][] fields, int[] multiplicity) {}

  private static Bus[] buses(MessageTally tally, BatchEvaluator evaluator, List<Interaction> interactions) {
    Bus[] out = new Bus[interactions.size()];
    for (int k = 0; k < out.length; k++) {
      Interaction in = interactions.get(k);
      int[][] fields = new int[in.arity()][];
      for (int f = 0; f < fields.length; f++) {
        fields[f] = evaluator.kept(in.fieldSlot(f));
      }
      out[k] = new Bus(tally.shape(in.bus(), in.arity()), in.direction() == Interaction.Direction.SEND, fields,
          evaluator.kept(in.multiplicitySlot()));
    }
    return out;
  }

  private static void tally(Bus[] buses, int row0, int n, MessageTally out, int origin) {
    for (int i = 0; i < n; i++) {
      for (Bus bus : buses) {
        int m = bus.multiplicity[i];
        if (m != 0) {
          out.add(bus.shape, bus.fields, i, bus.send, m, origin, row0 + i);
        }
      }
    }
  }
}
