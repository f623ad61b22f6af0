package dev.rivet.dsl;

import java.util.List;

/**
 * The shape of the messages on one {@link Bus}: a type per shape, so that sending a memory message on the range
 * bus does not compile. Typically a record whose components are expressions:
 *
 * <pre>{@code
 * record Range(Expr value) implements BusMessage {
 *   public List<Expr> fields() { return List.of(value); }
 * }
 * }</pre>
 */
public interface BusMessage {
  /** The message's fields, in the order of the bus's field names. */
  List<Expr> fields();
}
