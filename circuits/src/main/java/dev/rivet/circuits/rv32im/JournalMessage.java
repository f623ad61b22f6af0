package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * One byte of the journal, the public output a receipt commits to, on the {@link #BUS journal bus}.
 *
 * <p><b>Who sends and receives.</b> The commit ECALL table sends (i, b) for every byte it commits, numbering them
 * from the journal cursor it reads and advances (a reserved kernel word, so the memory argument orders the
 * commits); the verifier receives (i, journal[i]) for i below the journal's length as public boundary messages.
 * The bus balances exactly when the committed bytes, in execution order, are the claimed journal.
 *
 * @param index the byte's position in the journal
 * @param value the byte, range-checked by the commit table
 */
public record JournalMessage(Expr index, Expr value) implements BusMessage {
  /** The journal bus. */
  public static final Bus<JournalMessage> BUS = Bus.<JournalMessage>of("rv32_journal", "index", "value").withPublicMessages();

  @Override
  public List<Expr> fields() {
    return List.of(index, value);
  }
}
