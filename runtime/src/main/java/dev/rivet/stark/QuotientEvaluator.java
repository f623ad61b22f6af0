package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.air.Program;
import dev.rivet.air.VarKind;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.util.stream.IntStream;

/**
 * Evaluates a table's combined constraint divided by the vanishing polynomial, Q(x) = Σ α<sup>i</sup>·C<sub>i</sub>(x)
 * / (x<sup>n</sup> − 1), on the quotient domain: the coset s·H<sub>qn</sub>, where q = 2<sup>⌈log₂(d−1)⌉</sup> for
 * maximum degree d, so that Q (of degree below (d−1)·n) is determined by its values there.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Where values come from.</b> The quotient domain is a sub-coset of the committed LDE domain s·H<sub>nB</sub>
 *       (q divides the blowup B), so row i here is LDE row i·B/q, and "next row" (x·ω<sub>n</sub>) is i + q.
 *       Nothing is recomputed: the committed LDE is read with a stride.
 *   <li><b>Batching.</b> The {@link Program} runs slot by slot over a block of {@value #BLOCK} rows, so the
 *       op-code dispatch is paid once per block and the inner loops are plain array loops. Main constraints are
 *       base-field values; they are combined into four base accumulators with the coordinates of α<sup>i</sup>
 *       (four products per constraint and row, not sixteen). LogUp constraints are extension values, combined
 *       with full extension products.
 *   <li><b>Selectors</b> on this domain: is_first_row = Z(x)/(n(x−1)), is_last_row = Z(x)/(n(x−ω<sup>−1</sup>)),
 *       is_transition = x − ω<sup>−1</sup>, with Z(x) = x<sup>n</sup> − 1, which takes only q distinct values
 *       here. Computed once per table with batch inversions.
 *   <li><b>Parallelism.</b> Blocks are independent; chunks of blocks run on the common fork-join pool, each with
 *       its own scratch.
 * </ul>
 */
final class QuotientEvaluator {
  static final int BLOCK = 64;

  private final AirTable table;
  private final LogUp logUp;
  private final Program program;
  private final BlockEvaluator blocks;
  private final int[] constraintSlots;

  QuotientEvaluator(AirTable table, LogUp logUp) {
    this.table = table;
    this.logUp = logUp;
    this.program = table.program();
    int[] all = new int[program.size()];
    java.util.Arrays.setAll(all, i -> i);
    this.blocks = new BlockEvaluator(program, all);
    this.constraintSlots = table.constraints().stream().mapToInt(c -> c.slot()).toArray();
  }

  /** Total constraints combined: the table's, then LogUp's. */
  int constraintCount() {
    return constraintSlots.length + logUp.constraintCount();
  }

  /** The inputs that are the same for every row. */
  record Inputs(int logHeight, int logBlowup, int logQuotient, int shift, int[][] mainLde, int[][] prepLde,
      int[][] auxLde, int[] publics, Ext4 logUpAlpha, Ext4 logUpBeta, Ext4 tableSum, Ext4 alpha) {}

  /** Q on the quotient domain s·H<sub>qn</sub>, natural order, packed (4 ints per point). */
  int[] evaluate(Inputs in) {
    int n = 1 << in.logHeight();
    int logQn = in.logHeight() + in.logQuotient();
    int qn = 1 << logQn;
    int stride = 1 << (in.logBlowup() - in.logQuotient());
    int lde = n << in.logBlowup();
    int q = 1 << in.logQuotient();
    Selectors sel = new Selectors(in.logHeight(), logQn, in.shift());
    int[] alphaPowers = powers(in.alpha(), constraintCount());
    int[] alphaL = ExtOps.pack(in.logUpAlpha());
    int[] betas = logUp.betaPowers(in.logUpBeta());
    int[] sum = ExtOps.pack(in.tableSum());
    int[] out = new int[4 * qn];
    int blocks = Math.max(1, qn / BLOCK);
    int blockSize = Math.min(BLOCK, qn);
    int tasks = Math.min(blocks, 8 * Runtime.getRuntime().availableProcessors());
    IntStream.range(0, tasks).parallel().forEach(task -> {
      Scratch s = new Scratch(program.size(), blockSize, logUp);
      for (int b = task; b < blocks; b += tasks) {
        int first = b * blockSize;
        evaluateBlock(in, first, blockSize, qn, q, stride, lde, sel, alphaPowers, alphaL, betas, sum, s, out);
      }
    });
    return out;
  }

  private void evaluateBlock(Inputs in, int first, int len, int qn, int q, int stride, int lde, Selectors sel,
      int[] alphaPowers, int[] alphaL, int[] betas, int[] sum, Scratch s, int[] out) {
    int[][] v = s.values;
    blocks.evaluate((kind, index, from, count, dst) -> readVariable(in, kind, index, from, count, qn, q, stride, sel,
        dst), first, len, v);
    // Σ α^i·C_i over the table's own constraints: base values times the coordinates of α^i.
    long[][] acc = s.acc;
    for (int c = 0; c < 4; c++) {
      java.util.Arrays.fill(acc[c], 0, len, 0L);
    }
    for (int i = 0; i < constraintSlots.length; i++) {
      int[] val = v[constraintSlots[i]];
      for (int c = 0; c < 4; c++) {
        long coeff = alphaPowers[4 * i + c];
        long[] ac = acc[c];
        for (int j = 0; j < len; j++) {
          // each term is reduced below p, so the long sum cannot overflow for fewer than 2^32 constraints
          ac[j] += BabyBear.reduce(coeff * val[j]);
        }
      }
    }
    int[] row = s.row;
    int base = constraintSlots.length;
    for (int j = 0; j < len; j++) {
      for (int c = 0; c < 4; c++) {
        row[c] = BabyBear.reduce(acc[c][j]);
      }
      int i = first + j;
      if (logUp.constraintCount() > 0) {
        logUpRow(in, i, j, qn, q, stride, sel, alphaPowers, base, alphaL, betas, sum, s, row);
      }
      Ext4.mulBase(row, 0, sel.zInverse[i & (q - 1)], out, 4 * i);
    }
  }

  private void logUpRow(Inputs in, int i, int j, int qn, int q, int stride, Selectors sel, int[] alphaPowers,
      int base, int[] alphaL, int[] betas, int[] sum, Scratch s, int[] row) {
    int[][] v = s.values;
    for (int slot : s.liftedSlots) {
      s.lifted[4 * slot] = v[slot][j];
    }
    int[][] aux = in.auxLde();
    int r = i * stride;
    int rn = ((i + q) & (qn - 1)) * stride;
    for (int c = 0; c < aux.length; c++) {
      s.local[c] = aux[c][r];
      s.next[c] = aux[c][rn];
    }
    s.selectors[0] = sel.isFirst[i];
    s.selectors[4] = sel.isLast[i];
    s.selectors[8] = sel.isTransition[i];
    logUp.evaluate(s.lifted, s.local, s.next, s.selectors, alphaL, betas, sum, s.logUpOut);
    for (int t = 0; t < logUp.constraintCount(); t++) {
      Ext4.mul(alphaPowers, 4 * (base + t), s.logUpOut, 4 * t, s.term, 0);
      Ext4.add(row, 0, s.term, 0, row, 0);
    }
  }

  private void readVariable(Inputs in, VarKind kind, int index, int first, int len, int qn, int q, int stride,
      Selectors sel, int[] dst) {
    switch (kind) {
      case MAIN: gather(in.mainLde()[index], first, len, 0, qn, stride, dst); break;
      case MAIN_NEXT: gather(in.mainLde()[index], first, len, q, qn, stride, dst); break;
      case PREPROCESSED: gather(in.prepLde()[index], first, len, 0, qn, stride, dst); break;
      case PREPROCESSED_NEXT: gather(in.prepLde()[index], first, len, q, qn, stride, dst); break;
      case PUBLIC: java.util.Arrays.fill(dst, 0, len, in.publics()[index]); break;
      case IS_FIRST_ROW: System.arraycopy(sel.isFirst, first, dst, 0, len); break;
      case IS_LAST_ROW: System.arraycopy(sel.isLast, first, dst, 0, len); break;
      default: System.arraycopy(sel.isTransition, first, dst, 0, len);
    }
  }

  private static void gather(int[] lde, int first, int len, int offset, int qn, int stride, int[] dst) {
    int mask = qn - 1;
    for (int j = 0; j < len; j++) {
      dst[j] = lde[((first + j + offset) & mask) * stride];
    }
  }

  /** α<sup>0</sup> … α<sup>count−1</sup>, packed. */
  static int[] powers(Ext4 alpha, int count) {
    int[] out = new int[4 * count];
    Ext4 p = Ext4.ONE;
    for (int i = 0; i < count; i++) {
      p.write(out, 4 * i);
      p = p.times(alpha);
    }
    return out;
  }

  /** Row selectors and 1/Z on the quotient domain. */
  static final class Selectors {
    final int[] isFirst;
    final int[] isLast;
    final int[] isTransition;
    final int[] zInverse;

    Selectors(int logN, int logQn, int shift) {
      int qn = 1 << logQn;
      int q = 1 << (logQn - logN);
      int n = 1 << logN;
      int omegaInv = BabyBear.inv(BabyBear.twoAdicGenerator(logN));
      int[] xs = BabyBear.powers(shift, BabyBear.twoAdicGenerator(logQn), qn);
      // Z(x) = x^n − 1 depends only on i mod q on this coset.
      zInverse = new int[q];
      int[] z = new int[q];
      for (int i = 0; i < q; i++) {
        z[i] = BabyBear.sub(BabyBear.pow(xs[i], n), 1);
        zInverse[i] = BabyBear.inv(z[i]);
      }
      isTransition = new int[qn];
      int[] firstDen = new int[qn];
      int[] lastDen = new int[qn];
      for (int i = 0; i < qn; i++) {
        isTransition[i] = BabyBear.sub(xs[i], omegaInv);
        firstDen[i] = BabyBear.sub(xs[i], 1);
        lastDen[i] = isTransition[i];
      }
      BabyBear.batchInverse(firstDen);
      BabyBear.batchInverse(lastDen);
      int nInv = BabyBear.inv(n);
      isFirst = new int[qn];
      isLast = new int[qn];
      for (int i = 0; i < qn; i++) {
        int zOverN = BabyBear.mul(z[i & (q - 1)], nInv);
        isFirst[i] = BabyBear.mul(zOverN, firstDen[i]);
        isLast[i] = BabyBear.mul(zOverN, lastDen[i]);
      }
    }
  }

  /** Per-task scratch, so blocks allocate nothing. */
  private static final class Scratch {
    final int[][] values;
    final long[][] acc;
    final int[] row = new int[4];
    final int[] term = new int[4];
    final int[] lifted;
    final int[] liftedSlots;
    final int[] local;
    final int[] next;
    final int[] selectors = new int[12];
    final int[] logUpOut;

    Scratch(int slots, int block, LogUp logUp) {
      values = new int[slots][block];
      acc = new long[4][block];
      lifted = new int[4 * slots];
      liftedSlots = logUp.slotsRead();
      local = new int[logUp.baseColumns()];
      next = new int[logUp.baseColumns()];
      logUpOut = new int[4 * logUp.constraintCount()];
    }
  }
}
