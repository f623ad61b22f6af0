package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * The machine's state between two instructions, on the {@link #BUS state bus}: the pc of the next instruction and
 * the clock of the cycle that runs it. This bus replaces a central CPU table's row-to-row transition (see
 * docs/circuits.md, "Execution state").
 *
 * <p><b>Who sends and receives.</b> Every instruction chip receives (pc, clk) on each of its real rows and sends
 * (pc', clk + 4), where pc' is what its instruction computes. The start state (entry pc, clock 4) is a boundary
 * message the verifier supplies from the image ID; the halt ECALL table receives the last state and sends none.
 * The bus therefore balances exactly when the rows form one chain from the entry to a halt.
 *
 * <p><b>Encoding.</b> Both fields are single field elements, which is injective only because of the ranges the
 * machine keeps them in: pc &lt; 2^30 (the {@link ProgramTable} holds only code below 2^30), clk &lt; 2^24
 * (segments of at most 2^22 − 1 cycles). The clock of cycle c is {@code 4(c + 1)}, the timestamp of the cycle's
 * first memory slot in {@link dev.rivet.exec.ExecutionRecord#timestamp}; slot s of the cycle uses clk + s.
 *
 * @param pc the address of the instruction about to run
 * @param clk {@code 4(c + 1)} for cycle c
 */
public record StateMessage(Expr pc, Expr clk) implements BusMessage {
  /** The execution-state bus. */
  public static final Bus<StateMessage> BUS = Bus.<StateMessage>of("rv32_state", "pc", "clk").withPublicMessages();

  @Override
  public List<Expr> fields() {
    return List.of(pc, clk);
  }
}
