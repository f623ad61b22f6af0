package dev.rivet.circuits.keccak;

import dev.rivet.dsl.Bus;
import dev.rivet.dsl.BusMessage;
import dev.rivet.dsl.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * One Keccak-f[1600] evaluation on the {@link #BUS keccak_permutation bus}: the state before and after the 24
 * rounds, each lane as {@value #LIMBS_PER_LANE} limbs of {@value #LIMB_BITS} bits. The {@link KeccakChip} sends
 * one message per permutation it proves; a caller (an ECALL table) receives the (input, output) pair it read from
 * and writes to memory, and the bus balances only if the chip proved exactly that pair.
 *
 * <p>Field order: {@code in[lane][limb]} for lanes 0..24 (lane {@code x + 5y}) and limbs 0..3 (least significant
 * first), then {@code out[lane][limb]} likewise: 200 fields. Limb {@code k} of a lane {@code w} is
 * {@code (w >>> 16k) & 0xffff}.
 *
 * @param input the 100 input limbs, in field order (columns or any expressions of degree ≤ 2)
 * @param output the 100 output limbs, in field order
 */
public record KeccakStateMessage(List<? extends Expr> input, List<? extends Expr> output) implements BusMessage {
  /** Bits per limb: 16-bit limbs keep a lane at four field elements and every limb far below p. */
  public static final int LIMB_BITS = 16;
  /** Limbs per 64-bit lane. */
  public static final int LIMBS_PER_LANE = 4;
  /** Limbs per state: 25 lanes × 4. */
  public static final int STATE_LIMBS = KeccakConstants.LANES * LIMBS_PER_LANE;

  /** The Keccak-f[1600] bus: (input state, output state) as 16-bit limbs. */
  public static final Bus<KeccakStateMessage> BUS = Bus.of("keccak_permutation", fieldNames());

  public KeccakStateMessage {
    if (input.size() != STATE_LIMBS || output.size() != STATE_LIMBS) {
      throw new IllegalArgumentException("a Keccak state message holds " + STATE_LIMBS + " input and "
          + STATE_LIMBS + " output limbs, not " + input.size() + " and " + output.size());
    }
    input = List.copyOf(input);
    output = List.copyOf(output);
  }

  @Override
  public List<Expr> fields() {
    List<Expr> all = new ArrayList<>(2 * STATE_LIMBS);
    all.addAll(input);
    all.addAll(output);
    return all;
  }

  private static String[] fieldNames() {
    String[] names = new String[2 * STATE_LIMBS];
    for (int lane = 0; lane < KeccakConstants.LANES; lane++) {
      for (int limb = 0; limb < LIMBS_PER_LANE; limb++) {
        names[lane * LIMBS_PER_LANE + limb] = "in[" + lane + "][" + limb + "]";
        names[STATE_LIMBS + lane * LIMBS_PER_LANE + limb] = "out[" + lane + "][" + limb + "]";
      }
    }
    return names;
  }
}
