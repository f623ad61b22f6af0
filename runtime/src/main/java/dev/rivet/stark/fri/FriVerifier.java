package dev.rivet.stark.fri;

import dev.rivet.stark.Cosets;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.SoundnessBudget;
import dev.rivet.stark.Transcript;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleMultiProof;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.Arrays;

/**
 * The FRI low-degree test, verifier side: the mirror of {@link FriProver}, whose documentation states the
 * protocol and the contract.
 *
 * <p>The verifier replays the transcript from the same state the prover started from, so the STARK layer must
 * have observed the same values before calling it. It checks, in order: the input log-sizes; the proof's shape
 * (counts, lengths, canonical elements) before using any of it; the proof of work before each round's folding
 * challenges and before the queries; then the opened inputs at every query, summed into layer 0's value, and layer
 * by layer every query's row against the layer's multi-proof and the folding consistency with the layer before;
 * finally each query's folded value against the final polynomial. Any failure is a {@link VerificationException}
 * naming it.
 */
public final class FriVerifier {
  private FriVerifier() {}

  /**
   * Supplies the inputs' values at the queries: the STARK layer computes them from its own opened rows, which it
   * authenticates for all queries at once.
   */
  @FunctionalInterface
  public interface InputOpening {
    /**
     * Per query, the value of every input, in input order: input j at {@code indices[q] mod 2^(k_j)}.
     *
     * @param indices the queries' indices into the top domain of 2<sup>K</sup> points, in sampling order
     * @throws VerificationException if the STARK layer's own openings at these indices fail
     */
    Ext4[][] open(int[] indices) throws VerificationException;
  }

  /**
   * Verifies a FRI proof that the inputs of the given log-sizes are low-degree.
   *
   * @return the query indices, in sampling order, for the STARK layer's records
   * @throws VerificationException naming the first check that failed
   */
  public static int[] verify(SecurityParameters params, Transcript transcript, int[] logSizes, FriProof proof,
      InputOpening opening) throws VerificationException {
    FriShape shape;
    try {
      shape = FriShape.of(params, logSizes);
    } catch (FriShape.InvalidShape e) {
      throw new VerificationException(e.getMessage());
    }
    checkShape(shape, proof);
    HashFunction hash = transcript.hash();
    int top = shape.maxLogSize;
    int rounds = shape.rounds;

    shape.observe(transcript);
    Ext4[] coefficients = new Ext4[logSizes.length];
    for (int j = 0; j < coefficients.length; j++) {
      coefficients[j] = transcript.sampleExt4();
    }
    Ext4[][] betas = new Ext4[rounds][];
    for (int r = 0; r < rounds; r++) {
      transcript.observeDigests(proof.layerCaps()[r]);
      transcript.checkWork(SoundnessBudget.FOLDING + " round " + r, params.challengePowBits(), proof.foldNonces()[r]);
      betas[r] = new Ext4[shape.logArities[r]];
      for (int s = 0; s < betas[r].length; s++) {
        betas[r][s] = transcript.sampleExt4();
      }
    }
    int[] finalPoly = proof.finalPolynomial();
    transcript.observe(finalPoly, 0, finalPoly.length);
    transcript.checkWork(SoundnessBudget.QUERIES, params.powBits(), proof.powNonce());

    int finalLogSize = params.minInputLogSize();
    int finalShift = Cosets.shift(finalLogSize);
    int queries = params.numQueries();
    int[] indices = new int[queries];
    for (int q = 0; q < queries; q++) {
      indices[q] = transcript.sampleIndex(top);
    }
    Ext4[][] inputs = opening.open(indices);
    if (inputs == null || inputs.length != queries) {
      throw new VerificationException("FRI: the input opening returned " + (inputs == null ? "nothing"
          : inputs.length + " queries' values") + " for " + queries + " queries");
    }
    Ext4[] values = new Ext4[queries];
    for (int q = 0; q < queries; q++) {
      if (inputs[q] == null || inputs[q].length != logSizes.length) {
        throw new VerificationException("FRI query " + q + ": the input opening returned "
            + (inputs[q] == null ? "nothing" : inputs[q].length + " values") + " for " + logSizes.length + " inputs");
      }
      values[q] = liftedSum(inputs[q], coefficients, q);
    }
    int[] index = indices.clone();
    for (int r = 0; r < rounds; r++) {
      int logSize = shape.layerLogSizes[r];
      int leafLog = shape.leafLogHeight(r);
      int[] leaves = new int[queries];
      int[][][] rows = new int[queries][1][];
      for (int q = 0; q < queries; q++) {
        leaves[q] = index[q] & ((1 << leafLog) - 1);
        int own = index[q] >>> leafLog;
        int[] siblings = proof.queries()[q].siblings()[r];
        int[] row = new int[siblings.length + 4];
        System.arraycopy(siblings, 0, row, 0, 4 * own);
        values[q].write(row, 4 * own);
        System.arraycopy(siblings, 4 * own, row, 4 * own + 4, siblings.length - 4 * own);
        rows[q][0] = row;
      }
      try {
        MerkleTree.verifyBatch(hash, proof.layerCaps()[r], params.logCapHeight(), new int[] {leafLog}, leaves, rows,
            proof.layerProofs()[r]);
      } catch (VerificationException e) {
        throw new VerificationException("FRI layer " + r + ": " + e.getMessage());
      }
      for (int q = 0; q < queries; q++) {
        values[q] = foldRow(rows[q][0], logSize, leafLog, leaves[q], betas[r]);
      }
      index = leaves;
    }
    for (int q = 0; q < queries; q++) {
      int x = BabyBear.mul(finalShift, BabyBear.pow(BabyBear.twoAdicGenerator(finalLogSize), index[q]));
      if (!evaluate(finalPoly, x).equals(values[q])) {
        throw new VerificationException("FRI query " + q + " (index " + indices[q]
            + "): the folded value disagrees with the final polynomial");
      }
    }
    return indices;
  }

  /**
   * Folds one opened row of a layer of 2<sup>logSize</sup> values (values leaf + m·2<sup>leafLog</sup>) down to
   * value {@code leaf} of the layer 2<sup>logSize − leafLog</sup> times smaller, one halving per challenge.
   */
  private static Ext4 foldRow(int[] row, int logSize, int leafLog, int leaf, Ext4[] betas) {
    Ext4[] v = new Ext4[row.length / 4];
    for (int m = 0; m < v.length; m++) {
      v[m] = Ext4.read(row, 4 * m);
    }
    for (int s = 0, size = v.length; s < betas.length; s++, size /= 2) {
      int log = logSize - s;
      int omega = BabyBear.twoAdicGenerator(log);
      // pairs m and m + size/2 are the points x and −x of this halving's layer, at index leaf + m·2^leafLog
      for (int m = 0; m < size / 2; m++) {
        int x = BabyBear.mul(Cosets.shift(log), BabyBear.pow(omega, leaf + ((long) m << leafLog)));
        v[m] = foldPair(v[m], v[m + size / 2], betas[s], x);
      }
    }
    return v[0];
  }

  /** (lo + hi)/2 + β·(lo − hi)/(2x), the fold of the pair at x and −x. */
  private static Ext4 foldPair(Ext4 lo, Ext4 hi, Ext4 beta, int x) {
    int inv2 = BabyBear.inv(2);
    Ext4 even = lo.plus(hi).times(inv2);
    Ext4 odd = lo.minus(hi).times(BabyBear.mul(inv2, BabyBear.inv(x)));
    return even.plus(beta.times(odd));
  }

  /**
   * Layer 0 at the query, {@code Σ c_j·v_j}: input j's value at index mod 2<sup>k<sub>j</sub></sup> is its lifted
   * value at the index.
   */
  private static Ext4 liftedSum(Ext4[] values, Ext4[] coefficients, int q) throws VerificationException {
    Ext4 sum = Ext4.ZERO;
    for (int j = 0; j < values.length; j++) {
      if (values[j] == null) {
        throw new VerificationException("FRI query " + q + ": the input opening gave no value for input " + j);
      }
      sum = sum.plus(coefficients[j].times(values[j]));
    }
    return sum;
  }

  /** The final polynomial (packed Ext4 coefficients) at a base-field point, by Horner. */
  private static Ext4 evaluate(int[] coeffs, int x) {
    Ext4 acc = Ext4.ZERO;
    for (int i = coeffs.length - 4; i >= 0; i -= 4) {
      acc = acc.times(x).plus(Ext4.read(coeffs, i));
    }
    return acc;
  }

  /** Every count and length the shape fixes, and canonical elements, before anything else is read. */
  private static void checkShape(FriShape shape, FriProof proof) throws VerificationException {
    int rounds = shape.rounds;
    if (proof.layerCaps() == null || proof.layerCaps().length != rounds) {
      throw new VerificationException("FRI proof has " + (proof.layerCaps() == null ? "no" : proof.layerCaps().length)
          + " layer caps, expected " + rounds);
    }
    for (int r = 0; r < rounds; r++) {
      int ints = HashFunction.DIGEST_INTS << shape.capHeight(r);
      if (proof.layerCaps()[r] == null || proof.layerCaps()[r].length != ints) {
        throw new VerificationException("FRI layer cap " + r + " is not " + ints / HashFunction.DIGEST_INTS
            + " digests");
      }
    }
    if (proof.foldNonces() == null || proof.foldNonces().length != rounds) {
      throw new VerificationException("FRI proof has " + (proof.foldNonces() == null ? "no" : proof.foldNonces().length)
          + " folding proof-of-work nonces, expected " + rounds);
    }
    int[] finalPoly = proof.finalPolynomial();
    if (finalPoly == null || finalPoly.length != shape.finalPolyInts()) {
      throw new VerificationException("FRI final polynomial has " + (finalPoly == null ? 0 : finalPoly.length / 4)
          + " coefficients, expected exactly " + shape.finalPolyInts() / 4);
    }
    checkCanonical(finalPoly, "FRI final polynomial");
    if (proof.queries() == null || proof.queries().length != shape.params.numQueries()) {
      throw new VerificationException("FRI proof answers " + (proof.queries() == null ? 0 : proof.queries().length)
          + " queries, expected " + shape.params.numQueries());
    }
    for (int q = 0; q < proof.queries().length; q++) {
      FriProof.QueryProof query = proof.queries()[q];
      if (query == null || query.siblings() == null || query.siblings().length != rounds) {
        throw new VerificationException("FRI query " + q + " does not hold one row per layer (" + rounds
            + " layers)");
      }
      for (int r = 0; r < rounds; r++) {
        int[] siblings = query.siblings()[r];
        int expected = 4 * ((1 << shape.logArities[r]) - 1);
        if (siblings == null || siblings.length != expected) {
          throw new VerificationException("FRI query " + q + ", layer " + r + ": " + (siblings == null ? 0
              : siblings.length / 4) + " sibling values, expected " + expected / 4);
        }
        checkCanonical(siblings, "FRI query " + q + " siblings");
      }
    }
    MerkleMultiProof[] layerProofs = proof.layerProofs();
    if (layerProofs == null || layerProofs.length != rounds || Arrays.asList(layerProofs).contains(null)) {
      throw new VerificationException("FRI proof does not hold one Merkle multi-proof per layer (" + rounds
          + " layers)");
    }
  }

  private static void checkCanonical(int[] a, String what) throws VerificationException {
    for (int i = 0; i < a.length; i++) {
      if (!BabyBear.isCanonical(a[i])) {
        throw new VerificationException(what + ": value " + i + " is not a canonical field element");
      }
    }
  }
}
