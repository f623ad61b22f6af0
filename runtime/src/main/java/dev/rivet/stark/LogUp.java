package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.air.BatchEvaluator;
import dev.rivet.air.Interaction;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The LogUp bus argument for one table: the auxiliary (extension-field) columns the prover adds, and the
 * constraints on them, written once and read by both the prover (over the LDE) and the verifier (at the
 * out-of-domain point).
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Argument.</b> With challenges α, β, a message (f<sub>0</sub>, …, f<sub>a−1</sub>) on bus b has the
 *       fingerprint fp = id(b) + Σ β<sup>i+1</sup>·f<sub>i</sub>. Interaction k of a row contributes
 *       σ<sub>k</sub>·m<sub>k</sub> / (α − fp<sub>k</sub>), with σ = +1 for a send and −1 for a receive. The
 *       table's sum S adds every row's contributions; the verifier checks that the sums of all tables (and of the
 *       statement's public messages) add up to zero. If some message's sends and receives differ (as field
 *       multiplicities), Σ σm/(α − fp) is a non-zero rational function of α and β, so it vanishes at a random
 *       point with negligible probability (Haböck, "Multivariate lookups based on logarithmic derivatives", 2022;
 *       docs/soundness.md, section 6).
 *   <li><b>Bus identity.</b> id(b) is the first 31 bits of SHA-256 of the bus name, reduced mod p, so messages on
 *       different buses never cancel; the prover and verifier refuse a set of tables where two names collide.
 *   <li><b>Batching.</b> Interactions are grouped, in table order, as long as a group's constraint stays within the
 *       table's maximum degree and needs no more quotient chunks than the table's own constraints. Group G has
 *       one column v<sub>G</sub> = Σ<sub>k∈G</sub> σ<sub>k</sub>m<sub>k</sub> / d<sub>k</sub>
 *       (d<sub>k</sub> = α − fp<sub>k</sub>), constrained on every row by v<sub>G</sub>·Π<sub>k</sub> d<sub>k</sub> − Σ<sub>k</sub> σ<sub>k</sub>m<sub>k</sub>·Π<sub>j≠k</sub>
 *       d<sub>j</sub> = 0, of degree max(1 + Σ deg fp<sub>k</sub>, max<sub>k</sub>(deg m<sub>k</sub> +
 *       Σ<sub>j≠k</sub> deg fp<sub>j</sub>)): two interactions per column at degree 3 when fields and
 *       multiplicities are linear. The grouping depends only on the table, so prover and verifier agree.
 *   <li><b>Running sum folded in.</b> The last group has no column of its own: its value is read off the running
 *       sum φ as v<sub>last</sub> = φ' − φ − Σ<sub>other G</sub> v<sub>G</sub> + S/n, with φ' the next row's,
 *       wrapping from the last row to the first. Summed over all n rows the φ terms telescope to zero, so the
 *       constraints force Σ<sub>rows</sub> Σ<sub>G</sub> v<sub>G</sub> = S exactly, with no first-row or
 *       last-row constraint (the shift by S/n is what makes the cycle close; φ itself is fixed only up to a
 *       constant, which the prover sets to φ<sub>0</sub> = 0). This is Stwo's cumulative-sum shift.
 *   <li><b>Layout.</b> One extension column per group (v<sub>G</sub> for all but the last group, then φ), each
 *       stored as four base columns of its coordinates, so the base-field LDE and Merkle machinery apply
 *       unchanged. One constraint per group.
 * </ul>
 */
final class LogUp {
  private final AirTable table;
  private final List<Interaction> interactions;
  private final int[] busIds;
  private final int[] signs;
  /** Per interaction, its message's field slots and its multiplicity's slot: read per row, so kept flat. */
  private final int[][] fieldSlots;
  private final int[] multiplicitySlots;
  private final int maxArity;
  /** Interaction indices per group, in table order; the last group is the one folded into φ. */
  private final int[][] groups;
  /** The highest degree of a group constraint. */
  private final int degree;

  LogUp(AirTable table) {
    this.table = table;
    this.interactions = table.interactions();
    int k = interactions.size();
    this.busIds = new int[k];
    this.signs = new int[k];
    this.fieldSlots = new int[k][];
    this.multiplicitySlots = new int[k];
    int arity = 0;
    for (int i = 0; i < k; i++) {
      Interaction in = interactions.get(i);
      busIds[i] = busId(in.bus());
      signs[i] = in.direction() == Interaction.Direction.SEND ? 1 : BabyBear.P - 1;
      fieldSlots[i] = in.fieldSlots();
      multiplicitySlots[i] = in.multiplicitySlot();
      arity = Math.max(arity, in.arity());
    }
    this.maxArity = arity;
    this.groups = group(table);
    int d = 0;
    for (int[] g : groups) {
      d = Math.max(d, groupDegree(table, g, g.length));
    }
    this.degree = d;
  }

  /**
   * Greedy grouping in table order: an interaction joins the current group while the group's constraint stays
   * within the table's maximum degree and within the quotient the table's own constraints already need (degree up
   * to q + 1 for q chunks): a degree-2 table that grouped up to degree 3 would double its quotient domain and add
   * a chunk of four columns to save four. A lone interaction may exceed that limit (a degree-2 table with a
   * degree-2 field); it then has a group of its own and sets the table's degree, as it did unbatched.
   */
  private static int[][] group(AirTable table) {
    int own = Math.max(2, table.degree());
    int chunks = Integer.highestOneBit(own - 1) == own - 1 ? own - 1 : Integer.highestOneBit(own - 1) << 1;
    int limit = Math.min(table.maxDegree(), chunks + 1);
    List<int[]> out = new java.util.ArrayList<>();
    int k = table.interactions().size();
    int[] current = new int[k];
    int size = 0;
    for (int i = 0; i < k; i++) {
      current[size] = i;
      if (size > 0 && groupDegree(table, current, size + 1) > limit) {
        out.add(java.util.Arrays.copyOf(current, size));
        current[0] = i;
        size = 0;
      }
      size++;
    }
    if (size > 0) {
      out.add(java.util.Arrays.copyOf(current, size));
    }
    return out.toArray(new int[0][]);
  }

  /** The degree of the constraint of a group made of the first {@code size} indices of {@code g}. */
  private static int groupDegree(AirTable table, int[] g, int size) {
    int fingerprints = 0;
    for (int i = 0; i < size; i++) {
      fingerprints += fingerprintDegree(table, table.interactions().get(g[i]));
    }
    int d = 1 + fingerprints; // v·Π d_k
    for (int i = 0; i < size; i++) {
      Interaction in = table.interactions().get(g[i]);
      d = Math.max(d, table.program().degree(in.multiplicitySlot()) + fingerprints - fingerprintDegree(table, in));
    }
    return d;
  }

  private static int fingerprintDegree(AirTable table, Interaction in) {
    int d = 0;
    for (int f = 0; f < in.arity(); f++) {
      d = Math.max(d, table.program().degree(in.fieldSlot(f)));
    }
    return d;
  }

  /** The bus's identifier in fingerprints: 31 bits of SHA-256 of its name, reduced into the field. */
  static int busId(String bus) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bus.getBytes(StandardCharsets.UTF_8));
      int v = ((d[0] & 0x7f) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
      return BabyBear.fromInt(v);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Ints of scratch {@link #evaluate} needs. */
  static final int SCRATCH = 24;

  /** Number of interactions K. */
  int interactionCount() {
    return interactions.size();
  }

  /** Number of groups, which is the number of extension columns and of constraints (0 without interactions). */
  int groupCount() {
    return groups.length;
  }

  /** The interaction indices of group g, in table order. */
  int[] group(int g) {
    return groups[g].clone();
  }

  /** The highest degree of the LogUp constraints (0 without interactions). */
  int degree() {
    return degree;
  }

  /** Extension columns in the auxiliary trace: one per group (the last one is φ). */
  int extColumns() {
    return groups.length;
  }

  /** Base columns in the auxiliary trace (four per extension column). */
  int baseColumns() {
    return 4 * extColumns();
  }

  /** Number of LogUp constraints: one per group. */
  int constraintCount() {
    return groups.length;
  }

  /** S/n, packed: the share of the table's sum each row's running-sum step is shifted by. */
  static int[] sumPerRow(Ext4 sum, int logHeight) {
    return ExtOps.pack(sum.times(Ext4.fromBase(BabyBear.inv(1 << logHeight))));
  }

  /** The program slots the constraints read: every field and multiplicity, each once. */
  int[] slotsRead() {
    return interactions.stream()
        .flatMapToInt(in -> IntStream.concat(IntStream.of(in.fieldSlots()), IntStream.of(in.multiplicitySlot())))
        .distinct().toArray();
  }

  /** Powers β<sup>1</sup> … β<sup>maxArity</sup>, packed. */
  int[] betaPowers(Ext4 beta) {
    int[] out = new int[4 * maxArity];
    Ext4 p = beta;
    for (int i = 0; i < maxArity; i++) {
      p.write(out, 4 * i);
      p = p.times(beta);
    }
    return out;
  }

  /** The auxiliary trace and the table's sum S. */
  record AuxTrace(int[][] columns, Ext4 sum) {}

  /**
   * Builds the auxiliary trace of a filled table.
   *
   * @param main the main trace, column-major
   * @param prep the preprocessed columns at trace height
   * @throws IllegalStateException in the negligible event that α equals some message's fingerprint
   */
  AuxTrace generate(int[][] main, int[][] prep, int[] publics, int height, Ext4 alpha, Ext4 beta) {
    int k = interactions.size();
    int[] betas = betaPowers(beta);
    int[] alphaPacked = ExtOps.pack(alpha);
    // h[i] holds interaction i's packed values for all rows: first the denominators, then (after inversion) h.
    int[][] h = new int[k][4 * height];
    int[][] m = new int[k][height];
    // Only the bus fields and multiplicities are needed here, not the constraints.
    BatchEvaluator.Plan plan = new BatchEvaluator.Plan(table.program(), new int[0], slotsRead());
    BatchEvaluator.Source source = BatchEvaluator.traceSource(main, prep, publics, height);
    int block = Math.min(BatchEvaluator.BATCH, height);
    int blocks = height / block;
    int tasks = Math.min(blocks, 4 * Runtime.getRuntime().availableProcessors());
    IntStream.range(0, tasks).parallel().forEach(task -> {
      BatchEvaluator evaluator = new BatchEvaluator(plan);
      int[] fp = new int[4];
      for (int b = (int) ((long) blocks * task / tasks), end = (int) ((long) blocks * (task + 1) / tasks); b < end;
          b++) {
        evaluator.evaluate(source, b * block, block, (c, values, first, len) -> { });
        for (int j = 0; j < block; j++) {
          int row = b * block + j;
          for (int i = 0; i < k; i++) {
            int mult = evaluator.kept(multiplicitySlots[i])[j];
            if (mult == 0) {
              continue; // h stays 0 on this row: its fingerprint is never inverted nor read
            }
            m[i][row] = BabyBear.mul(signs[i], mult);
            int[] fields = fieldSlots[i];
            fp[0] = busIds[i];
            fp[1] = 0;
            fp[2] = 0;
            fp[3] = 0;
            for (int f = 0; f < fields.length; f++) {
              ExtOps.addScaled(fp, 0, betas, 4 * f, evaluator.kept(fields[f])[j]);
            }
            Ext4.sub(alphaPacked, 0, fp, 0, h[i], 4 * row);
          }
        }
      }
    });
    // h = σm/d. Rows where the multiplicity is 0 (padding, and rows a selector leaves out) get h = 0 without an
    // inversion, which also satisfies the group constraint there whatever d is; the rest are inverted as a batch.
    IntStream.range(0, k).parallel().forEach(i -> {
      int[] hi = h[i];
      int[] mi = m[i];
      int[] rows = new int[height];
      int live = 0;
      for (int row = 0; row < height; row++) {
        if (mi[row] != 0) {
          System.arraycopy(hi, 4 * row, hi, 4 * live, 4);
          rows[live++] = row;
        }
      }
      int zero = ExtOps.batchInverse(hi, live);
      if (zero >= 0) {
        throw new IllegalStateException("table '" + table.name() + "': the LogUp challenge hit the fingerprint of "
            + "the message on row " + rows[zero] + " of interaction " + i + "; prove again");
      }
      // back to row order from the top, so that no packed value is overwritten before it is moved
      int next = live - 1;
      for (int row = height - 1; row >= 0; row--) {
        if (next >= 0 && rows[next] == row) {
          Ext4.mulBase(hi, 4 * next, mi[row], hi, 4 * row);
          next--;
        } else {
          java.util.Arrays.fill(hi, 4 * row, 4 * row + 4, 0);
        }
      }
    });
    int g = groups.length;
    int[][] cols = new int[baseColumns()][height];
    // The columns of every group but the last; each row's total goes into rowTotal for φ. Rows are independent,
    // so blocks of them run in parallel: this pass touches every h value once more.
    int[] rowTotal = new int[4 * height];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      int[] v = new int[4];
      for (int row = b * block, end = row + block; row < end; row++) {
        for (int grp = 0; grp < g; grp++) {
          java.util.Arrays.fill(v, 0);
          for (int i : groups[grp]) {
            Ext4.add(v, 0, h[i], 4 * row, v, 0);
          }
          Ext4.add(rowTotal, 4 * row, v, 0, rowTotal, 4 * row);
          if (grp < g - 1) {
            for (int c = 0; c < 4; c++) {
              cols[4 * grp + c][row] = v[c];
            }
          }
        }
      }
    });
    int[] sum = new int[4];
    for (int row = 0; row < height; row++) {
      Ext4.add(sum, 0, rowTotal, 4 * row, sum, 0);
    }
    Ext4 total = Ext4.read(sum, 0);
    int[] share = sumPerRow(total, Integer.numberOfTrailingZeros(height));
    // φ_0 = 0, φ_{r+1} = φ_r + (row r's total − S/n); the cycle closes at φ_n = φ_0 because the totals add to S.
    int[] phi = new int[4];
    for (int row = 0; row < height; row++) {
      for (int c = 0; c < 4; c++) {
        cols[4 * (g - 1) + c][row] = phi[c];
      }
      Ext4.add(phi, 0, rowTotal, 4 * row, phi, 0);
      Ext4.sub(phi, 0, share, 0, phi, 0);
    }
    return new AuxTrace(cols, total);
  }

  /**
   * The one definition of the LogUp constraints, on packed extension values: the verifier calls it once at the
   * out-of-domain point.
   *
   * @param slots the value of program slot s, packed at {@code 4·s}
   * @param local the auxiliary row (one packed value per group) at this point
   * @param next the auxiliary row at the next point (only φ is read)
   * @param alpha packed α; {@code betas} from {@link #betaPowers}; {@code sumPerRow} from {@link #sumPerRow}
   * @param out one packed constraint value per group
   * @param scratch {@value #SCRATCH} ints the caller owns, so the prover's per-row calls allocate nothing
   */
  void evaluate(int[] slots, int[] local, int[] next, int[] alpha, int[] betas, int[] sumPerRow, int[] out,
      int[] scratch) {
    evaluate(slots, false, local, next, alpha, betas, sumPerRow, out, scratch);
  }

  /**
   * The same constraints where every slot holds a base-field value (coordinate 0 of its packed place; the prover's
   * LDE rows, whose messages and multiplicities are base-field expressions of the trace): the products by a field
   * or a multiplicity become base-by-extension products, a quarter of the work, with the same results.
   */
  void evaluateBase(int[] slots, int[] local, int[] next, int[] alpha, int[] betas, int[] sumPerRow, int[] out,
      int[] scratch) {
    evaluate(slots, true, local, next, alpha, betas, sumPerRow, out, scratch);
  }

  private void evaluate(int[] slots, boolean base, int[] local, int[] next, int[] alpha, int[] betas,
      int[] sumPerRow, int[] out, int[] scratch) {
    int g = groups.length;
    // scratch: d = α − fp at 0, Π d at 4, Σ σm·Π_{j≠k} d at 8, a temporary at 12, the group's value at 16,
    // the other groups' values summed at 20
    int[] w = scratch;
    java.util.Arrays.fill(w, 20, 24, 0);
    for (int grp = 0; grp < g; grp++) {
      int[] members = groups[grp];
      if (grp < g - 1) {
        System.arraycopy(local, 4 * grp, w, 16, 4);
        Ext4.add(w, 20, w, 16, w, 20);
      } else {
        int phi = 4 * (g - 1);
        Ext4.sub(next, phi, local, phi, w, 16);
        Ext4.sub(w, 16, w, 20, w, 16);
        Ext4.add(w, 16, sumPerRow, 0, w, 16);
      }
      for (int k = 0; k < members.length; k++) {
        int i = members[k];
        int[] fields = fieldSlots[i];
        w[0] = BabyBear.sub(alpha[0], busIds[i]);
        w[1] = alpha[1];
        w[2] = alpha[2];
        w[3] = alpha[3];
        for (int j = 0; j < fields.length; j++) {
          if (base) {
            Ext4.mulBase(betas, 4 * j, slots[4 * fields[j]], w, 12);
          } else {
            Ext4.mul(betas, 4 * j, slots, 4 * fields[j], w, 12);
          }
          Ext4.sub(w, 0, w, 12, w, 0);
        }
        // σm at 12
        int m = 4 * multiplicitySlots[i];
        if (base) {
          w[12] = BabyBear.mul(slots[m], signs[i]);
          w[13] = 0;
          w[14] = 0;
          w[15] = 0;
        } else {
          Ext4.mulBase(slots, m, signs[i], w, 12);
        }
        if (k == 0) {
          // N = σm and P = d: the general step from N = 0, P = 1 without its products by 0 and 1
          System.arraycopy(w, 12, w, 8, 4);
          System.arraycopy(w, 0, w, 4, 4);
          continue;
        }
        // N ← N·d + σm·P, then P ← P·d: after the loop N = Σ_k σ_k m_k Π_{j≠k} d_j and P = Π d.
        Ext4.mul(w, 8, w, 0, w, 8);
        if (base) {
          Ext4.mulBase(w, 4, w[12], w, 12);
        } else {
          Ext4.mul(w, 12, w, 4, w, 12);
        }
        Ext4.add(w, 8, w, 12, w, 8);
        Ext4.mul(w, 4, w, 0, w, 4);
      }
      Ext4.mul(w, 16, w, 4, out, 4 * grp);
      Ext4.sub(out, 4 * grp, w, 8, out, 4 * grp);
    }
  }
}
