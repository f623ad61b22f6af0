package dev.rivet.field;

/**
 * Evaluation of a polynomial, given by its values on a coset {@code shift·H_n}, at an extension-field point
 * outside that coset: the verifier-side and DEEP-side counterpart of {@link Ntt}.
 *
 * <h2>Design note</h2>
 * The barycentric form of Lagrange interpolation over the coset D = s·H_n, whose vanishing polynomial is
 * Z(X) = X<sup>n</sup> − s<sup>n</sup> with Z'(x<sub>i</sub>) = n·s<sup>n</sup>/x<sub>i</sub>, is
 * <pre>  f(z) = (z^n − s^n) / (n·s^n) · Σ_i f(x_i) · x_i / (z − x_i).</pre>
 * The weights depend only on the domain and on z, so {@link #weights} computes them once (one extension-field
 * inversion, by Montgomery's batch trick) and each column then costs n base-by-extension products: evaluating
 * a hundred columns at one DEEP point shares one weight vector. Weights are packed Ext4 values, four
 * consecutive ints per point.
 */
public final class Barycentric {
  private Barycentric() {}

  /**
   * The packed weights {@code w} with {@code f(z) = Σ f(shift·ω^i)·w_i} for every f of degree below
   * n = 2<sup>logN</sup>.
   *
   * @throws ArithmeticException if z lies in the coset, where the formula divides by zero (the caller then
   *     knows f(z) directly; a random z hits the coset with probability n/|Ext4|)
   */
  public static int[] weights(int logN, int shift, Ext4 z) {
    int n = 1 << logN;
    int shiftN = BabyBear.pow(shift, n);
    Ext4 vanishing = z.pow(n).minus(shiftN);
    if (vanishing.isZero()) {
      throw new ArithmeticException("barycentric evaluation point " + z + " lies in the coset " + shift + "·H_2^" + logN);
    }
    Ext4 scale = vanishing.times(BabyBear.inv(BabyBear.mul(n, shiftN)));
    int omega = BabyBear.twoAdicGenerator(logN);
    int[] points = BabyBear.powers(shift, omega, n);
    int[] w = new int[4 * n];
    // differences z − x_i, then their inverses by Montgomery's trick over packed Ext4 values
    int[] prefix = new int[4 * n];
    int[] acc = {1, 0, 0, 0};
    int[] zc = new int[4];
    z.write(zc, 0);
    for (int i = 0; i < n; i++) {
      zc[0] = BabyBear.sub(z.coeff(0), points[i]);
      System.arraycopy(zc, 0, w, 4 * i, 4);
      System.arraycopy(acc, 0, prefix, 4 * i, 4);
      Ext4.mul(acc, 0, zc, 0, acc, 0);
    }
    int[] inv = new int[4];
    Ext4.read(acc, 0).inverse().times(scale).write(inv, 0); // scale folded into the single inversion
    int[] tmp = new int[4];
    for (int i = n - 1; i >= 0; i--) {
      Ext4.mul(inv, 0, prefix, 4 * i, tmp, 0); // scale / (z − x_i)
      Ext4.mul(inv, 0, w, 4 * i, inv, 0);
      Ext4.mulBase(tmp, 0, points[i], w, 4 * i);
    }
    return w;
  }

  /** {@code Σ column[i]·weights_i} for a base-field column: f(z) given the weights of {@link #weights}. */
  public static Ext4 evaluate(int[] column, int[] weights) {
    checkLengths(column.length, weights.length);
    // split accumulation (BabyBear.fromSplit): no reduction, and no dependency chain through one, per term
    long lo0 = 0;
    long hi0 = 0;
    long lo1 = 0;
    long hi1 = 0;
    long lo2 = 0;
    long hi2 = 0;
    long lo3 = 0;
    long hi3 = 0;
    for (int i = 0; i < column.length; i++) {
      long f = column[i];
      int o = 4 * i;
      long p0 = f * weights[o];
      long p1 = f * weights[o + 1];
      long p2 = f * weights[o + 2];
      long p3 = f * weights[o + 3];
      lo0 += p0 & 0xFFFFFFFFL;
      hi0 += p0 >>> 32;
      lo1 += p1 & 0xFFFFFFFFL;
      hi1 += p1 >>> 32;
      lo2 += p2 & 0xFFFFFFFFL;
      hi2 += p2 >>> 32;
      lo3 += p3 & 0xFFFFFFFFL;
      hi3 += p3 >>> 32;
    }
    return Ext4.of(BabyBear.fromSplit(lo0, hi0), BabyBear.fromSplit(lo1, hi1), BabyBear.fromSplit(lo2, hi2),
        BabyBear.fromSplit(lo3, hi3));
  }

  /** {@code Σ column_i·weights_i} for a packed Ext4 column (4 ints per value). */
  public static Ext4 evaluateExt(int[] packedColumn, int[] weights) {
    checkLengths(packedColumn.length / 4, weights.length);
    if (packedColumn.length % 4 != 0) {
      throw new IllegalArgumentException("packed Ext4 column length " + packedColumn.length + " is not a multiple of 4");
    }
    int[] acc = new int[4];
    int[] term = new int[4];
    for (int o = 0; o < packedColumn.length; o += 4) {
      Ext4.mul(packedColumn, o, weights, o, term, 0);
      Ext4.add(acc, 0, term, 0, acc, 0);
    }
    return Ext4.read(acc, 0);
  }

  private static void checkLengths(int n, int weightInts) {
    if (4 * n != weightInts) {
      throw new IllegalArgumentException("column of " + n + " values against " + weightInts / 4 + " weights");
    }
  }
}
