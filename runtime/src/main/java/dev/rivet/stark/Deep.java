package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.util.stream.IntStream;

/**
 * The DEEP composition of one table: f(x) = (P(x) − P(ζ))/(x − ζ) + γ<sup>M</sup>·(P(x) − P(ζω))/(x − ζω), where
 * P = Σ<sub>i&lt;M</sub> γ<sup>i</sup>·column<sub>i</sub> over the table's M opened columns.
 *
 * <h2>Design note</h2>
 * If every claimed value is the committed polynomial's value, each quotient is a polynomial of degree below n and
 * so is f; if any claim is false, the corresponding term has a pole and, with all but negligible probability over
 * γ, f is far from every low-degree polynomial, which FRI detects. Because the batching is linear, the prover
 * folds all M columns into P once per point (four base products per column) and divides once per point, instead
 * of dividing every column. The verifier evaluates the same formula at each query point from the opened row.
 */
final class Deep {
  private static final int BLOCK = 1024;

  private Deep() {}

  /** γ<sup>0</sup> … γ<sup>M</sup>, packed. */
  private static int[] gammaPowers(Ext4 gamma, int m) {
    return QuotientEvaluator.powers(gamma, m + 1);
  }

  private static Ext4 combine(Ext4[] values, int[] powers) {
    int[] acc = new int[4];
    int[] t = new int[4];
    int[] v = new int[4];
    for (int i = 0; i < values.length; i++) {
      values[i].write(v, 0);
      Ext4.mul(powers, 4 * i, v, 0, t, 0);
      Ext4.add(acc, 0, t, 0, acc, 0);
    }
    return Ext4.read(acc, 0);
  }

  /** f on the table's LDE coset (natural order, packed), from the LDE columns. */
  static int[] prover(int[][] columns, int logLde, Ext4 zeta, Ext4 zetaNext, Ext4[] atZeta, Ext4[] atZetaNext,
      Ext4 gamma) {
    int m = columns.length;
    int size = 1 << logLde;
    int[] powers = gammaPowers(gamma, m);
    int[] pz = ExtOps.pack(combine(atZeta, powers));
    int[] pzn = ExtOps.pack(combine(atZetaNext, powers));
    int[] zetas = ExtOps.pack(zeta, zetaNext);
    int shift = Cosets.shift(logLde);
    int omega = BabyBear.twoAdicGenerator(logLde);
    int[] out = new int[4 * size];
    int block = Math.min(BLOCK, size);
    IntStream.range(0, size / block).parallel().forEach(b -> {
      int first = b * block;
      long[][] lo = new long[4][block];
      long[][] hi = new long[4][block];
      for (int i = 0; i < m; i++) {
        int[] col = columns[i];
        for (int c = 0; c < 4; c++) {
          long g = powers[4 * i + c];
          long[] l = lo[c];
          long[] h = hi[c];
          for (int j = 0; j < block; j++) {
            long product = g * col[first + j]; // split accumulation: see BabyBear.fromSplit
            l[j] += product & 0xFFFFFFFFL;
            h[j] += product >>> 32;
          }
        }
      }
      int[] den = new int[8 * block];
      int x = BabyBear.mul(shift, BabyBear.pow(omega, first));
      for (int j = 0; j < block; j++) {
        for (int k = 0; k < 2; k++) {
          int o = 4 * (2 * j + k);
          den[o] = BabyBear.sub(x, zetas[4 * k]);
          den[o + 1] = BabyBear.neg(zetas[4 * k + 1]);
          den[o + 2] = BabyBear.neg(zetas[4 * k + 2]);
          den[o + 3] = BabyBear.neg(zetas[4 * k + 3]);
        }
        x = BabyBear.mul(x, omega);
      }
      if (ExtOps.batchInverse(den, 2 * block) >= 0) {
        throw new IllegalStateException("DEEP point lies on the LDE coset; prove again");
      }
      int[] p = new int[4];
      int[] t = new int[4];
      int[] f = new int[4];
      for (int j = 0; j < block; j++) {
        for (int c = 0; c < 4; c++) {
          p[c] = BabyBear.fromSplit(lo[c][j], hi[c][j]);
        }
        term(p, pz, den, 8 * j, f, 0, t);
        term(p, pzn, den, 8 * j + 4, t, 0, t);
        Ext4.mul(powers, 4 * m, t, 0, t, 0);
        Ext4.add(f, 0, t, 0, out, 4 * (first + j));
      }
    });
    return out;
  }

  /** out = (p − v)·inverse, with scratch. */
  private static void term(int[] p, int[] v, int[] inverses, int io, int[] out, int oo, int[] scratch) {
    Ext4.sub(p, 0, v, 0, scratch, 0);
    Ext4.mul(scratch, 0, inverses, io, out, oo);
  }

  /** f at the LDE point x, from the opened row (all M columns, in the same order as the prover's). */
  static Ext4 verifier(int[] row, int x, Ext4 zeta, Ext4 zetaNext, Ext4[] atZeta, Ext4[] atZetaNext, Ext4 gamma) {
    int m = row.length;
    int[] powers = gammaPowers(gamma, m);
    int[] acc = new int[4];
    for (int i = 0; i < m; i++) {
      ExtOps.addScaled(acc, 0, powers, 4 * i, row[i]);
    }
    Ext4 p = Ext4.read(acc, 0);
    Ext4 first = p.minus(combine(atZeta, powers)).div(Ext4.fromBase(x).minus(zeta));
    Ext4 second = p.minus(combine(atZetaNext, powers)).div(Ext4.fromBase(x).minus(zetaNext));
    return first.plus(second.times(Ext4.read(powers, 4 * m)));
  }
}
