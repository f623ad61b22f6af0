package dev.rivet.field;

/**
 * The BabyBear prime field, p = 2<sup>31</sup> − 2<sup>27</sup> + 1 = 15·2<sup>27</sup> + 1, on plain {@code int}s.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Representation.</b> An element is an {@code int} in canonical form {@code [0, p)}. Every method
 *       takes canonical inputs and returns canonical outputs; values a circuit author writes into a trace are
 *       exactly the values the constraints see. (Montgomery form would save a little in products, but it leaks
 *       into every trace fill and every hash of a row.)
 *   <li><b>Products.</b> {@code a·b < p² < 2<sup>62</sup>} fits a {@code long}, and so does the sum of two products; {@link #reduce(long)} is a Barrett
 *       reduction with the 128-bit high product {@link Math#multiplyHigh} (a single {@code mulq}, a JIT
 *       intrinsic), followed by one conditional subtraction.
 *   <li><b>Two-adicity.</b> p − 1 = 15·2<sup>27</sup>, so multiplicative subgroups of every power-of-two order up
 *       to 2<sup>27</sup> exist: trace domains and their cosets for NTTs and FRI.
 *   <li><b>Generator.</b> 31 generates the whole multiplicative group; {@link #GENERATOR} is also the coset shift
 *       used for low-degree extensions, since it lies in no proper subgroup.
 * </ul>
 */
public final class BabyBear {
  /** The modulus. */
  public static final int P = 0x78000001;
  /** The modulus as a long, to avoid widening in hot code. */
  public static final long P_LONG = P;
  /** A generator of the multiplicative group (order p − 1). */
  public static final int GENERATOR = 31;
  /** The largest k with 2<sup>k</sup> | p − 1. */
  public static final int TWO_ADICITY = 27;

  /** floor(2^64 / p): the Barrett constant for {@link #reduce(long)}. */
  private static final long BARRETT = Long.divideUnsigned(-1L, P_LONG);

  private static final int[] TWO_ADIC_ROOTS = new int[TWO_ADICITY + 1];

  static {
    // TWO_ADIC_ROOTS[k] generates the subgroup of order 2^k.
    TWO_ADIC_ROOTS[TWO_ADICITY] = pow(GENERATOR, (P - 1) >>> TWO_ADICITY);
    for (int k = TWO_ADICITY - 1; k >= 0; k--) {
      TWO_ADIC_ROOTS[k] = mul(TWO_ADIC_ROOTS[k + 1], TWO_ADIC_ROOTS[k + 1]);
    }
  }

  private BabyBear() {}

  /** Reduces {@code 0 <= x < 2^63}: a product of two canonical elements, or the sum of two such products. */
  public static int reduce(long x) {
    long q = Math.multiplyHigh(x, BARRETT); // floor(x/p) or one less: the error of BARRETT·x/2^64 is below 1
    long r = x - q * P_LONG;
    return (int) (r >= P_LONG ? r - P_LONG : r);
  }

  /** 2<sup>32</sup> mod p, for {@link #fromSplit}. */
  private static final long TWO_32 = (1L << 32) % P_LONG;

  /**
   * Reduces a sum of products that was accumulated split in halves: {@code lo} the sum of the products' low 32
   * bits, {@code hi} the sum of their high parts ({@code product >>> 32}). Summing n products of two canonical
   * elements this way needs no reduction per term and cannot overflow for n below 2<sup>31</sup>, which makes it
   * the cheap form of a long dot product (the prover's random linear combinations).
   */
  public static int fromSplit(long lo, long hi) {
    return reduce(reduce(hi) * TWO_32 + reduce(lo));
  }

  /** Maps any long (including negative values) to its canonical residue. */
  public static int fromLong(long x) {
    long r = x % P_LONG;
    return (int) (r < 0 ? r + P_LONG : r);
  }

  /** Maps any int (including negative values) to its canonical residue: {@code -1} becomes {@code p − 1}. */
  public static int fromInt(int x) {
    int r = x % P;
    return r < 0 ? r + P : r;
  }

  /** Whether {@code x} is a canonical element, the check a verifier applies to every element it decodes. */
  public static boolean isCanonical(int x) {
    return x >= 0 && x < P;
  }

  // Branch-free forms: plain int arithmetic that C2 vectorizes inside batch loops (a compare-and-select does not
  // vectorize for ints on JDK 17). Inputs are canonical, so a + b − p and a − b lie in (−2^31, 2^31): exact in int
  // arithmetic even when a + b itself wraps; adding p back where the result is negative makes it canonical.

  public static int add(int a, int b) {
    int s = a + b - P;
    return s + ((s >> 31) & P);
  }

  public static int sub(int a, int b) {
    int d = a - b;
    return d + ((d >> 31) & P);
  }

  public static int neg(int a) {
    int d = -a;
    return d + ((d >> 31) & P);
  }

  public static int mul(int a, int b) {
    return reduce((long) a * b);
  }

  public static int square(int a) {
    return reduce((long) a * a);
  }

  /** {@code a^e} for a non-negative exponent. */
  public static int pow(int a, long e) {
    if (e < 0) {
      throw new IllegalArgumentException("negative exponent " + e);
    }
    int result = 1;
    int base = a;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = mul(result, base);
      }
      base = mul(base, base);
      e >>>= 1;
    }
    return result;
  }

  /** The multiplicative inverse, by Fermat. Zero has none. */
  public static int inv(int a) {
    if (a == 0) {
      throw new ArithmeticException("inverse of zero in BabyBear");
    }
    return pow(a, P - 2);
  }

  /** A generator of the multiplicative subgroup of order 2<sup>logN</sup>. */
  public static int twoAdicGenerator(int logN) {
    if (logN < 0 || logN > TWO_ADICITY) {
      throw new IllegalArgumentException("no subgroup of order 2^" + logN + " in BabyBear (two-adicity 27)");
    }
    return TWO_ADIC_ROOTS[logN];
  }

  /** The element as a signed integer in (−p/2, p/2], for readable dumps of negative numbers. */
  public static long toSigned(int a) {
    return a > P / 2 ? (long) a - P : a;
  }

  // ---- batch operations over arrays: the shapes the prover and trace fillers use ----

  /** {@code out[i] = a[i] · b[i]} for {@code i < n}. */
  public static void mul(int[] a, int[] b, int[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = reduce((long) a[i] * b[i]);
    }
  }

  /** {@code out[i] = a[i] + b[i]} for {@code i < n}. */
  public static void add(int[] a, int[] b, int[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = add(a[i], b[i]);
    }
  }

  /** {@code a[i] ← a[i] · c} for all i. */
  public static void scale(int[] a, int c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = reduce((long) a[i] * c);
    }
  }

  /** {@code [start, start·step, start·step², …]} of length n. */
  public static int[] powers(int start, int step, int n) {
    int[] out = new int[n];
    int x = start;
    for (int i = 0; i < n; i++) {
      out[i] = x;
      x = mul(x, step);
    }
    return out;
  }

  /**
   * Inverts every element in place with Montgomery's trick: one field inversion and 3(n − 1) products.
   *
   * @throws ArithmeticException naming the index of a zero element
   */
  public static void batchInverse(int[] a) {
    int n = a.length;
    if (n == 0) {
      return;
    }
    int[] prefix = new int[n];
    int acc = 1;
    for (int i = 0; i < n; i++) {
      if (a[i] == 0) {
        throw new ArithmeticException("batch inverse: element " + i + " is zero");
      }
      prefix[i] = acc;
      acc = mul(acc, a[i]);
    }
    int invAcc = inv(acc);
    for (int i = n - 1; i >= 0; i--) {
      int ai = a[i];
      a[i] = mul(invAcc, prefix[i]);
      invAcc = mul(invAcc, ai);
    }
  }
}
