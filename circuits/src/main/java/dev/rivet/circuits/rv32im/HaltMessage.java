package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * The end of a run, on the {@link #BUS halt bus}: the exit code and the journal's length.
 *
 * <p><b>Who sends and receives.</b> The halt ECALL table sends it once, on the row that receives the last state,
 * with a0's halves and the journal cursor it reads; the verifier receives the claim's (exit code, journal length)
 * as a public boundary message. A run without a halt sends nothing and cannot balance.
 *
 * @param exitLo bits 0..15 of the exit code (a0)
 * @param exitHi bits 16..31 of the exit code
 * @param journalLength the number of journal bytes committed
 */
public record HaltMessage(Expr exitLo, Expr exitHi, Expr journalLength) implements BusMessage {
  /** The halt bus. */
  public static final Bus<HaltMessage> BUS = Bus.<HaltMessage>of("rv32_halt", "exit_lo", "exit_hi", "journal_length").withPublicMessages();

  @Override
  public List<Expr> fields() {
    return List.of(exitLo, exitHi, journalLength);
  }
}
