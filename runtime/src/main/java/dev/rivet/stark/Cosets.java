package dev.rivet.stark;

import dev.rivet.field.BabyBear;

/**
 * The evaluation coset of each size: every LDE, quotient and FRI domain of 2<sup>k</sup> points is
 * {@code shift(k)·H_{2^k}} with shift(k) = GENERATOR<sup>2<sup>27−k</sup></sup>.
 *
 * <p>Why this choice: squaring maps shift(k)·H<sub>2<sup>k</sup></sub> onto shift(k−1)·H<sub>2<sup>k−1</sup></sub>,
 * point i to point i mod 2<sup>k−1</sup>, so x ↦ x<sup>2<sup>K−k</sup></sup> maps each larger coset onto each
 * smaller one: FRI folds through them, and reads a smaller table's LDE at i mod 2<sup>k</sup> as that LDE lifted
 * to the top coset ({@link #point}); and the coset of a size does not depend on the other tables of a proof, so
 * preprocessed columns can be committed once, at setup. Each shift has order 15·2<sup>k</sup>, whose odd part
 * keeps it out of every two-adic subgroup: the coset never meets a trace domain, where the vanishing polynomial
 * would be zero.
 */
public final class Cosets {
  private static final int[] SHIFTS = new int[BabyBear.TWO_ADICITY + 1];

  static {
    SHIFTS[0] = BabyBear.pow(BabyBear.GENERATOR, 1L << BabyBear.TWO_ADICITY);
    for (int k = 1; k <= BabyBear.TWO_ADICITY; k++) {
      SHIFTS[k] = BabyBear.pow(BabyBear.GENERATOR, 1L << (BabyBear.TWO_ADICITY - k));
    }
  }

  private Cosets() {}

  /** The shift of the coset of 2<sup>logSize</sup> points. */
  public static int shift(int logSize) {
    if (logSize < 0 || logSize > BabyBear.TWO_ADICITY) {
      throw new IllegalArgumentException("no coset of 2^" + logSize + " points (two-adicity 27)");
    }
    return SHIFTS[logSize];
  }

  /** The point a query at top-domain index {@code index} opens on the coset of 2<sup>logSize</sup> points. */
  public static int point(int logSize, int index) {
    int local = index & ((1 << logSize) - 1);
    return BabyBear.mul(shift(logSize), BabyBear.pow(BabyBear.twoAdicGenerator(logSize), local));
  }
}
