package dev.rivet.circuits.rv32im;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.List;

/**
 * One version of one memory word, on the {@link #BUS memory bus} of the offline memory-checking argument: the
 * word at {@code address} held {@code value} from timestamp {@code timestamp} on. Registers are words too, at
 * {@link dev.rivet.exec.MemoryMap#registerAddress}.
 *
 * <p><b>Who sends and receives.</b> An access at timestamp t receives the version it replaces, (a, v_prev, t_prev),
 * and sends the new one, (a, v, t), after constraining t_prev &lt; t with a range-checked difference; a read sends
 * v = v_prev. The initial-image table and the zero-initialisation table send each word's first version at
 * timestamp 0; the final table receives each word's last version. Per address every access consumes one version
 * and produces one, so the bus balances only if the accesses of each address form one chain in timestamp order
 * from its initial value to its final one (docs/circuits.md, "Memory").
 *
 * <p><b>Encoding.</b> {@code address} is the word index {@code byte address >>> 2}: below 2^30, so one field
 * element holds it without wrapping (a byte address would not fit: 0xBFFFFFFF &gt; p). The value is two 16-bit
 * halves, range-checked by whoever writes them (and fixed by the image for initial values); the timestamp is one
 * field element below 2^24.
 *
 * @param address the word index (byte address / 4)
 * @param valueLo bits 0..15 of the word
 * @param valueHi bits 16..31 of the word
 * @param timestamp when this version was written (0 for the initial image)
 */
public record MemoryMessage(Expr address, Expr valueLo, Expr valueHi, Expr timestamp) implements BusMessage {
  /** The memory bus. */
  public static final Bus<MemoryMessage> BUS = Bus.of("rv32_memory", "address", "value_lo", "value_hi", "timestamp");

  @Override
  public List<Expr> fields() {
    return List.of(address, valueLo, valueHi, timestamp);
  }
}
