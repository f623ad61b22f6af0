package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.air.ConstraintProgram;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.fri.FriVerifier;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.List;

/**
 * Checks a {@link Proof} against a {@link VerifyingKey} and the public values the caller expects, replaying the
 * {@link Prover}'s transcript message by message.
 *
 * <p>Order of checks: the proof's shape, decoded against the key (counts, heights, canonical elements; see
 * {@link Proof#fromBytes}); then, before any other work, the required security against the proof's whole
 * {@link SoundnessBudget} (the minimum over its terms, from the proof's parameters and heights and the key's
 * tables), naming the weakest term if it falls short; the public values' shape; the proof of work before each
 * challenge round, as the transcript reaches it; the LogUp balance Σ S<sub>t</sub> = 0; the out-of-domain
 * identity C(ζ) = Z(ζ)·Q(ζ) for every table; finally FRI, whose queries open each phase's one tree (every table's
 * row and one path) and recompute every table's DEEP value. Any failure is a {@link VerificationException} that names
 * it; hostile bytes never cause anything else.
 *
 * <p>What a proof states: the public values, and that each table's trace satisfies its AIR at the height the proof
 * records. Heights are the prover's choice, so a circuit whose meaning depends on its number of rows binds that
 * number to a public value (the {@code Fibonacci} example's row counter ends at its public n).
 */
public final class Verifier {
  private static final Ext4[] BASIS = {Ext4.ONE, Ext4.of(0, 1, 0, 0), Ext4.of(0, 0, 1, 0), Ext4.of(0, 0, 0, 1)};

  private Verifier() {}

  /**
   * Verifies an encoded proof.
   *
   * @param requiredBits the least soundness the caller accepts: the minimum over the proof's
   *     {@link SoundnessBudget} terms, e.g. 100
   * @throws VerificationException naming the first check that failed
   */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, byte[] proof, double requiredBits)
      throws VerificationException {
    verifyDecoded(vk, publicValues, Proof.fromBytes(proof, vk), requiredBits);
  }

  /** Verifies a proof object (re-read through the same shape checks as bytes, so both paths are equally strict). */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, Proof proof, double requiredBits)
      throws VerificationException {
    verify(vk, publicValues, proof.toBytes(), requiredBits);
  }

  private static void verifyDecoded(VerifyingKey vk, List<int[]> publicValues, Proof proof, double requiredBits)
      throws VerificationException {
    SoundnessBudget budget = SoundnessBudget.of(vk, proof);
    if (budget.bits() < requiredBits) {
      throw new VerificationException(String.format("soundness %.1f bits < required %.1f: weakest term %s",
          budget.bits(), requiredBits, budget.weakest()));
    }
    SecurityParameters params = proof.params;
    List<AirTable> tables = vk.tables();
    int n = tables.size();
    if (publicValues.size() != n) {
      throw new VerificationException(publicValues.size() + " public value lists given for " + n + " tables");
    }
    for (int t = 0; t < n; t++) {
      int[] pv = publicValues.get(t);
      if (pv.length != tables.get(t).publicValues().size()) {
        throw new VerificationException("table '" + tables.get(t).name() + "' takes "
            + tables.get(t).publicValues().size() + " public values, " + pv.length + " given");
      }
      for (int v : pv) {
        if (!BabyBear.isCanonical(v)) {
          throw new VerificationException("table '" + tables.get(t).name() + "': public value " + v
              + " is not a canonical field element");
        }
      }
    }
    int logB = params.logBlowup();
    Transcript tr = Statement.begin(vk, params, proof.logHeights, publicValues);
    tr.observeDigests(proof.mainCap);
    boolean anyBus = vk.hasBus();
    int grinding = params.challengePowBits();
    if (anyBus) {
      tr.checkWork(SoundnessBudget.LOGUP, grinding, proof.logUpNonce);
    }
    Ext4 alphaL = anyBus ? tr.sampleExt4() : Ext4.ZERO;
    Ext4 betaL = anyBus ? tr.sampleExt4() : Ext4.ZERO;
    Ext4 total = Ext4.ZERO;
    if (anyBus) {
      tr.observeDigests(proof.auxCap);
      for (int t : Phase.AUX.tables(vk)) {
        tr.observe(proof.tableSums[t]);
        total = total.plus(proof.tableSums[t]);
      }
    }
    if (!total.isZero()) {
      throw new VerificationException("the buses do not balance: the tables' LogUp sums add up to " + total);
    }
    Ext4 alpha = tr.sampleExt4();
    tr.observeDigests(proof.quotientCap);
    tr.checkWork(SoundnessBudget.DEEP, grinding, proof.zetaNonce);
    Ext4 zeta = tr.sampleExt4();
    if (zeta.isBase()) {
      // The DEEP quotients divide by x − ζ at base-field LDE points; a base ζ (probability 2^-92.7) could vanish.
      throw new VerificationException("the out-of-domain point ζ = " + zeta + " lies in the base field");
    }
    for (int t = 0; t < n; t++) {
      for (Ext4 v : proof.atZeta[t]) {
        tr.observe(v);
      }
      for (Ext4 v : proof.atZetaNext[t]) {
        tr.observe(v);
      }
    }
    tr.checkWork(SoundnessBudget.BATCHING, grinding, proof.batchingNonce);
    for (int t = 0; t < n; t++) {
      checkOutOfDomain(vk.shapes[t], proof, t, publicValues.get(t), alphaL, betaL, alpha, zeta);
    }
    int[] logSizes = new int[n];
    Deep.Batch[] batches = new Deep.Batch[n];
    for (int t = 0; t < n; t++) {
      logSizes[t] = proof.logHeights[t] + logB;
      batches[t] = Deep.Batch.draw(tr, zeta, zeta.times(BabyBear.twoAdicGenerator(proof.logHeights[t])),
          proof.atZeta[t], proof.atZetaNext[t]);
    }
    Phase[] phases = Phase.present(vk);
    int[][] caps = {proof.mainCap, vk.preprocessedCommitment(), proof.auxCap, proof.quotientCap};
    FriVerifier.verify(params, tr, logSizes, proof.fri, (q, index) -> {
      int[][][] rows = new int[Phase.values().length][n][];
      for (int p = 0; p < phases.length; p++) {
        Phase phase = phases[p];
        int[] members = phase.tables(vk);
        int[] phaseLogSizes = phase.logSizes(vk, proof.logHeights, logB);
        int top = java.util.Arrays.stream(phaseLogSizes).max().getAsInt();
        Proof.Opening o = proof.queries[q][p];
        try {
          MerkleTree.verify(vk.config().hash(), caps[phase.ordinal()], params.logCapHeight(), phaseLogSizes,
              index & ((1 << top) - 1), o.rows(), o.path());
        } catch (VerificationException e) {
          throw new VerificationException("query " + q + ", " + phase.label + ": " + e.getMessage());
        }
        for (int m = 0; m < members.length; m++) {
          rows[phase.ordinal()][members[m]] = o.rows()[m];
        }
      }
      Ext4[] values = new Ext4[n];
      for (int t = 0; t < n; t++) {
        int[] opened = concatRows(rows[Phase.MAIN.ordinal()][t], rows[Phase.PREPROCESSED.ordinal()][t],
            rows[Phase.AUX.ordinal()][t], rows[Phase.QUOTIENT.ordinal()][t]);
        values[t] = Deep.verifier(opened, Cosets.point(logSizes[t], index), batches[t]);
      }
      return values;
    });
  }

  private static int[] concatRows(int[]... rows) {
    int len = 0;
    for (int[] r : rows) {
      len += r == null ? 0 : r.length;
    }
    int[] out = new int[len];
    int i = 0;
    for (int[] r : rows) {
      if (r != null) {
        System.arraycopy(r, 0, out, i, r.length);
        i += r.length;
      }
    }
    return out;
  }

  /** C(ζ) = Z(ζ)·Q(ζ) for one table, from the claimed values at ζ and ζω. */
  private static void checkOutOfDomain(TableShape s, Proof proof, int t, int[] publics, Ext4 alphaL, Ext4 betaL,
      Ext4 alpha, Ext4 zeta) throws VerificationException {
    AirTable table = s.table;
    int logN = proof.logHeights[t];
    int n = 1 << logN;
    Ext4[] local = proof.atZeta[t];
    Ext4[] next = proof.atZetaNext[t];
    int w = s.mainWidth;
    int pw = s.prepWidth;
    int aw = s.auxWidth;
    Ext4 omegaInv = Ext4.fromBase(BabyBear.inv(BabyBear.twoAdicGenerator(logN)));
    Ext4 z = zeta.pow(n).minus(Ext4.ONE);
    if (z.isZero() || zeta.equals(Ext4.ONE) || zeta.equals(omegaInv)) {
      throw new VerificationException("out-of-domain point lies in the trace domain of table '" + table.name() + "'");
    }
    Ext4 nInv = Ext4.fromBase(BabyBear.inv(n));
    // The prover's selectors (QuotientEvaluator.Selectors): L_first, L_last = ω⁻¹·Z/(n(ζ − ω⁻¹)), 1 − L_last.
    Ext4 isLast = z.times(nInv).times(omegaInv).div(zeta.minus(omegaInv));
    Ext4[] selectors = {z.times(nInv).div(zeta.minus(Ext4.ONE)), isLast, Ext4.ONE.minus(isLast)};
    Ext4[] slots = table.program().evaluateAt(slice(local, 0, w), slice(next, 0, w), slice(local, w, pw),
        slice(next, w, pw), publics, selectors);
    Ext4 combined = Ext4.ZERO;
    Ext4 power = Ext4.ONE;
    for (var c : table.constraints()) {
      combined = combined.plus(power.times(slots[c.slot()]));
      power = power.times(alpha);
    }
    if (aw > 0) {
      ConstraintProgram p = table.program();
      int[] packedSlots = new int[4 * p.size()];
      for (int i = 0; i < slots.length; i++) {
        slots[i].write(packedSlots, 4 * i);
      }
      int[] auxLocal = recombine(local, w + pw, aw);
      int[] auxNext = recombine(next, w + pw, aw);
      int[] out = new int[4 * s.logUp.constraintCount()];
      Ext4 sum = proof.tableSums[t];
      s.logUp.evaluate(packedSlots, auxLocal, auxNext, ExtOps.pack(selectors), ExtOps.pack(alphaL),
          s.logUp.betaPowers(betaL), ExtOps.pack(sum), out, new int[LogUp.SCRATCH]);
      for (int i = 0; i < s.logUp.constraintCount(); i++) {
        combined = combined.plus(power.times(Ext4.read(out, 4 * i)));
        power = power.times(alpha);
      }
    }
    int[] quotient = recombine(local, w + pw + aw, s.quotientWidth);
    Ext4 q = Ext4.ZERO;
    Ext4 zetaN = zeta.pow(n);
    Ext4 chunkPower = Ext4.ONE;
    for (int j = 0; j < s.quotientWidth / 4; j++) {
      q = q.plus(chunkPower.times(Ext4.read(quotient, 4 * j)));
      chunkPower = chunkPower.times(zetaN);
    }
    if (!combined.equals(z.times(q))) {
      throw new VerificationException("table '" + table.name() + "': the constraints do not match the quotient at "
          + "the out-of-domain point");
    }
  }

  private static Ext4[] slice(Ext4[] a, int from, int len) {
    return java.util.Arrays.copyOfRange(a, from, from + len);
  }

  /** Extension values from their coordinate columns' values: Σ X<sup>c</sup>·v<sub>c</sub>, packed. */
  private static int[] recombine(Ext4[] values, int from, int baseWidth) {
    int[] out = new int[baseWidth];
    for (int e = 0; e < baseWidth / 4; e++) {
      Ext4 v = Ext4.ZERO;
      for (int c = 0; c < 4; c++) {
        v = v.plus(BASIS[c].times(values[from + 4 * e + c]));
      }
      v.write(out, 4 * e);
    }
    return out;
  }
}
