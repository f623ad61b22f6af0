package dev.rivet.circuits.keccak;

/**
 * The constants of Keccak-f[1600] (FIPS 202, §3.2): the state is 25 lanes of 64 bits, lane (x, y) at index
 * {@code x + 5y}, each lane a little-endian bit vector; a permutation is 24 rounds of θ, ρ, π, χ, ι.
 *
 * <p>The tables are written out, as in the standard; the tests derive them again from their definitions (the
 * rc LFSR and the ρ walk) to catch a typo.
 */
public final class KeccakConstants {
  /** Rounds per permutation. */
  public static final int ROUNDS = 24;
  /** Lanes in the state. */
  public static final int LANES = 25;
  /** Bits per lane. */
  public static final int LANE_BITS = 64;

  private static final long[] ROUND_CONSTANTS = {
      0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
      0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
      0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
      0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
      0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
      0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
  };

  /** ρ rotation offsets by lane index x + 5y. */
  private static final int[] RHO_OFFSETS = {
      0, 1, 62, 28, 27,
      36, 44, 6, 55, 20,
      3, 10, 43, 25, 39,
      41, 45, 15, 21, 8,
      18, 2, 61, 56, 14,
  };

  private KeccakConstants() {}

  /** ι's round constant of round {@code round} (0-based). */
  public static long roundConstant(int round) {
    return ROUND_CONSTANTS[round];
  }

  /** A copy of the 24 round constants. */
  public static long[] roundConstants() {
    return ROUND_CONSTANTS.clone();
  }

  /** ρ's left-rotation of lane {@code x + 5y}. */
  public static int rhoOffset(int lane) {
    return RHO_OFFSETS[lane];
  }

  /** The lane index of (x, y), coordinates taken mod 5. */
  public static int lane(int x, int y) {
    return Math.floorMod(x, 5) + 5 * Math.floorMod(y, 5);
  }

  /** Where π moves lane (x, y): to (y, 2x + 3y). */
  public static int piTarget(int x, int y) {
    return lane(y, 2 * x + 3 * y);
  }
}
