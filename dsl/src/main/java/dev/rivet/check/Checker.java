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
import java.util.LinkedHashMap;
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
 * refuse for that ({@link BusCapacity}).
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
    Map<MessageKey, Tally> tallies = new LinkedHashMap<>();
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
      TableScan scan = TableScan.of(trace);
      failures.addAll(scan.failures);
      failingRows += scan.failingRows;
      for (TableScan.Message message : scan.messages) {
        Interaction in = message.interaction();
        int m = message.multiplicity();
        Tally tally = tallies.computeIfAbsent(new MessageKey(in.bus(), message.values()), k -> new Tally());
        boolean send = in.direction() == Interaction.Direction.SEND;
        tally.net = send ? BabyBear.add(tally.net, m) : BabyBear.sub(tally.net, m);
        (send ? tally.senders : tally.receivers).putIfAbsent(t, message.row());
      }
    }
    problems.addAll(PublicMessage.problems(traces.stream().map(Trace::table).toList(), messages));
    for (int i = 0; i < messages.size(); i++) {
      PublicMessage message = messages.get(i);
      boolean send = message.direction() == Interaction.Direction.SEND;
      (send ? sending : receiving).computeIfAbsent(message.bus(), b -> new LinkedHashSet<>()).add(STATEMENT);
      Tally tally = tallies.computeIfAbsent(new MessageKey(message.bus(), message.values()), k -> new Tally());
      tally.net = send ? BabyBear.add(tally.net, message.multiplicity())
          : BabyBear.sub(tally.net, message.multiplicity());
      (send ? tally.senders : tally.receivers).putIfAbsent(-1 - i, 0);
    }
    List<BusImbalance> imbalances = new ArrayList<>();
    long unbalanced = 0;
    for (Map.Entry<MessageKey, Tally> e : tallies.entrySet()) {
      Tally tally = e.getValue();
      if (tally.net == 0) {
        continue;
      }
      if (++unbalanced > MAX_IMBALANCES) {
        continue;
      }
      MessageKey key = e.getKey();
      imbalances.add(new BusImbalance(key.bus, busFields.get(key.bus), key.values, BabyBear.toSigned(tally.net),
          names(traces, tally.senders), names(traces, tally.receivers),
          List.copyOf(sending.getOrDefault(key.bus, Set.of())), List.copyOf(receiving.getOrDefault(key.bus, Set.of()))));
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

  private static List<String> names(List<Trace> traces, Map<Integer, Integer> firstRows) {
    List<String> out = new ArrayList<>();
    // negative keys are the statement's public messages: −1 − their index
    firstRows.forEach((t, row) -> out.add(t < 0 ? STATEMENT + " (public message " + (-1 - t) + ")"
        : "'" + traces.get(t).table().name() + "' (row " + row + ")"));
    return out;
  }

  private static final class MessageKey {
    final String bus;
    final int[] values;
    final int hash;

    MessageKey(String bus, int[] values) {
      this.bus = bus;
      this.values = values;
      this.hash = bus.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MessageKey k && k.hash == hash && k.bus.equals(bus) && Arrays.equals(k.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Tally {
    int net;
    final Map<Integer, Integer> senders = new LinkedHashMap<>();
    final Map<Integer, Integer> receivers = new LinkedHashMap<>();
  }
}
