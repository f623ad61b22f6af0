package dev.rivet.dsl;

import dev.rivet.air.AirTable;
import dev.rivet.air.Interaction;
import dev.rivet.field.BabyBear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bus message that comes from the statement rather than from a table: the verifier adds its term
 * σ·m/(α − fingerprint) to the bus balance itself, so a table can receive, e.g., a guest's journal bytes or its
 * exit code and prove what it did with them. How many there are varies per proof, so they are part of the
 * statement (absorbed into the transcript before the LogUp challenges), passed next to the public values to
 * {@code Prover.prove}, {@code Verifier.verify} and {@link dev.rivet.check.Checker#check(List, List)}. Only buses
 * declared {@link Bus#withPublicMessages()} accept them.
 *
 * <pre>{@code
 * // Java                                                  // Kotlin
 * PublicMessage.send(JournalByte.BUS, 1, index, value);    PublicMessage.send(JournalByte.BUS, 1, index, value)
 * }</pre>
 *
 * @param bus the bus name
 * @param values the message's fields, canonical field elements, in the bus's field order
 * @param multiplicity how many times the message is sent or received, a canonical field element
 * @param direction whether the statement sends the message (tables receive it) or receives it
 */
public record PublicMessage(String bus, int[] values, int multiplicity, Interaction.Direction direction) {
  public PublicMessage {
    values = values.clone();
  }

  /** The statement sends {@code values} on {@code bus}, {@code multiplicity} times, for tables to receive. */
  public static PublicMessage send(Bus<?> bus, int multiplicity, int... values) {
    return of(bus, multiplicity, values, Interaction.Direction.SEND);
  }

  /** The statement receives {@code values} from {@code bus}, {@code multiplicity} times, as tables send them. */
  public static PublicMessage receive(Bus<?> bus, int multiplicity, int... values) {
    return of(bus, multiplicity, values, Interaction.Direction.RECEIVE);
  }

  private static PublicMessage of(Bus<?> bus, int multiplicity, int[] values, Interaction.Direction direction) {
    if (!bus.acceptsPublicMessages()) {
      throw new IllegalArgumentException("bus '" + bus.name() + "' does not accept public messages; declare it with "
          + "withPublicMessages()");
    }
    return new PublicMessage(bus.name(), values, multiplicity, direction);
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  /** The value of field i, without copying. */
  public int value(int i) {
    return values[i];
  }

  /** The number of fields. */
  public int arity() {
    return values.length;
  }

  /**
   * What is wrong with these messages for these tables, one line each (empty if nothing): a bus no table declares
   * with public messages, a wrong number of fields, a value or multiplicity that is not a canonical field element.
   * The prover, the verifier and the checker all refuse by this one rule.
   */
  public static List<String> problems(List<AirTable> tables, List<PublicMessage> messages) {
    Map<String, Integer> arities = new HashMap<>();
    for (AirTable table : tables) {
      for (Interaction in : table.interactions()) {
        if (in.publicMessages()) {
          arities.put(in.bus(), in.arity());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      PublicMessage m = messages.get(i);
      String where = "public message " + i + " on bus '" + m.bus() + "'";
      Integer arity = arities.get(m.bus());
      if (arity == null) {
        out.add(where + ": no table declares that bus with public messages");
      } else if (arity != m.arity()) {
        out.add(where + ": " + m.arity() + " fields, the bus has " + arity);
      } else if (!BabyBear.isCanonical(m.multiplicity())) {
        out.add(where + ": multiplicity " + Integer.toUnsignedString(m.multiplicity())
            + " is not a canonical field element");
      } else {
        for (int v : m.values) {
          if (!BabyBear.isCanonical(v)) {
            out.add(where + ": value " + Integer.toUnsignedString(v) + " is not a canonical field element");
            break;
          }
        }
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicMessage m && bus.equals(m.bus) && java.util.Arrays.equals(values, m.values)
        && multiplicity == m.multiplicity && direction == m.direction;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(bus, java.util.Arrays.hashCode(values), multiplicity, direction);
  }

  @Override
  public String toString() {
    return direction.toString().toLowerCase() + " " + bus + java.util.Arrays.toString(values) + " × " + multiplicity;
  }
}
