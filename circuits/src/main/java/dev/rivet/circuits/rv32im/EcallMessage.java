package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * An ECALL handed from the instruction that executes it to the table that proves it, on the {@link #BUS ECALL
 * bus}.
 *
 * <p><b>Who sends and receives.</b> The ECALL instruction chip fetches the ECALL at (pc, clk), reads a7 and sends
 * (pc, clk, a7's halves); it sends no next state. Each ECALL table (halt, read, write, commit, and any accelerator)
 * receives the messages whose number is its own constant and, unless it halts, sends the next state
 * (pc + 4, clk + 4) on the {@link StateMessage#BUS state bus}. So an accelerator is one more table on this bus and
 * touches nothing else, and an ECALL whose number no table receives leaves the bus unbalanced: such a run is
 * refused before proving.
 *
 * @param pc the ECALL's address
 * @param clk the clock of its cycle; its reads use clk + 1 and its writes clk + 2 (as the record does)
 * @param numberLo bits 0..15 of a7
 * @param numberHi bits 16..31 of a7
 */
public record EcallMessage(Expr pc, Expr clk, Expr numberLo, Expr numberHi) implements BusMessage {
  /** The ECALL bus. */
  public static final Bus<EcallMessage> BUS = Bus.of("rv32_ecall", "pc", "clk", "number_lo", "number_hi");

  @Override
  public List<Expr> fields() {
    return List.of(pc, clk, numberLo, numberHi);
  }
}
