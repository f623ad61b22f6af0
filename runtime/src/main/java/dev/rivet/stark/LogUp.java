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
 *       h<sub>k</sub> = σ<sub>k</sub>·m<sub>k</sub> / (α − fp<sub>k</sub>), with σ = +1 for a send and −1 for a
 *       receive. A running sum φ adds every row's contributions; its last value is the table's sum S. The
 *       verifier checks that the sums of all tables add up to zero. If some message's sends and receives differ
 *       (as field multiplicities), Σ σm/(α − fp) is a non-zero rational function of α and β, so it vanishes at a
 *       random point with probability at most (total rows × interactions)/|F<sub>ext</sub>| ≈ 2<sup>−100</sup>
 *       (Haböck, "Multivariate lookups based on logarithmic derivatives", 2022).
 *   <li><b>Bus identity.</b> id(b) is the first 31 bits of SHA-256 of the bus name, reduced mod p, so messages on
 *       different buses never cancel; the prover and verifier refuse a set of tables where two names collide.
 *   <li><b>Constraints</b> (k = 0 … K−1, then three on φ): h<sub>k</sub>·(α − fp<sub>k</sub>) − σ<sub>k</sub>
 *       m<sub>k</sub> = 0; first row: φ − Σh = 0; transition: φ' − φ − Σh' = 0; last row: φ − S = 0. The first has
 *       degree 1 + deg(fields), which the DSL keeps within the maximum; the others have degree 2.
 *   <li><b>Layout.</b> K + 1 extension columns (h<sub>0</sub> … h<sub>K−1</sub>, φ), each stored as four base
 *       columns of its coordinates, so the base-field LDE and Merkle machinery apply unchanged.
 * </ul>
 */
final class LogUp {
  private final AirTable table;
  private final List<Interaction> interactions;
  private final int[] busIds;
  private final int[] signs;
  private final int maxArity;

  LogUp(AirTable table) {
    this.table = table;
    this.interactions = table.interactions();
    int k = interactions.size();
    this.busIds = new int[k];
    this.signs = new int[k];
    int arity = 0;
    for (int i = 0; i < k; i++) {
      Interaction in = interactions.get(i);
      busIds[i] = busId(in.bus());
      signs[i] = in.direction() == Interaction.Direction.SEND ? 1 : BabyBear.P - 1;
      arity = Math.max(arity, in.arity());
    }
    this.maxArity = arity;
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
  static final int SCRATCH = 16;

  /** Number of interactions K. */
  int interactionCount() {
    return interactions.size();
  }

  /** Extension columns in the auxiliary trace: K + 1, or 0 for a table without interactions. */
  int extColumns() {
    return interactions.isEmpty() ? 0 : interactions.size() + 1;
  }

  /** Base columns in the auxiliary trace (four per extension column). */
  int baseColumns() {
    return 4 * extColumns();
  }

  /** Number of LogUp constraints: K + 3, or 0. */
  int constraintCount() {
    return interactions.isEmpty() ? 0 : interactions.size() + 3;
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
            Interaction in = interactions.get(i);
            fp[0] = busIds[i];
            fp[1] = 0;
            fp[2] = 0;
            fp[3] = 0;
            for (int f = 0; f < in.arity(); f++) {
              ExtOps.addScaled(fp, 0, betas, 4 * f, evaluator.kept(in.fieldSlot(f))[j]);
            }
            Ext4.sub(alphaPacked, 0, fp, 0, h[i], 4 * row);
            m[i][row] = BabyBear.mul(signs[i], evaluator.kept(in.multiplicitySlot())[j]);
          }
        }
      }
    });
    int[][] cols = new int[baseColumns()][height];
    int[] phi = new int[4];
    IntStream.range(0, k).parallel().forEach(i -> {
      int zero = ExtOps.batchInverse(h[i], height);
      if (zero >= 0) {
        throw new IllegalStateException("table '" + table.name() + "': the LogUp challenge hit the fingerprint of "
            + "the message on row " + zero + " of interaction " + i + "; prove again");
      }
      for (int row = 0; row < height; row++) {
        Ext4.mulBase(h[i], 4 * row, m[i][row], h[i], 4 * row);
        for (int c = 0; c < 4; c++) {
          cols[4 * i + c][row] = h[i][4 * row + c];
        }
      }
    });
    for (int row = 0; row < height; row++) {
      for (int i = 0; i < k; i++) {
        Ext4.add(phi, 0, h[i], 4 * row, phi, 0);
      }
      for (int c = 0; c < 4; c++) {
        cols[4 * k + c][row] = phi[c];
      }
    }
    return new AuxTrace(cols, Ext4.read(phi, 0));
  }

  /**
   * The one definition of the LogUp constraints, on packed extension values; the prover calls it per LDE row with
   * base values lifted, the verifier once at the out-of-domain point.
   *
   * @param slotValue the value of program slot s, packed at {@code 4·s} in {@code slots}
   * @param local the auxiliary row (K + 1 packed values) at this point
   * @param next the auxiliary row at the next point
   * @param selectors packed is_first_row, is_last_row, is_transition
   * @param alpha packed α; {@code betas} from {@link #betaPowers}; {@code sum} packed S
   * @param out K + 3 packed constraint values
   * @param scratch {@value #SCRATCH} ints the caller owns, so the prover's per-row calls allocate nothing
   */
  void evaluate(int[] slots, int[] local, int[] next, int[] selectors, int[] alpha, int[] betas, int[] sum,
      int[] out, int[] scratch) {
    int k = interactions.size();
    // scratch: d = α − fp at 0, a product at 4, Σh at 8, Σh' at 12
    int[] w = scratch;
    java.util.Arrays.fill(w, 8, 16, 0);
    for (int i = 0; i < k; i++) {
      Interaction in = interactions.get(i);
      w[0] = BabyBear.sub(alpha[0], busIds[i]);
      w[1] = alpha[1];
      w[2] = alpha[2];
      w[3] = alpha[3];
      for (int j = 0; j < in.arity(); j++) {
        Ext4.mul(betas, 4 * j, slots, 4 * in.fieldSlot(j), w, 4);
        Ext4.sub(w, 0, w, 4, w, 0);
      }
      Ext4.mul(local, 4 * i, w, 0, out, 4 * i);
      Ext4.mulBase(slots, 4 * in.multiplicitySlot(), signs[i], w, 4);
      Ext4.sub(out, 4 * i, w, 4, out, 4 * i);
      Ext4.add(w, 8, local, 4 * i, w, 8);
      Ext4.add(w, 12, next, 4 * i, w, 12);
    }
    int phi = 4 * k;
    Ext4.sub(local, phi, w, 8, w, 4);
    Ext4.mul(selectors, 0, w, 4, out, 4 * k);
    Ext4.sub(next, phi, local, phi, w, 4);
    Ext4.sub(w, 4, w, 12, w, 4);
    Ext4.mul(selectors, 8, w, 4, out, 4 * (k + 1));
    Ext4.sub(local, phi, sum, 0, w, 4);
    Ext4.mul(selectors, 4, w, 4, out, 4 * (k + 2));
  }
}
