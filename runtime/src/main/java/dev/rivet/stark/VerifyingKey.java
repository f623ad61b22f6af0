package dev.rivet.stark;

import dev.rivet.air.AirTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verifier needs besides a proof and its public values: the configuration, the tables (whose digests the
 * transcript absorbs), and the commitment to every table's preprocessed columns (the cap of one Merkle tree
 * over all their LDEs), made once at {@link ProvingKey#setup setup}.
 */
public final class VerifyingKey {
  private final StarkConfig config;
  private final List<AirTable> tables;
  private final int[] preprocessedCap;
  final TableShape[] shapes;

  VerifyingKey(StarkConfig config, List<AirTable> tables, int[] preprocessedCap) {
    this.config = config;
    this.tables = List.copyOf(tables);
    this.preprocessedCap = preprocessedCap;
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

  /**
   * The commitment to every table's preprocessed LDE: the cap (packed digests, {@code logCapHeight} of the
   * parameters, lowered to the smallest LDE's height) of one Merkle tree over them in table order; null when no
   * table has preprocessed columns.
   */
  public int[] preprocessedCommitment() {
    return preprocessedCap == null ? null : preprocessedCap.clone();
  }
}
