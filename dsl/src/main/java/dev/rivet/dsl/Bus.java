package dev.rivet.dsl;

import java.util.List;

/**
 * A named, typed channel between tables. Tables send and receive messages of type {@code M}; across all tables
 * of a proof, what is sent must equal what is received, counted with multiplicity. Lookups (a value is in a table)
 * and permutations (two tables hold the same rows) are both written as buses.
 *
 * <p>The name identifies the bus across tables and is part of every digest; the field names fix its arity and make
 * reports readable. A bus {@link #withPublicMessages() with public messages} also carries messages from the
 * statement ({@link PublicMessage}), e.g. a guest's journal bytes received by the table that wrote them.
 *
 * @param <M> the message type
 */
public final class Bus<M extends BusMessage> {
  private final String name;
  private final List<String> fieldNames;
  private final boolean publicMessages;

  private Bus(String name, List<String> fieldNames, boolean publicMessages) {
    this.name = name;
    this.fieldNames = fieldNames;
    this.publicMessages = publicMessages;
  }

  /** A bus with the given name and field names. */
  public static <M extends BusMessage> Bus<M> of(String name, String... fieldNames) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a bus needs a name");
    }
    if (fieldNames.length == 0) {
      throw new IllegalArgumentException("bus '" + name + "' needs at least one field");
    }
    return new Bus<>(name, List.of(fieldNames), false);
  }

  /**
   * This bus, also accepting messages from the statement: proofs may carry {@link PublicMessage}s on it, which
   * the verifier adds to the bus's balance itself. Every table that uses the bus must declare it so (the
   * declaration is part of each table's digest, so the verifying key says which buses accept them).
   */
  public Bus<M> withPublicMessages() {
    return new Bus<>(name, fieldNames, true);
  }

  /** Whether proofs may carry public messages on this bus. */
  public boolean acceptsPublicMessages() {
    return publicMessages;
  }

  public String name() {
    return name;
  }

  public List<String> fieldNames() {
    return fieldNames;
  }

  @Override
  public String toString() {
    return name + fieldNames + (publicMessages ? " with public messages" : "");
  }
}
