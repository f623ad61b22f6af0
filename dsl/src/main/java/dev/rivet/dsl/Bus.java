package dev.rivet.dsl;

import java.util.List;

/**
 * A named, typed channel between tables. Tables send and receive messages of type {@code M}; across all tables
 * of a proof, what is sent must equal what is received, counted with multiplicity. Lookups (a value is in a table)
 * and permutations (two tables hold the same rows) are both written as buses.
 *
 * <p>The name identifies the bus across tables and is part of every digest; the field names fix its arity and make
 * reports readable.
 *
 * @param <M> the message type
 */
public final class Bus<M extends BusMessage> {
  private final String name;
  private final List<String> fieldNames;

  private Bus(String name, List<String> fieldNames) {
    this.name = name;
    this.fieldNames = fieldNames;
  }

  /** A bus with the given name and field names. */
  public static <M extends BusMessage> Bus<M> of(String name, String... fieldNames) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a bus needs a name");
    }
    if (fieldNames.length == 0) {
      throw new IllegalArgumentException("bus '" + name + "' needs at least one field");
    }
    return new Bus<>(name, List.of(fieldNames));
  }

  public String name() {
    return name;
  }

  public List<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public String toString() {
    return name + fieldNames;
  }
}
