package dev.rivet.stark.fri;

import dev.rivet.field.BabyBear;

/**
 * The evaluation domains of FRI inputs, for the STARK layer to build its inputs on (prover) and to locate its
 * query points (verifier).
 *
 * <p>With K the largest input log-size, an input of log-size k lives on the coset {@code s_k·H_{2^k}} with
 * {@code s_k = GENERATOR^(2^(K−k))}: the top coset {@code GENERATOR·H_{2^K}} squared K − k times. So a table of
 * height 2<sup>h</sup> whose LDE has log-size k = h + logBlowup is extended with {@code Ntt.lde(columns,
 * logBlowup, shift(K, k))}, and only the largest tables use {@code GENERATOR} itself.
 */
public final class FriDomain {
  private FriDomain() {}

  /** {@code s_k = GENERATOR^(2^(K−k))}, the coset shift of an input of log-size k when the largest is K. */
  public static int shift(int maxLogSize, int logSize) {
    if (logSize < 0 || logSize > maxLogSize || maxLogSize > BabyBear.TWO_ADICITY) {
      throw new IllegalArgumentException("no FRI domain of log-size " + logSize + " under a largest log-size " + maxLogSize);
    }
    int s = BabyBear.GENERATOR;
    for (int i = logSize; i < maxLogSize; i++) {
      s = BabyBear.square(s);
    }
    return s;
  }

  /**
   * The point of the input of log-size k that a query at top-domain index {@code index} opens:
   * {@code s_k·ω_{2^k}^(index mod 2^k)}.
   */
  public static int point(int maxLogSize, int logSize, int index) {
    int local = index & ((1 << logSize) - 1);
    return BabyBear.mul(shift(maxLogSize, logSize), BabyBear.pow(BabyBear.twoAdicGenerator(logSize), local));
  }
}
