package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.air.ConstraintProgram;
import dev.rivet.air.Interaction;
import dev.rivet.check.BusCapacity;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.fri.FriVerifier;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link Proof} against a {@link VerifyingKey} and the public values the caller expects, replaying the
 * {@link Prover}'s transcript message by message.
 *
 * <p>Order of checks: the proof's header against the bytes' size, the key's configuration and the key's digest
 * (see {@link Proof#fromBytes}), so a truncated or padded proof, a proof from another configuration and a proof for
 * another key are named as such; the proof's shape, decoded against the key (counts, heights, canonical
 * elements); then, before any other work, that no bus's multiplicities could wrap around p at the proof's heights
 * ({@link BusCapacity}) and the required security against the proof's whole {@link SoundnessBudget} (the minimum
 * over its terms, from the key's parameters, the proof's heights and the key's tables), naming the weakest term if
 * it falls short; the public values' and messages' shape, then their digest against the header's, so other public
 * inputs are named as such; the proof of work before each challenge round, as the transcript reaches it; the LogUp
 * balance Σ S<sub>t</sub> + (the public messages' terms) = 0; the out-of-domain identity of the one quotient,
 * Σ<sub>t</sub> C<sub>t</sub>(ζ<sub>t</sub>) = Z<sub>H<sub>N</sub></sub>(ζ)·Q(ζ) with
 * ζ<sub>t</sub> = ζ<sup>N/n<sub>t</sub></sup> (the {@link Prover} lifts every table to the largest height N; its
 * documentation gives the argument); finally FRI, whose queries open each phase's one tree (every table's row, or
 * the quotient's; one multi-proof per tree for all queries) and recompute every table's DEEP value and the
 * quotient's. Any failure is a {@link VerificationException} that names it; hostile bytes never cause anything
 * else (an unexpected exception becomes one, with it as the cause).
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
   * @param publicValues per table, in the key's order, its public values
   * @param requiredBits the least soundness the caller accepts: the minimum over the proof's
   *     {@link SoundnessBudget} terms, e.g. 100
   * @throws IllegalArgumentException if an argument is null or {@code requiredBits} is not a finite number ≥ 0:
   *     the caller's mistake, not the proof's
   * @throws MalformedProofException if the bytes are not a proof (empty, another format version, truncated or
   *     padded, non-canonical values)
   * @throws VerificationException naming the first check that failed
   */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, byte[] proof, double requiredBits)
      throws VerificationException {
    verify(vk, publicValues, List.of(), proof, requiredBits);
  }

  /** Verifies a proof object (re-read through the same shape checks as bytes, so both paths are equally strict). */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, Proof proof, double requiredBits)
      throws VerificationException {
    verify(vk, publicValues, List.of(), proof, requiredBits);
  }

  /**
   * Verifies an encoded proof of a statement with public bus messages: the verifier adds each message's term
   * σ·m/(α<sub>L</sub> − fingerprint) to the LogUp balance itself, so the proof holds for exactly these messages.
   *
   * @throws VerificationException also if a message is on a bus the key does not declare with public messages, or
   *     has the wrong number of fields or non-canonical elements
   */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, List<PublicMessage> messages, byte[] proof,
      double requiredBits) throws VerificationException {
    if (vk == null || proof == null) {
      throw new IllegalArgumentException(vk == null ? "no verifying key given" : "no proof given");
    }
    if (publicValues == null || messages == null) {
      throw new IllegalArgumentException(publicValues == null ? "no public values given" : "no public messages given");
    }
    for (int t = 0; t < publicValues.size(); t++) {
      if (publicValues.get(t) == null) { // a loop: List.of(…).contains(null) throws NullPointerException
        throw new IllegalArgumentException("no public values given for table " + t);
      }
    }
    if (!(requiredBits >= 0) || Double.isInfinite(requiredBits)) {
      throw new IllegalArgumentException("required bits " + requiredBits + " is not a finite number ≥ 0");
    }
    try {
      verifyDecoded(vk, publicValues, messages, Proof.fromBytes(proof, vk), requiredBits);
    } catch (RuntimeException e) {
      // a bug reached by hostile bytes must still be an answer, not a crash; the cause is kept for the report
      throw new VerificationException("the verifier failed on this proof: " + e, e);
    }
  }

  /** {@link #verify(VerifyingKey, List, List, byte[], double)} for a proof object. */
  public static void verify(VerifyingKey vk, List<int[]> publicValues, List<PublicMessage> messages, Proof proof,
      double requiredBits) throws VerificationException {
    verify(vk, publicValues, messages, proof == null ? null : proof.toBytes(), requiredBits);
  }

  private static void verifyDecoded(VerifyingKey vk, List<int[]> publicValues, List<PublicMessage> messages,
      Proof proof, double requiredBits) throws VerificationException {
    List<String> wrong = PublicMessage.problems(vk.tables(), messages);
    if (!wrong.isEmpty()) {
      throw new VerificationException(String.join("; ", wrong));
    }
    int[] heights = new int[proof.logHeights.length];
    for (int t = 0; t < heights.length; t++) {
      heights[t] = 1 << proof.logHeights[t];
    }
    List<String> wraps = BusCapacity.problems(vk.tables(), heights, messages);
    if (!wraps.isEmpty()) {
      throw new VerificationException(String.join("; ", wraps));
    }
    SoundnessBudget budget = SoundnessBudget.of(vk, proof);
    if (budget.bits() < requiredBits) {
      throw new VerificationException(String.format("soundness %.1f bits < required %.1f: weakest term %s",
          budget.bits(), requiredBits, budget.weakest()));
    }
    SecurityParameters params = vk.config().security();
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
    if (!Arrays.equals(Statement.publicInputsDigest(publicValues, messages), proof.publicsDigest)) {
      throw new VerificationException("wrong public values or messages: the proof was made for other public inputs "
          + "than those given");
    }
    int logB = params.logBlowup();
    Transcript tr = Statement.begin(vk, proof.logHeights, publicValues, messages);
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
    total = total.plus(publicMessagesSum(messages, alphaL, betaL));
    if (!total.isZero()) {
      throw new VerificationException("the buses do not balance: the tables' LogUp sums and the public messages add "
          + "up to " + total);
    }
    Ext4 alpha = tr.sampleExt4();
    tr.observeDigests(proof.quotientCap);
    tr.checkWork(SoundnessBudget.DEEP, grinding, proof.zetaNonce);
    Ext4 zeta = tr.sampleExt4();
    if (zeta.isBase()) {
      // The DEEP quotients divide by x − ζ at base-field LDE points; a base ζ (probability 2^-92.7) could vanish.
      throw new VerificationException("the out-of-domain point ζ = " + zeta + " lies in the base field");
    }
    Ext4[] zetas = Prover.liftedPoints(zeta, proof.logHeights);
    for (int t = 0; t < n; t++) {
      if (zetas[t].isBase()) { // the same division at table t's LDE points
        throw new VerificationException("the out-of-domain point of table '" + tables.get(t).name() + "', ζ^"
            + (1L << (Arrays.stream(proof.logHeights).max().getAsInt() - proof.logHeights[t])) + " = " + zetas[t]
            + ", lies in the base field");
      }
      for (Ext4 v : proof.atZeta[t]) {
        tr.observe(v);
      }
      for (Ext4 v : proof.atZetaNext[t]) {
        tr.observe(v);
      }
    }
    for (Ext4 v : proof.quotientAtZeta) {
      tr.observe(v);
    }
    tr.checkWork(SoundnessBudget.BATCHING, grinding, proof.batchingNonce);
    checkOutOfDomain(vk, proof, publicValues, alphaL, betaL, alpha, zeta, zetas);
    int[] logSizes = Proof.friLogSizes(proof.logHeights, logB);
    Deep.Batch[] batches = new Deep.Batch[n + 1];
    for (int t = 0; t < n; t++) {
      batches[t] = Deep.Batch.draw(tr, zetas[t], Prover.nextRow(zetas[t], proof.logHeights[t]), proof.atZeta[t],
          proof.atZetaNext[t]);
    }
    batches[n] = Deep.Batch.drawAt(tr, zeta, proof.quotientAtZeta);
    Phase[] phases = Phase.present(vk);
    int[][] caps = {proof.mainCap, vk.preprocessedCommitment(), proof.auxCap, proof.quotientCap};
    FriVerifier.verify(params, tr, logSizes, proof.fri, indices -> {
      for (int p = 0; p < phases.length; p++) {
        Phase phase = phases[p];
        int[] phaseLogSizes = phase.logSizes(vk, proof.logHeights, logB);
        int top = Arrays.stream(phaseLogSizes).max().getAsInt();
        int[] treeIndices = new int[indices.length];
        int[][][] rows = new int[indices.length][][];
        for (int q = 0; q < indices.length; q++) {
          treeIndices[q] = indices[q] & ((1 << top) - 1);
          rows[q] = proof.queries[q][p].rows();
        }
        try {
          MerkleTree.verifyBatch(vk.config().hash(), caps[phase.ordinal()], params.logCapHeight(), phaseLogSizes,
              treeIndices, rows, proof.phaseProofs[p]);
        } catch (VerificationException e) {
          throw new VerificationException(phase.label + " openings: " + e.getMessage());
        }
      }
      Ext4[][] values = new Ext4[indices.length][n + 1];
      for (int q = 0; q < indices.length; q++) {
        int[][][] rows = new int[Phase.values().length][n][];
        int[] quotientRow = null;
        for (int p = 0; p < phases.length; p++) {
          if (phases[p] == Phase.QUOTIENT) {
            quotientRow = proof.queries[q][p].rows()[0];
            continue;
          }
          int[] members = phases[p].tables(vk);
          for (int m = 0; m < members.length; m++) {
            rows[phases[p].ordinal()][members[m]] = proof.queries[q][p].rows()[m];
          }
        }
        for (int t = 0; t < n; t++) {
          int[] opened = concatRows(rows[Phase.MAIN.ordinal()][t], rows[Phase.PREPROCESSED.ordinal()][t],
              rows[Phase.AUX.ordinal()][t]);
          values[q][t] = Deep.verifier(opened, Cosets.point(logSizes[t], indices[q]), batches[t]);
        }
        values[q][n] = Deep.verifier(quotientRow, Cosets.point(logSizes[n], indices[q]), batches[n]);
      }
      return values;
    });
  }

  /** Σ σ·m/(α − fp) over the statement's public messages, with the fingerprint {@link LogUp} gives a message. */
  private static Ext4 publicMessagesSum(List<PublicMessage> messages, Ext4 alpha, Ext4 beta)
      throws VerificationException {
    Ext4 sum = Ext4.ZERO;
    for (PublicMessage m : messages) {
      Ext4 fp = Ext4.fromBase(LogUp.busId(m.bus()));
      Ext4 power = beta;
      for (int i = 0; i < m.arity(); i++) {
        fp = fp.plus(power.times(Ext4.fromBase(m.value(i))));
        power = power.times(beta);
      }
      Ext4 denominator = alpha.minus(fp);
      if (denominator.isZero()) { // probability 1/|F| per message
        throw new VerificationException("the LogUp challenge hit the fingerprint of " + m);
      }
      Ext4 term = Ext4.fromBase(m.multiplicity()).div(denominator);
      sum = m.direction() == Interaction.Direction.SEND ? sum.plus(term) : sum.minus(term);
    }
    return sum;
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

  /**
   * The one quotient's identity at ζ: Σ<sub>t</sub> C<sub>t</sub>(ζ<sub>t</sub>) = Z<sub>H<sub>N</sub></sub>(ζ)·Q(ζ),
   * each C<sub>t</sub> from table t's claimed values at ζ<sub>t</sub> and ζ<sub>t</sub>ω<sub>t</sub>, with the
   * powers of α continuing across tables as the prover's ({@link QuotientEvaluator#firstPowers}).
   * Z<sub>H<sub>t</sub></sub>(ζ<sub>t</sub>) = ζ<sup>N</sup> − 1 = Z<sub>H<sub>N</sub></sub>(ζ) for every table, so
   * no table's sum is divided.
   */
  private static void checkOutOfDomain(VerifyingKey vk, Proof proof, List<int[]> publicValues, Ext4 alphaL,
      Ext4 betaL, Ext4 alpha, Ext4 zeta, Ext4[] zetas) throws VerificationException {
    int logTop = Arrays.stream(proof.logHeights).max().getAsInt();
    Ext4 z = zeta.pow(1L << logTop).minus(Ext4.ONE);
    if (z.isZero()) {
      throw new VerificationException("the out-of-domain point lies in the trace domain");
    }
    Ext4[] firstPowers = QuotientEvaluator.firstPowers(vk.shapes, alpha);
    Ext4 combined = Ext4.ZERO;
    for (int t = 0; t < vk.shapes.length; t++) {
      combined = combined.plus(constraintsAt(vk.shapes[t], proof, t, publicValues.get(t), alphaL, betaL, alpha,
          firstPowers[t], zetas[t], z));
    }
    int[] quotient = recombine(proof.quotientAtZeta, 0, proof.quotientAtZeta.length);
    Ext4 q = Ext4.ZERO;
    Ext4 zetaN = z.plus(Ext4.ONE);
    Ext4 chunkPower = Ext4.ONE;
    for (int j = 0; j < quotient.length / 4; j++) {
      q = q.plus(chunkPower.times(Ext4.read(quotient, 4 * j)));
      chunkPower = chunkPower.times(zetaN);
    }
    if (!combined.equals(z.times(q))) {
      throw new VerificationException("the constraints do not match the quotient at the out-of-domain point");
    }
  }

  /**
   * Σ<sub>i</sub> α<sup>o+i</sup>·C<sub>i</sub> of one table at its point ζ<sub>t</sub> (first = α<sup>o</sup>),
   * from its claimed values at ζ<sub>t</sub> and ζ<sub>t</sub>ω; z = ζ<sub>t</sub><sup>n</sup> − 1.
   */
  private static Ext4 constraintsAt(TableShape s, Proof proof, int t, int[] publics, Ext4 alphaL, Ext4 betaL,
      Ext4 alpha, Ext4 first, Ext4 zeta, Ext4 z) throws VerificationException {
    AirTable table = s.table;
    int logN = proof.logHeights[t];
    int n = 1 << logN;
    Ext4[] local = proof.atZeta[t];
    Ext4[] next = proof.atZetaNext[t];
    int w = s.mainWidth;
    int pw = s.prepWidth;
    int aw = s.auxWidth;
    Ext4 omegaInv = Ext4.fromBase(BabyBear.inv(BabyBear.twoAdicGenerator(logN)));
    if (zeta.equals(Ext4.ONE) || zeta.equals(omegaInv)) {
      throw new VerificationException("out-of-domain point lies in the trace domain of table '" + table.name() + "'");
    }
    Ext4 nInv = Ext4.fromBase(BabyBear.inv(n));
    // The prover's selectors (QuotientEvaluator.Selectors): L_first, L_last = ω⁻¹·Z/(n(ζ − ω⁻¹)), 1 − L_last.
    Ext4 isLast = z.times(nInv).times(omegaInv).div(zeta.minus(omegaInv));
    Ext4[] selectors = {z.times(nInv).div(zeta.minus(Ext4.ONE)), isLast, Ext4.ONE.minus(isLast)};
    Ext4[] slots = table.program().evaluateAt(slice(local, 0, w), slice(next, 0, w), slice(local, w, pw),
        slice(next, w, pw), publics, selectors);
    Ext4 combined = Ext4.ZERO;
    Ext4 power = first;
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
      s.logUp.evaluate(packedSlots, auxLocal, auxNext, ExtOps.pack(alphaL), s.logUp.betaPowers(betaL),
          LogUp.sumPerRow(sum, logN), out, new int[LogUp.SCRATCH]);
      for (int i = 0; i < s.logUp.constraintCount(); i++) {
        combined = combined.plus(power.times(Ext4.read(out, 4 * i)));
        power = power.times(alpha);
      }
    }
    return combined;
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
