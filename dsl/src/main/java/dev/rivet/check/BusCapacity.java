package dev.rivet.check;

import dev.rivet.air.AirTable;
import dev.rivet.air.Interaction;
import dev.rivet.air.MultiplicityBounds;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The no-wraparound rule: on every bus, the multiplicities that could be counted, as integers, must add up to
 * less than p, so that balance in the field (what LogUp proves) is balance as integers. For each bus the total is
 * Σ over tables of height × Σ of the bounds ({@link MultiplicityBounds}) of its interactions on that bus, lookup
 * counters excluded (docs/soundness.md, "Multiplicities as integers", gives the one-sided argument), plus the
 * multiplicities of the statement's public messages on it; and a bus with a lookup counter must have no other
 * receiver, which the same argument needs. The verifier
 * refuses a proof of such a shape before any other work, and the checker reports it, from this one definition.
 */
public final class BusCapacity {
  private BusCapacity() {}

  /**
   * The buses whose counts could reach p, one message each naming the bus, the tables and the numbers; empty
   * when the shape is safe.
   *
   * @param heights each table's number of rows, in table order
   * @param messages the statement's public messages, each counted with its multiplicity
   */
  public static List<String> problems(List<AirTable> tables, int[] heights, List<PublicMessage> messages) {
    Map<String, Total> totals = new LinkedHashMap<>();
    for (PublicMessage m : messages) {
      Total total = totals.computeIfAbsent(m.bus(), b -> new Total());
      total.sum += m.multiplicity();
      total.statement += m.multiplicity();
      if (m.direction() == Interaction.Direction.RECEIVE) {
        total.otherReceivers.add("the statement");
      }
    }
    for (int t = 0; t < tables.size(); t++) {
      AirTable table = tables.get(t);
      MultiplicityBounds bounds = table.multiplicityBounds();
      List<Interaction> interactions = table.interactions();
      Map<String, Long> perRow = new LinkedHashMap<>();
      for (int i = 0; i < interactions.size(); i++) {
        Interaction in = interactions.get(i);
        Total total = totals.computeIfAbsent(in.bus(), b -> new Total());
        if (bounds.isLookup(i)) {
          total.lookups.add("'" + table.name() + "'");
          continue;
        }
        if (in.direction() == Interaction.Direction.RECEIVE) {
          total.otherReceivers.add("'" + table.name() + "'");
        }
        if (bounds.bound(i) == MultiplicityBounds.UNBOUNDED) {
          total.unbounded.add("'" + table.name() + "' (" + in.direction().toString().toLowerCase() + " at "
              + in.source() + ")");
        } else {
          perRow.merge(in.bus(), bounds.bound(i), Long::sum);
        }
      }
      int height = heights[t];
      perRow.forEach((bus, bound) -> {
        Total total = totals.get(bus);
        total.sum = Math.min(Long.MAX_VALUE / 2, total.sum + height * bound);
        total.terms.add("'" + table.name() + "' " + height + " rows × " + bound);
      });
    }
    List<String> out = new ArrayList<>();
    totals.forEach((bus, total) -> {
      if (!total.lookups.isEmpty() && !total.otherReceivers.isEmpty()) {
        out.add("bus '" + bus + "': lookup counter of " + String.join(", ", total.lookups) + " beside other receivers "
            + String.join(", ", total.otherReceivers) + "; a counter may supply them any message of its table, so "
            + "a lookup table must be its bus's only receiver");
      }
      if (total.statement > 0) {
        total.terms.add("public messages " + total.statement);
      }
      if (!total.unbounded.isEmpty()) {
        out.add("bus '" + bus + "': no bound on the multiplicity of " + String.join(", ", total.unbounded)
            + ", so its counts could wrap around p = " + BabyBear.P + " and cancel");
      } else if (total.sum >= BabyBear.P) {
        out.add("bus '" + bus + "': multiplicities could add up to " + String.join(" + ", total.terms) + " = "
            + total.sum + " ≥ p = " + BabyBear.P + ", so counts could wrap around and cancel");
      }
    });
    return out;
  }

  private static final class Total {
    long sum;
    long statement;
    final List<String> terms = new ArrayList<>();
    final List<String> unbounded = new ArrayList<>();
    final java.util.Set<String> lookups = new java.util.LinkedHashSet<>();
    final java.util.Set<String> otherReceivers = new java.util.LinkedHashSet<>();
  }
}
