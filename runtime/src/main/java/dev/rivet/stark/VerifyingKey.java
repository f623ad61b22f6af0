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

  VerifyingKey(StarkConfig config, List<AirTable> tables, int[][] preprocessedRoots) {
    this.config = config;
    this.tables = List.copyOf(tables);
    this.preprocessedRoots = preprocessedRoots;
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a proof needs at least one table");
    }
    Map<Integer, String> busIds = new HashMap<>();
    Map<String, List<String>> busFields = new HashMap<>();
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
        List<String> fields = busFields.putIfAbsent(in.bus(), in.fieldNames());
        if (fields != null && !fields.equals(in.fieldNames())) {
          throw new IllegalArgumentException("bus '" + in.bus() + "' has fields " + fields + " in one table and "
              + in.fieldNames() + " in table '" + table.name() + "'");
        }
      });
    }
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
