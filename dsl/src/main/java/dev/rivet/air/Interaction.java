package dev.rivet.air;

import java.util.List;

/**
 * One bus interaction of a table: on every row, the tuple of field expressions is sent (or received) with the
 * given multiplicity. Across all tables of a proof, every bus must balance: for each tuple, the multiplicities sent
 * minus those received sum to zero (as field elements). The prover enforces this with LogUp running sums.
 *
 * @param bus the bus name; names identify buses across tables
 * @param fieldNames the names of the tuple's fields, fixing the bus's arity
 * @param direction send or receive
 * @param fieldSlots program slots of the tuple's fields, in order
 * @param multiplicitySlot program slot of the multiplicity
 * @param publicMessages whether the bus also carries messages from the statement (see
 *     {@code dev.rivet.dsl.PublicMessage})
 * @param source where it was written
 */
public record Interaction(String bus, List<String> fieldNames, Direction direction, int[] fieldSlots,
    int multiplicitySlot, boolean publicMessages, SourceLocation source) {

  /** Whether a table adds (send) or removes (receive) messages from the bus. */
  public enum Direction {
    SEND,
    RECEIVE
  }

  public Interaction {
    fieldNames = List.copyOf(fieldNames);
    fieldSlots = fieldSlots.clone();
    if (fieldSlots.length != fieldNames.size()) {
      throw new IllegalArgumentException("bus '" + bus + "' has " + fieldNames.size() + " fields but the interaction at "
          + source + " gives " + fieldSlots.length);
    }
  }

  @Override
  public int[] fieldSlots() {
    return fieldSlots.clone();
  }

  /** The arity of the bus. */
  public int arity() {
    return fieldSlots.length;
  }

  /** The slot of field i, without copying. */
  public int fieldSlot(int i) {
    return fieldSlots[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Interaction i && bus.equals(i.bus) && fieldNames.equals(i.fieldNames)
        && direction == i.direction && java.util.Arrays.equals(fieldSlots, i.fieldSlots)
        && multiplicitySlot == i.multiplicitySlot && publicMessages == i.publicMessages;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(bus, fieldNames, direction, java.util.Arrays.hashCode(fieldSlots), multiplicitySlot,
        publicMessages);
  }
}
