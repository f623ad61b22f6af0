package dev.rivet.check;

import dev.rivet.air.AirTable;
import dev.rivet.air.Interaction;
import dev.rivet.air.ConstraintProgram;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.dsl.Trace;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Checks filled traces against their tables directly, without any proof: every constraint on every row, and the
 * balance of every bus across all tables. It is the circuit author's debugger and the prover's debug mode.
 *
 * <h2>Design note</h2>
 * Constraints are evaluated by the same {@link ConstraintProgram} the prover and verifier read, with next-row reads
 * wrapping around exactly as in the proof, in batches of rows and in parallel over row ranges ({@link TableScan}).
 * Buses are checked as multisets rather than with LogUp's random fingerprints: for every distinct (bus, tuple),
 * the multiplicities sent minus those received must sum to zero in the field. That is the statement LogUp proves, so a balanced report here means a balanced proof there, and an
 * imbalance can be reported with the exact message and the tables on each side. Balance in the field means
 * balance as integers only while counts cannot wrap around p: the checker reports shapes the verifier would
 * refuse for that ({@link BusCapacity}). The tally ({@link MessageTally}) holds each distinct message once, each
 * table's scan tallying its own rows first, so memory follows the distinct messages, not rows × interactions.
 */
public final class Checker {
  /** Failing rows listed per constraint; the report counts the rest. */
  public static final int MAX_ROWS_PER_CONSTRAINT = 20;
  /** Unbalanced messages listed; more are summarized by count in the trace problems. */
  public static final int MAX_IMBALANCES = 50;

  /** How reports name the statement's public messages among the tables on a bus. */
  public static final String STATEMENT = "the statement";

  private Checker() {}

  /** Checks the given traces as one system. */
  public static CheckReport check(Trace... traces) {
    return check(Arrays.asList(traces));
  }

  /** Checks the given traces as one system: constraints per table, buses across all of them. */
  public static CheckReport check(List<Trace> traces) {
    return check(traces, List.of());
  }

  /**
   * Checks the given traces as one system with the statement's public messages, which count on their buses as
   * the verifier counts them: a message the tables do not receive (or receive without it) is an imbalance.
   */
  public static CheckReport check(List<Trace> traces, List<PublicMessage> messages) {
    List<ConstraintFailure> failures = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long failingRows = 0;
    Map<String, List<String>> busFields = new HashMap<>();
    Map<String, Set<String>> sending = new HashMap<>();
    Map<String, Set<String>> receiving = new HashMap<>();
    MessageTally tally = new MessageTally();
    for (int t = 0; t < traces.size(); t++) {
      Trace trace = traces.get(t);
      AirTable table = trace.table();
      String tableName = table.name();
      if (!checkShape(trace, problems)) {
        continue;
      }
      for (Interaction in : table.interactions()) {
        (in.direction() == Interaction.Direction.SEND ? sending : receiving)
            .computeIfAbsent(in.bus(), b -> new LinkedHashSet<>()).add(tableName);
        List<String> known = busFields.putIfAbsent(in.bus(), in.fieldNames());
        if (known != null && !known.equals(in.fieldNames())) {
          problems.add("bus '" + in.bus() + "' has fields " + known + " elsewhere but " + in.fieldNames()
              + " in table '" + tableName + "' (" + in.source() + ")");
        }
      }
      TableScan scan = TableScan.of(trace, t);
      failures.addAll(scan.failures);
      failingRows += scan.failingRows;
      tally.addAll(scan.messages);
    }
    problems.addAll(PublicMessage.problems(traces.stream().map(Trace::table).toList(), messages));
    for (int i = 0; i < messages.size(); i++) {
      PublicMessage message = messages.get(i);
      boolean send = message.direction() == Interaction.Direction.SEND;
      (send ? sending : receiving).computeIfAbsent(message.bus(), b -> new LinkedHashSet<>()).add(STATEMENT);
      int[] values = message.values();
      int[][] columns = new int[values.length][];
      for (int f = 0; f < values.length; f++) {
        columns[f] = new int[] {values[f]};
      }
      // negative origins are the statement's public messages: −1 − their index
      tally.add(tally.shape(message.bus(), values.length), columns, 0, send, message.multiplicity(), -1 - i, 0);
    }
    List<BusImbalance> imbalances = new ArrayList<>();
    long unbalanced = 0;
    for (int k = 0; k < tally.size(); k++) {
      if (tally.net(k) == 0) {
        continue;
      }
      if (++unbalanced > MAX_IMBALANCES) {
        continue;
      }
      String bus = tally.bus(k);
      imbalances.add(new BusImbalance(bus, busFields.get(bus), tally.values(k), BabyBear.toSigned(tally.net(k)),
          names(traces, tally.origins(k, true)), names(traces, tally.origins(k, false)),
          List.copyOf(sending.getOrDefault(bus, Set.of())), List.copyOf(receiving.getOrDefault(bus, Set.of()))));
    }
    if (problems.isEmpty()) {
      problems.addAll(BusCapacity.problems(traces.stream().map(Trace::table).toList(),
          traces.stream().mapToInt(Trace::height).toArray(), messages));
    }
    if (unbalanced > MAX_IMBALANCES) {
      problems.add((unbalanced - MAX_IMBALANCES) + " more unbalanced bus messages not listed");
    }
    return new CheckReport(failures, failingRows, imbalances, problems);
  }

  private static boolean checkShape(Trace trace, List<String> problems) {
    int[][] main = trace.mainColumns();
    AirTable table = trace.table();
    for (int c = 0; c < main.length; c++) {
      for (int r = 0; r < main[c].length; r++) {
        if (!BabyBear.isCanonical(main[c][r])) {
          problems.add("table '" + table.name() + "': column '" + table.mainColumns().get(c) + "' row " + r
              + " holds " + Integer.toUnsignedString(main[c][r]) + ", not a canonical field element");
          return false;
        }
      }
    }
    for (int i = 0; i < trace.publicValues().length; i++) {
      if (!BabyBear.isCanonical(trace.publicValues()[i])) {
        problems.add("table '" + table.name() + "': public value '" + table.publicValues().get(i)
            + "' is not a canonical field element");
        return false;
      }
    }
    return true;
  }

  private static List<String> names(List<Trace> traces, List<int[]> firstRows) {
    List<String> out = new ArrayList<>();
    for (int[] originRow : firstRows) {
      int t = originRow[0];
      out.add(t < 0 ? STATEMENT + " (public message " + (-1 - t) + ")"
          : "'" + traces.get(t).table().name() + "' (row " + originRow[1] + ")");
    }
    return out;
  }
}
