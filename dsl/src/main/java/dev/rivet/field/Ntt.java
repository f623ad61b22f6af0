package dev.rivet.field;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Number-theoretic transforms over the two-adic subgroups of BabyBear, and the coset low-degree extension
 * (LDE) built on them.
 *
 * <h2>Design note</h2>
 * DESIGN-NOTE
 */
public final class Ntt {
  /**
   * Transforms of at least 2^FOUR_STEP_MIN_LOG points use the vectorized four-step form. Forward NTT CPU per
   * point and level, four-step against scalar: 2^6 4.6 against 4.0 ns, 2^7 3.3 against 3.7, 2^8 2.2 against 3.6,
   * 2^10 1.3 against 3.3, 2^13 0.84 against 3.2.
   */
  private static final int FOUR_STEP_MIN_LOG = 8;
  /**
   * A position block of the four-step passes spans about 2^BLOCK_INTS_LOG ints (4 MiB): the L3 serves the
   * levels of a block fast enough, and long inner loops matter more than L2 residence (see MIN_BLOCK_LOG).
   */
  private static final int BLOCK_INTS_LOG = 20;
  /**
   * Blocks are at least 2^MIN_BLOCK_LOG positions: C2's scalar pre- and post-loops make short vector loops slow.
   * A 2^20-point LDE took 86 ms of CPU with 64-position blocks sized for the L2, 41 ms with 512, 29 ms with 1024.
   */
  private static final int MIN_BLOCK_LOG = 10;
  /** Scalar sub-transforms of at most 2^BLOCK_LOG ints (16 KiB) run iteratively inside the L1 cache. */
  private static final int BLOCK_LOG = 12;

  private static final int P = BabyBear.P;
  private static final long P_LONG = BabyBear.P_LONG;

  private static volatile Twiddles forwardTwiddles = Twiddles.build(1, false);
  private static volatile Twiddles inverseTwiddles = Twiddles.build(1, true);
  private static final Map<PlanKey, Plan> PLANS = new ConcurrentHashMap<>();
  /** Plans hold 8 bytes per point; past this many the cache starts over rather than grow without bound. */
  private static final int MAX_PLANS = 24;

  private Ntt() {}

  /** Coefficients to evaluations over {@code H_n}, in place; the length must be a power of two. */
  public static void forward(int[] values) {
    int logN = logLength(values.length);
    if (logN < FOUR_STEP_MIN_LOG) {
      bitReverse(values, logN);
      dit(values, 0, logN, 0, forwardTable(logN));
      return;
    }
    fourStep(values, plan(logN, logN / 2, false, 1, 1), null, null);
  }

  /** Evaluations over {@code H_n} to coefficients, in place; the length must be a power of two. */
  public static void inverse(int[] values) {
    int logN = logLength(values.length);
    if (logN < FOUR_STEP_MIN_LOG) {
      dif(values, 0, logN, inverseTable(logN));
      bitReverse(values, logN);
      BabyBear.scale(values, BabyBear.inv(1 << logN));
      return;
    }
    fourStep(values, plan(logN, logN / 2, true, 1, 1), null, null);
  }

  /** Coefficients to evaluations over the coset {@code shift·H_n}, in place. */
  public static void cosetForward(int[] values, int shift) {
    int logN = logLength(values.length);
    if (logN < FOUR_STEP_MIN_LOG) {
      scaleByPowers(values, shift);
      forward(values);
      return;
    }
    // coefficient C·i1 + i2 needs shift^(C·i1) · shift^i2: the first factor scales input row i1, the second
    // commutes with the column DFTs and rides in the twiddle matrix
    int logR = logN / 2;
    int[] rowScale = BabyBear.powers(1, BabyBear.pow(shift, 1L << (logN - logR)), 1 << logR);
    fourStep(values, plan(logN, logR, false, 1, shift), rowScale, null);
  }

  /** Evaluations over the coset {@code shift·H_n} to coefficients, in place. */
  public static void cosetInverse(int[] values, int shift) {
    int logN = logLength(values.length);
    if (logN < FOUR_STEP_MIN_LOG) {
      inverse(values);
      scaleByPowers(values, BabyBear.inv(shift));
      return;
    }
    // coefficient k1 + R·k2 needs shift^−k1 (a row factor of the twiddle matrix) and shift^−(R·k2) (a factor
    // of output row k2)
    int logR = logN / 2;
    int inv = BabyBear.inv(shift);
    int[] outScale = BabyBear.powers(1, BabyBear.pow(inv, 1L << logR), 1 << (logN - logR));
    fourStep(values, plan(logN, logR, true, inv, 1), null, outScale);
  }

  /**
   * The low-degree extension of one column: given {@code f} on {@code H_n} (natural order), returns
   * {@code f} on {@code shift·H_{n·2^logBlowup}} (natural order). The input is not modified.
   */
  public static int[] lde(int[] column, int logBlowup, int shift) {
    return lde(new int[][] {column}, logBlowup, shift)[0];
  }

  /**
   * The low-degree extension of every column (column-major, all of the same power-of-two height), in parallel
   * across columns. See {@link #lde(int[], int, int)}.
   */
  public static int[][] lde(int[][] columns, int logBlowup, int shift) {
    if (columns.length == 0) {
      return new int[0][];
    }
    int logN = logLength(columns[0].length);
    for (int[] column : columns) {
      if (column.length != columns[0].length) {
        throw new IllegalArgumentException(
            "LDE columns must have the same height: " + column.length + " vs " + columns[0].length);
      }
    }
    if (logBlowup < 0 || logN + logBlowup > BabyBear.TWO_ADICITY) {
      throw new IllegalArgumentException("LDE of 2^" + logN + " rows with blowup 2^" + logBlowup
          + " exceeds the two-adicity of BabyBear (27)");
    }
    if (shift == 0) {
      throw new IllegalArgumentException("LDE coset shift must be non-zero");
    }
    int[][] out = new int[columns.length][];
    if (logN < FOUR_STEP_MIN_LOG) {
      ScalarLde scalar = new ScalarLde(logN, logBlowup, shift);
      IntStream.range(0, columns.length).parallel().forEach(c -> out[c] = scalar.extend(columns[c]));
    } else {
      FourStepLde ext = new FourStepLde(logN, logBlowup, shift);
      IntStream.range(0, columns.length).parallel().forEach(c -> out[c] = ext.extend(columns[c]));
    }
    return out;
  }

  // ---- four-step transforms ----

  /**
   * One transform of {@code values} (length R·C) in place: the column pass, then the row pass. A non-null
   * {@code rowScale} multiplies input row i1 by {@code rowScale[i1]}; a non-null {@code outScale} multiplies
   * output row k2 by {@code outScale[k2]}.
   */
  private static void fourStep(int[] values, Plan plan, int[] rowScale, int[] outScale) {
    int rows = 1 << plan.logR;
    int cols = 1 << plan.logC;
    int[][] m1 = new int[rows][];
    for (int i1 = 0; i1 < rows; i1++) {
      m1[i1] = java.util.Arrays.copyOfRange(values, i1 * cols, (i1 + 1) * cols);
    }
    int[][] m2 = new int[cols][rows];
    columnPass(m1, plan, rowScale == null ? null : withQuotients(rowScale), m2);
    rowPass(m2, plan, outScale == null ? null : withQuotients(outScale), values);
  }

  /**
   * The first half of a four-step transform. {@code m1} holds input element C·i1 + i2 at {@code m1[i1][i2]};
   * every column i2 gets a DFT of size R across the rows, then the twiddle matrix, and the result is written
   * transposed: {@code m2[i2][k1]}. Works one block of positions at a time so that the block's R rows stay
   * in cache through all log R levels.
   */
  private static void columnPass(int[][] m1, Plan plan, int[][] rowScale, int[][] m2) {
    int logR = plan.logR;
    int cols = 1 << plan.logC;
    int[][] natural = bitReversedView(m1, logR);
    int block = blockLength(logR, plan.logC);
    for (int j0 = 0; j0 < cols; j0 += block) {
      int j1 = j0 + block;
      if (rowScale != null) {
        for (int i1 = 0; i1 < m1.length; i1++) {
          scale(m1[i1], j0, j1, rowScale[0][i1], rowScale[1][i1]);
        }
      }
      difRows(m1, logR, 0, j0, j1, plan.roots);
      for (int r = 0; r < m1.length; r++) {
        mul(m1[r], plan.tw[r], plan.twq[r], j0, j1);
      }
      transposeInto(natural, m2, j0, j1);
    }
  }

  /**
   * The second half of a four-step transform: a DFT of size C across the rows of {@code m2} for every
   * position k1, leaving output k1 + R·k2 in row bitrev(k2), which is copied to {@code out}.
   */
  private static void rowPass(int[][] m2, Plan plan, int[][] outScale, int[] out) {
    int logC = plan.logC;
    int rows = 1 << plan.logR;
    int block = blockLength(logC, plan.logR);
    for (int p0 = 0; p0 < rows; p0 += block) {
      int p1 = p0 + block;
      difRows(m2, logC, 0, p0, p1, plan.roots);
      for (int k2 = 0; k2 < m2.length; k2++) {
        int[] row = m2[reverseBits(k2, logC)];
        if (outScale != null) {
          scale(row, p0, p1, outScale[0][k2], outScale[1][k2]);
        }
        System.arraycopy(row, p0, out, k2 * rows + p0, block);
      }
    }
  }

  /** The LDE in four-step form, shared by all columns of one call. */
  private static final class FourStepLde {
    private final int logBlowup;
    private final Plan inv;
    private final Plan fwd;
    /** spread[0][j·B + m]: the factor that carries coefficient row j to forward row j + m·C_inv, and quotients. */
    private final int[][] spread;

    FourStepLde(int logN, int logBlowup, int shift) {
      this.logBlowup = logBlowup;
      int logR = logN / 2;
      int logC = logN - logR;
      // coefficient k1 + R·k2 must be scaled by shift^k1 (in the inverse twiddle matrix, with 1/n) and by
      // shift^(R·k2) (in the spread factors)
      inv = plan(logN, logR, true, shift, 1);
      // the forward transform of size N = n·B reads coefficient k1 + R·k2 as row k2, column k1: C_fwd = R
      fwd = plan(logN + logBlowup, logC + logBlowup, false, 1, 1);
      int blowup = 1 << logBlowup;
      int[] factor = new int[blowup << logC];
      int rowStep = BabyBear.pow(shift, 1L << logR);
      int omega = BabyBear.twoAdicGenerator(fwd.logR);
      int rowFactor = 1;
      for (int j = 0; j < (1 << logC); j++) {
        // the first logBlowup DIF levels over rows where only the first R_fwd/B are non-zero send row j to
        // rows j + m·R_fwd/B, multiplied by ω_{R_fwd}^(j·bitrev(m))
        for (int m = 0; m < blowup; m++) {
          factor[j * blowup + m] = BabyBear.mul(rowFactor, BabyBear.pow(omega, (long) j * reverseBits(m, logBlowup)));
        }
        rowFactor = BabyBear.mul(rowFactor, rowStep);
      }
      spread = withQuotients(factor);
    }

    int[] extend(int[] column) {
      int rowsInv = 1 << inv.logR;
      int colsInv = 1 << inv.logC;
      int blowup = 1 << logBlowup;
      int[][] m1 = new int[rowsInv][];
      for (int i1 = 0; i1 < rowsInv; i1++) {
        m1[i1] = java.util.Arrays.copyOfRange(column, i1 * colsInv, (i1 + 1) * colsInv);
      }
      int[][] coeffs = new int[colsInv][rowsInv];
      columnPass(m1, inv, null, coeffs);
      // coeffs now awaits the inverse's row pass; its output rows are the forward's input rows, so the two
      // run together block by block, and the forward's column pass follows on the same block
      int[][] f1 = new int[1 << fwd.logR][rowsInv];
      int[][] f1Natural = bitReversedView(f1, fwd.logR);
      int[][] f2 = new int[rowsInv][1 << fwd.logR];
      int block = blockLength(fwd.logR, inv.logR);
      for (int p0 = 0; p0 < rowsInv; p0 += block) {
        int p1 = p0 + block;
        difRows(coeffs, inv.logC, 0, p0, p1, inv.roots);
        for (int j = 0; j < colsInv; j++) {
          int[] src = coeffs[reverseBits(j, inv.logC)];
          for (int m = 0; m < blowup; m++) {
            int k = j * blowup + m;
            scaleInto(src, f1[j + m * colsInv], p0, p1, spread[0][k], spread[1][k]);
          }
        }
        difRows(f1, fwd.logR, logBlowup, p0, p1, fwd.roots);
        for (int r = 0; r < f1.length; r++) {
          mul(f1[r], fwd.tw[r], fwd.twq[r], p0, p1);
        }
        transposeInto(f1Natural, f2, p0, p1);
      }
      int[] out = new int[column.length << logBlowup];
      rowPass(f2, fwd, null, out);
      return out;
    }
  }

  /**
   * A DIF transform across the rows of {@code rows}, restricted to positions {@code [from, to)}: natural row
   * order in, bit-reversed row order out. The first {@code doneLevels} levels are taken as already applied.
   * Each butterfly is an elementwise loop over two distinct arrays with one scalar twiddle, which C2 vectorizes.
   */
  private static void difRows(int[][] rows, int logRows, int doneLevels, int from, int to, Twiddles roots) {
    final int[] w = roots.w;
    final int[] wq = roots.quot;
    for (int level = logRows - doneLevels; level >= 1; level--) {
      int half = 1 << (level - 1);
      for (int base = 0; base < rows.length; base += 2 * half) {
        addSub(rows[base], rows[base + half], from, to);
        for (int r = 1; r < half; r++) {
          butterfly(rows[base + r], rows[base + half + r], from, to, w[half + r], wq[half + r]);
        }
      }
    }
  }

  /** (x, y) ← (x + y, (x − y)·w) elementwise over [from, to). */
  private static void butterfly(int[] x, int[] y, int from, int to, int w, int wq) {
    final int hi = wq >>> 16;
    final int lo = wq & 0xFFFF;
    for (int j = from; j < to; j++) {
      int a = x[j];
      int b = y[j];
      int s = a + b - P;
      int d = a - b;
      x[j] = s + ((s >> 31) & P);
      y[j] = mulLanes(d + ((d >> 31) & P), w, hi, lo);
    }
  }

  /** (x, y) ← (x + y, x − y) elementwise over [from, to). */
  private static void addSub(int[] x, int[] y, int from, int to) {
    for (int j = from; j < to; j++) {
      int a = x[j];
      int b = y[j];
      int s = a + b - P;
      int d = a - b;
      x[j] = s + ((s >> 31) & P);
      y[j] = d + ((d >> 31) & P);
    }
  }

  /** x ← x·t elementwise over [from, to), with t's Shoup quotients in tq. */
  private static void mul(int[] x, int[] t, int[] tq, int from, int to) {
    for (int j = from; j < to; j++) {
      int q = tq[j];
      x[j] = mulLanes(x[j], t[j], q >>> 16, q & 0xFFFF);
    }
  }

  /** x ← x·c over [from, to). */
  private static void scale(int[] x, int from, int to, int c, int cq) {
    scaleInto(x, x, from, to, c, cq);
  }

  /** dst ← src·c over [from, to). */
  private static void scaleInto(int[] src, int[] dst, int from, int to, int c, int cq) {
    final int hi = cq >>> 16;
    final int lo = cq & 0xFFFF;
    for (int j = from; j < to; j++) {
      dst[j] = mulLanes(src[j], c, hi, lo);
    }
  }

  /**
   * {@code a·w mod p} (canonical) for canonical a and w, where {@code (hi, lo)} are the 16-bit halves of the
   * Shoup quotient {@code floor(w·2^32/p)}. The high word of a·quotient comes from 16-bit partial products so
   * that every step is 32-bit arithmetic, which C2 vectorizes (AVX2 has no 32×32→64 lane product it would use).
   */
  private static int mulLanes(int a, int w, int hi, int lo) {
    int ah = a >>> 16; // < 2^15
    int al = a & 0xFFFF;
    int mid = ((al * lo) >>> 16) + ah * lo; // < 2^16 + 2^31: no unsigned overflow
    int q = ah * hi + (mid >>> 16) + (((mid & 0xFFFF) + al * hi) >>> 16); // (2^16−1)² + 2^16 − 1 < 2^32
    int r = a * w - q * P - P; // a·w − q·p ∈ [0, 2p), so r ∈ [−p, p)
    return r + ((r >> 31) & P);
  }

  /** Writes {@code dst[i][k] = src[k][i]} for every row k of src and every i in [from, to). */
  private static void transposeInto(int[][] src, int[][] dst, int from, int to) {
    // eight source rows at a time: each destination row receives 32 contiguous bytes per visit
    for (int k = 0; k < src.length; k += 8) {
      int[] s0 = src[k];
      int[] s1 = src[k + 1];
      int[] s2 = src[k + 2];
      int[] s3 = src[k + 3];
      int[] s4 = src[k + 4];
      int[] s5 = src[k + 5];
      int[] s6 = src[k + 6];
      int[] s7 = src[k + 7];
      for (int i = from; i < to; i++) {
        int[] d = dst[i];
        d[k] = s0[i];
        d[k + 1] = s1[i];
        d[k + 2] = s2[i];
        d[k + 3] = s3[i];
        d[k + 4] = s4[i];
        d[k + 5] = s5[i];
        d[k + 6] = s6[i];
        d[k + 7] = s7[i];
      }
    }
  }

  /** {@code view[k] = rows[bitrev(k)]}: the natural order of rows that a DIF pass left bit-reversed. */
  private static int[][] bitReversedView(int[][] rows, int logRows) {
    int[][] view = new int[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      view[k] = rows[reverseBits(k, logRows)];
    }
    return view;
  }

  /** Positions per block: the R rows of a block fill about 2^BLOCK_INTS_LOG ints. */
  private static int blockLength(int logRows, int logLength) {
    return 1 << Math.min(logLength, Math.max(MIN_BLOCK_LOG, BLOCK_INTS_LOG - logRows));
  }

  /** {@code {values, their Shoup quotients}}. */
  private static int[][] withQuotients(int[] values) {
    int[] quot = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      quot[i] = Twiddles.shoupQuotient(values[i]);
    }
    return new int[][] {values, quot};
  }

  private record PlanKey(int logN, int logR, boolean inverse, int rowBase, int colBase) {}

  /**
   * The constants of one four-step transform of 2^logN points split as R = 2^logR rows by C columns: the root
   * table for the DIFs across rows, and the twiddle matrix {@code ω^(±k1·i2) · rowBase^k1 · colBase^i2}
   * (times 1/N for the inverse), stored by the physical row that holds k1 after the column DIF.
   */
  private static Plan plan(int logN, int logR, boolean inverse, int rowBase, int colBase) {
    PlanKey key = new PlanKey(logN, logR, inverse, rowBase, colBase);
    Plan plan = PLANS.get(key);
    if (plan != null) {
      return plan;
    }
    // built under a lock rather than in computeIfAbsent: callers are often fork-join tasks of one parallel
    // loop that all want the same plan, and they should wait for one build instead of repeating it
    synchronized (PLANS) {
      plan = PLANS.get(key);
      if (plan == null) {
        if (PLANS.size() >= MAX_PLANS) {
          PLANS.clear();
        }
        plan = new Plan(key);
        PLANS.put(key, plan);
      }
      return plan;
    }
  }

  private static final class Plan {
    final int logR;
    final int logC;
    final Twiddles roots;
    final int[][] tw;
    final int[][] twq;

    Plan(PlanKey key) {
      logR = key.logR();
      logC = key.logN() - key.logR();
      roots = key.inverse() ? inverseTable(Math.max(logR, logC)) : forwardTable(Math.max(logR, logC));
      int omega = BabyBear.twoAdicGenerator(key.logN());
      if (key.inverse()) {
        omega = BabyBear.inv(omega);
      }
      int rows = 1 << logR;
      int cols = 1 << logC;
      int scale = key.inverse() ? BabyBear.inv(1 << key.logN()) : 1;
      int[] rowStart = BabyBear.powers(scale, key.rowBase(), rows);
      int[] rowStep = BabyBear.powers(key.colBase(), omega, rows);
      tw = new int[rows][cols];
      twq = new int[rows][cols];
      for (int k1 = 0; k1 < rows; k1++) {
        int r = reverseBits(k1, logR);
        int x = rowStart[k1];
        for (int i2 = 0; i2 < cols; i2++) {
          tw[r][i2] = x;
          twq[r][i2] = Twiddles.shoupQuotient(x);
          x = BabyBear.mul(x, rowStep[k1]);
        }
      }
    }
  }

  // ---- scalar transforms, for sizes below FOUR_STEP_MIN_LOG ----

  /** The scalar LDE: inverse DIF, scaling, spreading over blocks, and the remaining DIT levels. */
  private static final class ScalarLde {
    private final int logN;
    private final int logBlowup;
    private final Twiddles inv;
    private final Twiddles fwd;
    private final int[] factor;
    private final int[] factorQuot;

    ScalarLde(int logN, int logBlowup, int shift) {
      this.logN = logN;
      this.logBlowup = logBlowup;
      inv = inverseTable(logN);
      fwd = forwardTable(logN + logBlowup);
      int n = 1 << logN;
      // position k of the DIF output holds coefficient bitrev(k); it must be scaled by shift^bitrev(k) / n
      int[] powers = BabyBear.powers(BabyBear.inv(n), shift, n);
      factor = new int[n];
      factorQuot = new int[n];
      for (int k = 0; k < n; k++) {
        factor[k] = powers[reverseBits(k, logN)];
        factorQuot[k] = Twiddles.shoupQuotient(factor[k]);
      }
    }

    int[] extend(int[] column) {
      int n = 1 << logN;
      int[] a = new int[n << logBlowup];
      System.arraycopy(column, 0, a, 0, n);
      dif(a, 0, logN, inv);
      // zero-padding the bit-reversed coefficients puts position k at k·B, and the first logBlowup DIT levels
      // over such a block only copy its one non-zero value across it
      int blowup = 1 << logBlowup;
      for (int k = n - 1; k >= 0; k--) {
        int v = mulShoup(a[k], factor[k], factorQuot[k]);
        int base = k << logBlowup;
        for (int r = 0; r < blowup; r++) {
          a[base + r] = v;
        }
      }
      dit(a, 0, logN + logBlowup, logBlowup, fwd);
      return a;
    }
  }

  /**
   * Decimation in time over {@code a[off, off + 2^logLen)}: bit-reversed input, natural output. Levels up to
   * {@code doneLevels} are taken as already applied (see the LDE's spreading step).
   */
  private static void dit(int[] a, int off, int logLen, int doneLevels, Twiddles tw) {
    if (logLen <= BLOCK_LOG) {
      for (int level = doneLevels + 1; level <= logLen; level++) {
        int half = 1 << (level - 1);
        for (int block = off; block < off + (1 << logLen); block += 2 * half) {
          ditLevel(a, block, half, tw);
        }
      }
      return;
    }
    int half = 1 << (logLen - 1);
    dit(a, off, logLen - 1, doneLevels, tw);
    dit(a, off + half, logLen - 1, doneLevels, tw);
    ditLevel(a, off, half, tw);
  }

  /** Decimation in frequency over {@code a[off, off + 2^logLen)}: natural input, bit-reversed output. */
  private static void dif(int[] a, int off, int logLen, Twiddles tw) {
    if (logLen <= BLOCK_LOG) {
      for (int level = logLen; level >= 1; level--) {
        int half = 1 << (level - 1);
        for (int block = off; block < off + (1 << logLen); block += 2 * half) {
          difLevel(a, block, half, tw);
        }
      }
      return;
    }
    int half = 1 << (logLen - 1);
    difLevel(a, off, half, tw);
    dif(a, off, logLen - 1, tw);
    dif(a, off + half, logLen - 1, tw);
  }

  /** (x, y) ← (x + w·y, x − w·y) for the pairs (off + j, off + half + j). */
  private static void ditLevel(int[] a, int off, int half, Twiddles tw) {
    final int[] w = tw.w;
    final int[] wq = tw.quot;
    for (int j = 0; j < half; j++) {
      int x = a[off + j];
      int t = mulShoup(a[off + half + j], w[half + j], wq[half + j]);
      int s = x + t - P; // x, t < p, so both s and d lie in (−p, p)
      int d = x - t;
      a[off + j] = s + ((s >> 31) & P);
      a[off + half + j] = d + ((d >> 31) & P);
    }
  }

  /** (x, y) ← (x + y, (x − y)·w) for the pairs (off + j, off + half + j). */
  private static void difLevel(int[] a, int off, int half, Twiddles tw) {
    final int[] w = tw.w;
    final int[] wq = tw.quot;
    for (int j = 0; j < half; j++) {
      int x = a[off + j];
      int y = a[off + half + j];
      int s = x + y - P;
      int d = x - y;
      a[off + j] = s + ((s >> 31) & P);
      a[off + half + j] = mulShoup(d + ((d >> 31) & P), w[half + j], wq[half + j]);
    }
  }

  /**
   * {@code a·w mod p} for canonical a and w, given {@code wq = floor(w·2^32/p)} and
   * {@code q = floor(a·wq/2^32)}; Shoup's bound puts {@code a·w − q·p} in [0, 2p).
   */
  private static int mulShoup(int a, int w, int wq) {
    int q = (int) (((long) a * (wq & 0xFFFFFFFFL)) >>> 32);
    // a·w − q·p lies in [0, 2p) ⊂ [0, 2^32), so its low 32 bits determine it and the products may wrap;
    // subtracting p lands in [−p, p), fixed without a branch (the data is random, branches mispredict)
    int r = a * w - q * P - P;
    return r + ((r >> 31) & P);
  }

  // ---- helpers ----

  private static Twiddles forwardTable(int logN) {
    Twiddles t = forwardTwiddles;
    if (t.logSize >= logN) {
      return t;
    }
    synchronized (Ntt.class) {
      if (forwardTwiddles.logSize < logN) {
        forwardTwiddles = Twiddles.build(logN, false);
      }
      return forwardTwiddles;
    }
  }

  private static Twiddles inverseTable(int logN) {
    Twiddles t = inverseTwiddles;
    if (t.logSize >= logN) {
      return t;
    }
    synchronized (Ntt.class) {
      if (inverseTwiddles.logSize < logN) {
        inverseTwiddles = Twiddles.build(logN, true);
      }
      return inverseTwiddles;
    }
  }

  private static void scaleByPowers(int[] values, int base) {
    int x = 1;
    for (int i = 0; i < values.length; i++) {
      values[i] = BabyBear.mul(values[i], x);
      x = BabyBear.mul(x, base);
    }
  }

  private static int logLength(int length) {
    if (length <= 0 || Integer.bitCount(length) != 1) {
      throw new IllegalArgumentException("NTT length must be a power of two, got " + length);
    }
    int log = Integer.numberOfTrailingZeros(length);
    if (log > BabyBear.TWO_ADICITY) {
      throw new IllegalArgumentException("NTT length 2^" + log + " exceeds the two-adicity of BabyBear (27)");
    }
    return log;
  }

  private static int reverseBits(int k, int bits) {
    return bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
  }

  private static void bitReverse(int[] a, int logN) {
    for (int i = 0; i < a.length; i++) {
      int j = reverseBits(i, logN);
      if (i < j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }
  }

  /** The twiddle table of one direction up to size 2^logSize, with Shoup quotients. */
  private static final class Twiddles {
    final int logSize;
    /** {@code w[h + j] = ω_{2h}^{±j}} for every power of two h < 2^logSize and j < h. */
    final int[] w;
    final int[] quot;

    private Twiddles(int logSize, int[] w, int[] quot) {
      this.logSize = logSize;
      this.w = w;
      this.quot = quot;
    }

    static Twiddles build(int logSize, boolean inverse) {
      int size = 1 << logSize;
      int[] w = new int[size];
      int[] quot = new int[size];
      for (int logH = 0; logH < logSize; logH++) {
        int h = 1 << logH;
        int root = BabyBear.twoAdicGenerator(logH + 1);
        if (inverse) {
          root = BabyBear.inv(root);
        }
        int x = 1;
        for (int j = 0; j < h; j++) {
          w[h + j] = x;
          quot[h + j] = shoupQuotient(x);
          x = BabyBear.mul(x, root);
        }
      }
      return new Twiddles(logSize, w, quot);
    }

    static int shoupQuotient(int w) {
      return (int) (((long) w << 32) / P_LONG);
    }
  }
}
