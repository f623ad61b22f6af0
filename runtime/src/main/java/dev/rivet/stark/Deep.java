package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.util.stream.IntStream;

/**
 * The DEEP composition of one table: f(x) = (P(x) − P(ζ))/(x − ζ) + c<sub>M</sub>·(P(x) − P(ζω))/(x − ζω), where
 * P = Σ<sub>i&lt;M</sub> c<sub>i</sub>·column<sub>i</sub> over the table's M opened columns and c<sub>0</sub> …
 * c<sub>M</sub> are drawn from the transcript independently ({@link Batch#draw}). The quotient, opened at ζ alone,
 * has the one-point form f(x) = (P(x) − P(ζ))/(x − ζ) with c<sub>0</sub> … c<sub>M−1</sub> ({@link Batch#drawAt}).
 *
 * <h2>Design note</h2>
 * If every claimed value is the committed polynomial's value, each quotient is a polynomial of degree below n and
 * so is f; if any claim is false, the corresponding term has a pole and f is far from every low-degree polynomial
 * unless the random combination cancels it, which FRI then detects. Independent coefficients, rather than powers of
 * one challenge, keep that chance at about |D|/|F| per combination in the unique-decoding regime whatever the
 * number of columns (with powers it grows to (M − 1)·|D|/|F|: about 2<sup>−96</sup> for the 2,600 columns of the
 * Keccak chip, short of 100 bits). Because the batching is linear, the prover folds all M columns into P once per
 * point (four base products per column) and divides once per point, instead of dividing every column. The
 * verifier evaluates the same formula at each query point from the opened row.
 */
final class Deep {
  private static final int BLOCK = 1024;

  private Deep() {}

  /**
   * One batching: the coefficients c<sub>0</sub> … c<sub>M</sub> (packed; c<sub>M</sub> only with a second point)
   * and the points, with the claimed P(ζ) and P(ζω) combined once; {@code zetaNext} and {@code atZetaNext} are null
   * for a one-point batching.
   */
  record Batch(int[] coefficients, Ext4 zeta, Ext4 zetaNext, Ext4 atZeta, Ext4 atZetaNext) {
    /** Draws M + 1 independent coefficients, after the values at ζ and ζω have been observed. */
    static Batch draw(Transcript tr, Ext4 zeta, Ext4 zetaNext, Ext4[] valuesAtZeta, Ext4[] valuesAtZetaNext) {
      int[] c = coefficients(tr, valuesAtZeta.length + 1);
      return new Batch(c, zeta, zetaNext, combine(valuesAtZeta, c), combine(valuesAtZetaNext, c));
    }

    /** Draws M independent coefficients for columns opened at ζ alone, after their values have been observed. */
    static Batch drawAt(Transcript tr, Ext4 zeta, Ext4[] valuesAtZeta) {
      int[] c = coefficients(tr, valuesAtZeta.length);
      return new Batch(c, zeta, null, combine(valuesAtZeta, c), null);
    }

    private static int[] coefficients(Transcript tr, int count) {
      int[] c = new int[4 * count];
      for (int i = 0; i < count; i++) {
        tr.sampleExt4().write(c, 4 * i);
      }
      return c;
    }

    /** Points opened: 1 or 2. */
    int points() {
      return zetaNext == null ? 1 : 2;
    }
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
  static int[] prover(int[][] columns, int logLde, Batch batch) {
    int m = columns.length;
    int size = 1 << logLde;
    int[] powers = batch.coefficients();
    int points = batch.points();
    int[] pz = ExtOps.pack(batch.atZeta());
    int[] pzn = points == 2 ? ExtOps.pack(batch.atZetaNext()) : null;
    int[] zetas = points == 2 ? ExtOps.pack(batch.zeta(), batch.zetaNext()) : ExtOps.pack(batch.zeta());
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
      int[] den = new int[4 * points * block];
      int x = BabyBear.mul(shift, BabyBear.pow(omega, first));
      for (int j = 0; j < block; j++) {
        for (int k = 0; k < points; k++) {
          int o = 4 * (points * j + k);
          den[o] = BabyBear.sub(x, zetas[4 * k]);
          den[o + 1] = BabyBear.neg(zetas[4 * k + 1]);
          den[o + 2] = BabyBear.neg(zetas[4 * k + 2]);
          den[o + 3] = BabyBear.neg(zetas[4 * k + 3]);
        }
        x = BabyBear.mul(x, omega);
      }
      if (ExtOps.batchInverse(den, points * block) >= 0) {
        throw new IllegalStateException("DEEP point lies on the LDE coset; prove again");
      }
      int[] p = new int[4];
      int[] t = new int[4];
      int[] f = new int[4];
      for (int j = 0; j < block; j++) {
        for (int c = 0; c < 4; c++) {
          p[c] = BabyBear.fromSplit(lo[c][j], hi[c][j]);
        }
        if (points == 1) {
          term(p, pz, den, 4 * j, out, 4 * (first + j), t);
          continue;
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
  static Ext4 verifier(int[] row, int x, Batch batch) {
    int m = row.length;
    int[] c = batch.coefficients();
    int[] acc = new int[4];
    for (int i = 0; i < m; i++) {
      ExtOps.addScaled(acc, 0, c, 4 * i, row[i]);
    }
    Ext4 p = Ext4.read(acc, 0);
    Ext4 first = p.minus(batch.atZeta()).div(Ext4.fromBase(x).minus(batch.zeta()));
    if (batch.points() == 1) {
      return first;
    }
    Ext4 second = p.minus(batch.atZetaNext()).div(Ext4.fromBase(x).minus(batch.zetaNext()));
    return first.plus(second.times(Ext4.read(c, 4 * m)));
  }
}
