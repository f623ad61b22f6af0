package dev.rivet.host;

import dev.rivet.stark.StarkConfig;

/**
 * How {@link GuestProver} proves: the STARK configuration and the longest run it accepts.
 *
 * @param config the proof system's parameters and hash ({@link StarkConfig#standard()} by default)
 * @param maxCycles the most cycles a proved run may take; a longer run is refused after execution, before proving
 */
public record ProverOptions(StarkConfig config, long maxCycles) {
  /**
   * The most cycles one segment can hold: every timestamp 4(c + 1) + slot must stay below 2^24, the bound the
   * memory argument's order checks rely on (docs/circuits.md).
   */
  public static final long SEGMENT_LIMIT = (1L << 22) - 1;

  /** The standard configuration, with runs up to {@link #SEGMENT_LIMIT} cycles. */
  public static final ProverOptions DEFAULT = new ProverOptions(StarkConfig.standard(), SEGMENT_LIMIT);

  public ProverOptions {
    if (config == null) {
      throw new IllegalArgumentException("config is null");
    }
    if (maxCycles < 1 || maxCycles > SEGMENT_LIMIT) {
      throw new IllegalArgumentException("maxCycles " + maxCycles + " is outside 1 … " + SEGMENT_LIMIT);
    }
  }

  /** These options with another configuration. */
  public ProverOptions withConfig(StarkConfig other) {
    return new ProverOptions(other, maxCycles);
  }

  /** These options with another cycle limit. */
  public ProverOptions withMaxCycles(long cycles) {
    return new ProverOptions(config, cycles);
  }
}
