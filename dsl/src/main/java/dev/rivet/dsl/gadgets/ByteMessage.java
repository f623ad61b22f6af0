package dev.rivet.dsl.gadgets;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * A value claimed to be a byte, on the {@link #BUS byte bus}: whoever sends it relies on the {@link ByteRangeTable}
 * to receive it, which only holds 0..255.
 *
 * @param value the claimed byte
 */
public record ByteMessage(Expr value) implements BusMessage {
  /** The byte range-check bus. */
  public static final Bus<ByteMessage> BUS = Bus.of("byte", "value");

  @Override
  public List<Expr> fields() {
    return List.of(value);
  }
}
