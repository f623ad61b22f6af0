package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.air.BatchEvaluator;
import dev.rivet.air.VarKind;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.field.ScratchInts;
import java.util.stream.IntStream;

/**
 * Evaluates a table's combined constraint divided by its vanishing polynomial,
 * Q<sub>t</sub>(x) = Σ α<sup>o+i</sup>·C<sub>i</sub>(x) / (x<sup>n</sup> − 1), on the quotient domain: the coset
 * s·H<sub>qn</sub>, where q is the quotient's chunk count, a power of two ≥ d − 1 for the maximum degree d, so that
 * Q<sub>t</sub> (of degree below (d−1)·n) is determined by its values there. The powers of α continue from table to
 * table (o is the count of the constraints of the tables before, {@link #firstPowers}): the {@link Prover} sums the
 * tables' quotients, lifted to the largest height, into one.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Where values come from.</b> The quotient domain is a sub-coset of the committed LDE domain s·H<sub>nB</sub>
 *       (q divides the blowup B), so row i here is LDE row i·B/q, and "next row" (x·ω<sub>n</sub>) is i + q.
 *       Nothing is recomputed: the committed LDE is read with a stride.
 *   <li><b>Batching.</b> The table's {@link BatchEvaluator} runs the program slot by slot over a batch of rows,
 *       with registers reused as values die, so even a 36,670-slot program stays cache-sized. Main constraints are
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
  private final LogUp logUp;
  private final BatchEvaluator.Plan plan;
  private final int[] constraintSlots;

  QuotientEvaluator(AirTable table, LogUp logUp) {
    this.logUp = logUp;
    this.constraintSlots = table.constraints().stream().mapToInt(c -> c.slot()).toArray();
    this.plan = new BatchEvaluator.Plan(table.program(), constraintSlots, logUp.slotsRead());
  }

  /** Total constraints combined: the table's, then LogUp's. */
  int constraintCount() {
    return constraintSlots.length + logUp.constraintCount();
  }

  /**
   * The inputs that are the same for every row; {@code firstPower} is α<sup>o</sup>, the power of α of the table's
   * first constraint.
   */
  record Inputs(int logHeight, int logBlowup, int logQuotient, int shift, int[][] mainLde, int[][] prepLde,
      int[][] auxLde, int[] publics, Ext4 logUpAlpha, Ext4 logUpBeta, Ext4 tableSum, Ext4 alpha, Ext4 firstPower) {}

  /**
   * Per table, the power of α its first constraint gets: α<sup>o</sup>, o the constraints of the tables before it,
   * so that all tables' constraints together are combined with distinct powers of one α.
   */
  static Ext4[] firstPowers(TableShape[] shapes, Ext4 alpha) {
    Ext4[] out = new Ext4[shapes.length];
    Ext4 p = Ext4.ONE;
    for (int t = 0; t < shapes.length; t++) {
      out[t] = p;
      p = p.times(alpha.pow(shapes[t].constraintCount()));
    }
    return out;
  }

  /**
   * Q on the quotient domain s·H<sub>qn</sub>, natural order, packed (4 ints per point), in an array from
   * {@link ScratchInts}: the caller gives it back once it has read it.
   */
  int[] evaluate(Inputs in) {
    int logQn = in.logHeight() + in.logQuotient();
    int qn = 1 << logQn;
    int q = 1 << in.logQuotient();
    int stride = 1 << (in.logBlowup() - in.logQuotient());
    Selectors sel = new Selectors(in.logHeight(), logQn, in.shift());
    int[] alphaPowers = powers(in.firstPower(), in.alpha(), constraintCount());
    int[] alphaL = ExtOps.pack(in.logUpAlpha());
    int[] betas = logUp.betaPowers(in.logUpBeta());
    int[] sum = LogUp.sumPerRow(in.tableSum(), in.logHeight());
    int[] out = ScratchInts.take(4 * qn); // every point is written below
    int block = Math.min(BatchEvaluator.BATCH, qn);
    int blocks = qn / block;
    int tasks = Math.min(blocks, 4 * Runtime.getRuntime().availableProcessors());
    BatchEvaluator.Source source = (kind, index, first, len, dst) ->
        readVariable(in, kind, index, first, len, qn, q, stride, sel, dst);
    IntStream.range(0, tasks).parallel().forEach(task -> {
      Scratch s = new Scratch(plan, block, logUp);
      // Σ α^i·C_i over the table's own constraints: base values times the coordinates of α^i, accumulated as
      // split products (BabyBear.fromSplit), so a term costs a multiply and two additions, no reduction.
      BatchEvaluator.Sink combine = (c, values, first, len) -> {
        for (int k = 0; k < 4; k++) {
          long coeff = alphaPowers[4 * c + k];
          long[] lo = s.lo[k];
          long[] hi = s.hi[k];
          for (int j = 0; j < len; j++) {
            long product = coeff * values[j];
            lo[j] += product & 0xFFFFFFFFL;
            hi[j] += product >>> 32;
          }
        }
      };
      for (int b = (int) ((long) blocks * task / tasks), end = (int) ((long) blocks * (task + 1) / tasks); b < end;
          b++) {
        int first = b * block;
        for (int k = 0; k < 4; k++) {
          java.util.Arrays.fill(s.lo[k], 0, block, 0L);
          java.util.Arrays.fill(s.hi[k], 0, block, 0L);
        }
        s.evaluator.evaluate(source, first, block, combine);
        for (int j = 0; j < block; j++) {
          for (int k = 0; k < 4; k++) {
            s.row[k] = BabyBear.fromSplit(s.lo[k][j], s.hi[k][j]);
          }
          int i = first + j;
          if (logUp.constraintCount() > 0) {
            logUpRow(in, i, j, qn, q, stride, alphaPowers, constraintSlots.length, alphaL, betas, sum, s);
          }
          Ext4.mulBase(s.row, 0, sel.zInverse[i & (q - 1)], out, 4 * i);
        }
      }
    });
    sel.release();
    return out;
  }

  private void logUpRow(Inputs in, int i, int j, int qn, int q, int stride, int[] alphaPowers,
      int base, int[] alphaL, int[] betas, int[] sum, Scratch s) {
    for (int slot : s.liftedSlots) {
      s.lifted[4 * slot] = s.evaluator.kept(slot)[j];
    }
    int[][] aux = in.auxLde();
    int r = i * stride;
    int rn = ((i + q) & (qn - 1)) * stride;
    for (int c = 0; c < aux.length; c++) {
      s.local[c] = aux[c][r];
      s.next[c] = aux[c][rn];
    }
    logUp.evaluateBase(s.lifted, s.local, s.next, alphaL, betas, sum, s.logUpOut, s.logUpScratch);
    for (int t = 0; t < logUp.constraintCount(); t++) {
      Ext4.mul(alphaPowers, 4 * (base + t), s.logUpOut, 4 * t, s.term, 0);
      Ext4.add(s.row, 0, s.term, 0, s.row, 0);
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

  /** first·α<sup>0</sup> … first·α<sup>count−1</sup>, packed. */
  static int[] powers(Ext4 first, Ext4 alpha, int count) {
    int[] out = new int[4 * count];
    Ext4 p = first;
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
      // scratch and selector arrays from the thread's pool, each written in full below
      int[] firstDen = ScratchInts.take(qn);
      int[] lastDen = ScratchInts.take(qn);
      for (int i = 0; i < qn; i++) {
        firstDen[i] = BabyBear.sub(xs[i], 1);
        lastDen[i] = BabyBear.sub(xs[i], omegaInv);
      }
      BabyBear.batchInverse(firstDen);
      BabyBear.batchInverse(lastDen);
      // The Lagrange polynomials of the first and last rows, L_h(x) = h·Z(x) / (n·(x − h)), and 1 − L_last:
      // exactly the checker's 0/1 selectors on the trace domain, so a selector may scale a bus multiplicity or
      // appear in any expression and mean the same thing to the checker and the proof (the verifier evaluates the same polynomials at ζ).
      int nInv = BabyBear.inv(n);
      int lastScale = BabyBear.mul(omegaInv, nInv);
      isFirst = ScratchInts.take(qn);
      isLast = ScratchInts.take(qn);
      isTransition = ScratchInts.take(qn);
      for (int i = 0; i < qn; i++) {
        int zi = z[i & (q - 1)];
        isFirst[i] = BabyBear.mul(BabyBear.mul(zi, nInv), firstDen[i]);
        isLast[i] = BabyBear.mul(BabyBear.mul(zi, lastScale), lastDen[i]);
        isTransition[i] = BabyBear.sub(1, isLast[i]);
      }
      ScratchInts.give(firstDen);
      ScratchInts.give(lastDen);
    }

    /** Hands the selector arrays back to the thread's pool; this object is unusable afterwards. */
    void release() {
      ScratchInts.give(isFirst);
      ScratchInts.give(isLast);
      ScratchInts.give(isTransition);
    }
  }

  /** Per-task scratch, so blocks allocate nothing. */
  private static final class Scratch {
    final BatchEvaluator evaluator;
    final long[][] lo;
    final long[][] hi;
    final int[] row = new int[4];
    final int[] term = new int[4];
    final int[] lifted;
    final int[] liftedSlots;
    final int[] local;
    final int[] next;
    final int[] logUpOut;
    final int[] logUpScratch = new int[LogUp.SCRATCH];

    Scratch(BatchEvaluator.Plan plan, int block, LogUp logUp) {
      evaluator = new BatchEvaluator(plan);
      lo = new long[4][block];
      hi = new long[4][block];
      liftedSlots = logUp.slotsRead();
      int maxSlot = 0;
      for (int slot : liftedSlots) {
        maxSlot = Math.max(maxSlot, slot + 1);
      }
      lifted = new int[4 * maxSlot];
      local = new int[logUp.baseColumns()];
      next = new int[logUp.baseColumns()];
      logUpOut = new int[4 * logUp.constraintCount()];
    }
  }
}
