package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;

/**
 * Packed {@link Ext4} helpers beyond {@link Ext4}'s own packed operations, for the prover's per-row loops where an
 * object per value would dominate the cost: a fused multiply-accumulate by a base scalar, packing, and batch
 * inversion.
 */
final class ExtOps {
  private ExtOps() {}




  /** {@code acc += a · s} for a base-field scalar s. */
  static void addScaled(int[] acc, int acco, int[] a, int ao, int s) {
    for (int c = 0; c < 4; c++) {
      acc[acco + c] = BabyBear.add(acc[acco + c], BabyBear.mul(a[ao + c], s));
    }
  }


  static int[] pack(Ext4... values) {
    int[] out = new int[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      values[i].write(out, 4 * i);
    }
    return out;
  }

  /**
   * Inverts n packed elements in place with Montgomery's trick (one {@link Ext4#inverse()} in all).
   *
   * @return the index of the first zero element, or −1 if there was none (then nothing is changed)
   */
  static int batchInverse(int[] a, int n) {
    int[] prefix = new int[4 * n];
    int[] acc = {1, 0, 0, 0};
    for (int i = 0; i < n; i++) {
      if ((a[4 * i] | a[4 * i + 1] | a[4 * i + 2] | a[4 * i + 3]) == 0) {
        return i;
      }
      System.arraycopy(acc, 0, prefix, 4 * i, 4);
      Ext4.mul(acc, 0, a, 4 * i, acc, 0);
    }
    int[] inv = new int[4];
    Ext4.read(acc, 0).inverse().write(inv, 0);
    int[] tmp = new int[4];
    for (int i = n - 1; i >= 0; i--) {
      System.arraycopy(a, 4 * i, tmp, 0, 4);
      Ext4.mul(inv, 0, prefix, 4 * i, a, 4 * i);
      Ext4.mul(inv, 0, tmp, 0, inv, 0);
    }
    return -1;
  }
}
