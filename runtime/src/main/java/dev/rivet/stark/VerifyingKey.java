package dev.rivet.stark;

import dev.rivet.air.AirTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verifier needs besides a proof and its public values: the configuration, the tables (whose digests the
 * transcript absorbs), and a Merkle root of each table's preprocessed columns, committed once at
 * {@link ProvingKey#setup setup}.
 */
public final class VerifyingKey {
  private final StarkConfig config;
  private final List<AirTable> tables;
  private final int[][] preprocessedRoots;
  final TableShape[] shapes;
  private final List<String> publicBuses;

  VerifyingKey(StarkConfig config, List<AirTable> tables, int[][] preprocessedRoots) {
    this.config = config;
    this.tables = List.copyOf(tables);
    this.preprocessedRoots = preprocessedRoots;
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a proof needs at least one table");
    }
    Map<Integer, String> busIds = new HashMap<>();
    Map<String, List<String>> busFields = new HashMap<>();
    Map<String, Boolean> publicBuses = new java.util.TreeMap<>();
    this.shapes = new TableShape[tables.size()];
    for (int t = 0; t < tables.size(); t++) {
      AirTable table = tables.get(t);
      shapes[t] = new TableShape(table, config.security().logBlowup());
      table.interactions().forEach(in -> {
        String other = busIds.putIfAbsent(LogUp.busId(in.bus()), in.bus());
        if (other != null && !other.equals(in.bus())) {
          throw new IllegalArgumentException("buses '" + other + "' and '" + in.bus() + "' have the same identifier; "
              + "rename one");
        }
        Boolean open = publicBuses.putIfAbsent(in.bus(), in.publicMessages());
        if (open != null && open != in.publicMessages()) {
          throw new IllegalArgumentException("bus '" + in.bus() + "' accepts public messages in one table but not in "
              + "table '" + table.name() + "'; declare it the same way everywhere");
        }
        List<String> fields = busFields.putIfAbsent(in.bus(), in.fieldNames());
        if (fields != null && !fields.equals(in.fieldNames())) {
          throw new IllegalArgumentException("bus '" + in.bus() + "' has fields " + fields + " in one table and "
              + in.fieldNames() + " in table '" + table.name() + "'");
        }
      });
    }
    this.publicBuses = publicBuses.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  /**
   * The buses that accept public messages ({@code Bus.withPublicMessages()}), sorted: proofs of this key may carry
   * {@code PublicMessage}s on these and on no other.
   */
  public List<String> publicBuses() {
    return publicBuses;
  }

  public StarkConfig config() {
    return config;
  }

  /** The tables, in the order proofs cover them. */
  public List<AirTable> tables() {
    return tables;
  }

  /** Whether some table has bus interactions, so that proofs have a LogUp round. */
  boolean hasBus() {
    for (TableShape s : shapes) {
      if (s.auxWidth > 0) {
        return true;
      }
    }
    return false;
  }

  /** The Merkle root of table t's preprocessed LDE, or null when it has no preprocessed columns. */
  public int[] preprocessedRoot(int t) {
    return preprocessedRoots[t] == null ? null : preprocessedRoots[t].clone();
  }
}
