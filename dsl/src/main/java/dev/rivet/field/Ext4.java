package dev.rivet.field;

import java.util.Arrays;

/**
 * An element of the degree-4 extension of BabyBear, F<sub>p</sub>[x]/(x<sup>4</sup> − 11): about
 * 2<sup>124</sup> elements, the field from which the prover's random challenges are drawn.
 *
 * <h2>Design note</h2>
 * An element is {@code c0 + c1·x + c2·x² + c3·x³} with canonical BabyBear coefficients. x<sup>4</sup> − 11 is
 * irreducible because 11 is not a square in BabyBear and p ≡ 1 (mod 4) (the binomial criterion), so
 * x<sup>4</sup> = 11 is the only reduction rule. Instances are immutable values with Kotlin-friendly operator
 * names ({@code a + b}, {@code a * b}, {@code -a}). Hot loops that would allocate one object per element use the
 * static packed forms instead, which read and write four consecutive ints of an array.
 */
public final class Ext4 {
  /** The non-residue W with x<sup>4</sup> = W. */
  public static final int W = 11;
  /** Number of base-field coefficients. */
  public static final int DEGREE = 4;

  public static final Ext4 ZERO = new Ext4(0, 0, 0, 0);
  public static final Ext4 ONE = new Ext4(1, 0, 0, 0);

  private final int c0;
  private final int c1;
  private final int c2;
  private final int c3;

  private Ext4(int c0, int c1, int c2, int c3) {
    this.c0 = c0;
    this.c1 = c1;
    this.c2 = c2;
    this.c3 = c3;
  }

  /** The element with the given coefficients, each reduced to canonical form. */
  public static Ext4 of(int c0, int c1, int c2, int c3) {
    return new Ext4(BabyBear.fromInt(c0), BabyBear.fromInt(c1), BabyBear.fromInt(c2), BabyBear.fromInt(c3));
  }

  /** The base-field element {@code a} embedded in the extension. */
  public static Ext4 fromBase(int a) {
    return new Ext4(BabyBear.fromInt(a), 0, 0, 0);
  }

  /** Reads four coefficients starting at {@code offset}; they must already be canonical. */
  public static Ext4 read(int[] src, int offset) {
    return new Ext4(src[offset], src[offset + 1], src[offset + 2], src[offset + 3]);
  }

  /** Writes the four coefficients to {@code dst[offset..offset+3]}. */
  public void write(int[] dst, int offset) {
    dst[offset] = c0;
    dst[offset + 1] = c1;
    dst[offset + 2] = c2;
    dst[offset + 3] = c3;
  }

  /** The coefficient of x<sup>i</sup>. */
  public int coeff(int i) {
    switch (i) {
      case 0: return c0;
      case 1: return c1;
      case 2: return c2;
      case 3: return c3;
      default: throw new IndexOutOfBoundsException("Ext4 has coefficients 0..3, not " + i);
    }
  }

  /** Whether the element lies in the base field (c1 = c2 = c3 = 0). */
  public boolean isBase() {
    return c1 == 0 && c2 == 0 && c3 == 0;
  }

  public boolean isZero() {
    return c0 == 0 && c1 == 0 && c2 == 0 && c3 == 0;
  }

  public Ext4 plus(Ext4 o) {
    return new Ext4(BabyBear.add(c0, o.c0), BabyBear.add(c1, o.c1), BabyBear.add(c2, o.c2), BabyBear.add(c3, o.c3));
  }

  public Ext4 plus(int base) {
    return new Ext4(BabyBear.add(c0, base), c1, c2, c3);
  }

  public Ext4 minus(Ext4 o) {
    return new Ext4(BabyBear.sub(c0, o.c0), BabyBear.sub(c1, o.c1), BabyBear.sub(c2, o.c2), BabyBear.sub(c3, o.c3));
  }

  public Ext4 minus(int base) {
    return new Ext4(BabyBear.sub(c0, base), c1, c2, c3);
  }

  public Ext4 unaryMinus() {
    return new Ext4(BabyBear.neg(c0), BabyBear.neg(c1), BabyBear.neg(c2), BabyBear.neg(c3));
  }

  public Ext4 times(int base) {
    return new Ext4(BabyBear.mul(c0, base), BabyBear.mul(c1, base), BabyBear.mul(c2, base), BabyBear.mul(c3, base));
  }

  public Ext4 times(Ext4 o) {
    int[] out = new int[4];
    mul(c0, c1, c2, c3, o.c0, o.c1, o.c2, o.c3, out, 0);
    return new Ext4(out[0], out[1], out[2], out[3]);
  }

  public Ext4 square() {
    return times(this);
  }

  public Ext4 pow(long e) {
    if (e < 0) {
      return inverse().pow(-e);
    }
    Ext4 result = ONE;
    Ext4 base = this;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = result.times(base);
      }
      base = base.square();
      e >>>= 1;
    }
    return result;
  }

  /**
   * The multiplicative inverse. With a = A(x²) + x·B(x²), the product a(x)·a(−x) = A² − x²B² is a polynomial in
   * y = x² over the quadratic extension y² = W, whose inverse needs one base-field inversion of its norm.
   */
  public Ext4 inverse() {
    if (isZero()) {
      throw new ArithmeticException("inverse of zero in Ext4");
    }
    long w = W;
    // e(y) = a(x)·a(−x) = e0 + e1·y
    int e0 = BabyBear.sub(
        BabyBear.add(BabyBear.square(c0), BabyBear.mul(W, BabyBear.square(c2))),
        BabyBear.reduce(2 * w * BabyBear.mul(c1, c3)));
    int e1 = BabyBear.sub(
        BabyBear.reduce(2L * BabyBear.mul(c0, c2)),
        BabyBear.add(BabyBear.square(c1), BabyBear.mul(W, BabyBear.square(c3))));
    // 1/e = (e0 − e1·y)/(e0² − W·e1²)
    int norm = BabyBear.sub(BabyBear.square(e0), BabyBear.mul(W, BabyBear.square(e1)));
    int normInv = BabyBear.inv(norm);
    int f0 = BabyBear.mul(e0, normInv);
    int f1 = BabyBear.neg(BabyBear.mul(e1, normInv));
    // a^{-1} = a(−x)·(f0 + f1·x²)
    Ext4 conj = new Ext4(c0, BabyBear.neg(c1), c2, BabyBear.neg(c3));
    return conj.times(new Ext4(f0, 0, f1, 0));
  }

  public Ext4 div(Ext4 o) {
    return times(o.inverse());
  }

  /**
   * Packed product: writes {@code (a0..a3)·(b0..b3)} to {@code out[o..o+3]}. Pairs of products are summed
   * before reduction: each is below p² < 2<sup>61.9</sup>, so two fit a long, three would not.
   */
  public static void mul(int a0, int a1, int a2, int a3, int b0, int b1, int b2, int b3, int[] out, int o) {
    long w = W;
    int hi0 = BabyBear.reduce((long) a1 * b3 + (long) a2 * b2);
    int hi1 = BabyBear.reduce((long) a3 * b1);
    int hi2 = BabyBear.reduce((long) a2 * b3 + (long) a3 * b2);
    int hi3 = BabyBear.reduce((long) a3 * b3);
    out[o] = BabyBear.reduce((long) a0 * b0 + w * ((long) hi0 + hi1));
    out[o + 1] = BabyBear.reduce((long) a0 * b1 + (long) a1 * b0 + w * hi2);
    int t = BabyBear.reduce((long) a0 * b2 + (long) a1 * b1);
    out[o + 2] = BabyBear.reduce((long) t + (long) a2 * b0 + w * hi3);
    int u = BabyBear.reduce((long) a0 * b3 + (long) a1 * b2);
    out[o + 3] = BabyBear.reduce((long) u + (long) a2 * b1 + (long) a3 * b0);
  }

  /** Packed product of two elements stored at {@code a[ao..]} and {@code b[bo..]}; out may alias either. */
  public static void mul(int[] a, int ao, int[] b, int bo, int[] out, int oo) {
    mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3], out, oo);
  }

  /** Packed sum of the elements at {@code a[ao..]} and {@code b[bo..]}; out may alias either. */
  public static void add(int[] a, int ao, int[] b, int bo, int[] out, int oo) {
    for (int i = 0; i < DEGREE; i++) {
      out[oo + i] = BabyBear.add(a[ao + i], b[bo + i]);
    }
  }

  /** Packed difference {@code a − b} of the elements at {@code a[ao..]} and {@code b[bo..]}; out may alias either. */
  public static void sub(int[] a, int ao, int[] b, int bo, int[] out, int oo) {
    for (int i = 0; i < DEGREE; i++) {
      out[oo + i] = BabyBear.sub(a[ao + i], b[bo + i]);
    }
  }

  /** Packed product of the element at {@code a[ao..]} by the base-field element {@code s}; out may alias a. */
  public static void mulBase(int[] a, int ao, int s, int[] out, int oo) {
    for (int i = 0; i < DEGREE; i++) {
      out[oo + i] = BabyBear.mul(a[ao + i], s);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ext4 && ((Ext4) o).c0 == c0 && ((Ext4) o).c1 == c1 && ((Ext4) o).c2 == c2
        && ((Ext4) o).c3 == c3;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {c0, c1, c2, c3});
  }

  @Override
  public String toString() {
    return isBase() ? Integer.toString(c0) : "[" + c0 + ", " + c1 + ", " + c2 + ", " + c3 + "]";
  }
}
