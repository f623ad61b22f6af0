package dev.rivet.stark.fri;

import dev.rivet.stark.ProofReader;
import dev.rivet.stark.ProofWriter;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleMultiProof;

/**
 * A FRI proof: the layer commitments, each with the proof-of-work nonce that precedes its folding challenges, the
 * final polynomial, the query proof-of-work nonce, one opening per query and one Merkle multi-proof per layer. Its
 * shape follows from the {@link SecurityParameters} and the largest input's log-size K alone (smaller inputs are
 * lifted to it): with a = logFoldingArity and F = logFinalPolyLen + logBlowup, there are R = ⌈(K − F)/a⌉ rounds;
 * round r commits layer r of 2<sup>L<sub>r</sub></sup> values, L<sub>r</sub> = K − r·a, in a tree of
 * 2<sup>L<sub>r</sub> − a<sub>r</sub></sup> rows of 2<sup>a<sub>r</sub></sup> values each, a<sub>r</sub> = min(a,
 * L<sub>r</sub> − F), with a cap of 2<sup>c<sub>r</sub></sup> digests (see {@code FriShape}).
 *
 * <h2>Encoding</h2>
 * The verifier derives every length but the multi-proofs' from the shape; a multi-proof's length depends on
 * the query indices, which are drawn only after the proof is decoded, so it is written as a count, bounded by
 * numQueries × (L_r − a_r − c_r) before anything is allocated and checked against the indices by the verifier.
 * <pre>
 * | field             | size (bytes)                      | content                                         |
 * |-------------------|-----------------------------------|-------------------------------------------------|
 * | layers            | Σ_r (32·2^c_r + 8)                | per round r: the cap of layer r's Merkle tree,  |
 * |                   |                                   | then the nonce before its challenges (long)     |
 * | final polynomial  | 2^logFinalPolyLen × 16            | Ext4 coefficients, constant term first          |
 * | pow nonce         | 8                                 | little-endian, non-negative                     |
 * | queries           | numQueries × Σ_r 16·(2^a_r − 1)   | per query, per round r: the other values of the |
 * |                   |                                   | queried row (Ext4, in row order, the query's    |
 * |                   |                                   | own omitted)                                    |
 * | multi-proofs      | Σ_r (4 + 32·n_r)                  | per round r: int n_r, then the n_r sibling      |
 * |                   |                                   | digests that authenticate every query's row of  |
 * |                   |                                   | layer r at once ({@code MerkleTree#openBatch}); |
 * |                   |                                   | n_r ≤ numQueries × (L_r − a_r − c_r)            |
 * </pre>
 *
 * @param layerCaps per round, the cap of its layer's tree: 2<sup>c<sub>r</sub></sup> digests of 8 ints, packed
 * @param foldNonces per round, the proof-of-work nonce of {@code challengePowBits} before its challenges
 * @param finalPolynomial packed Ext4 coefficients, 4 ints each
 * @param powNonce the query proof-of-work nonce
 * @param queries one opening per query, in sampling order
 * @param layerProofs per round r, the multi-proof of every query's row of layer r, at the queries' indices into
 *     its tree
 */
public record FriProof(int[][] layerCaps, long[] foldNonces, int[] finalPolynomial, long powNonce,
    QueryProof[] queries, MerkleMultiProof[] layerProofs) {

  /**
   * The openings of one query.
   *
   * @param siblings entry r: the 2<sup>a<sub>r</sub></sup> − 1 values of the queried row of layer r other than the
   *     query's own, in row order, packed Ext4
   */
  public record QueryProof(int[][] siblings) {}

  /** Writes the proof in the layout above. */
  public void write(ProofWriter out) {
    for (int r = 0; r < layerCaps.length; r++) {
      for (int d = 0; d < layerCaps[r].length; d += HashFunction.DIGEST_INTS) {
        out.writeDigest(layerCaps[r], d);
      }
      out.writeLong(foldNonces[r]);
    }
    out.writeElements(finalPolynomial, 0, finalPolynomial.length);
    out.writeLong(powNonce);
    for (QueryProof q : queries) {
      for (int[] row : q.siblings) {
        out.writeElements(row, 0, row.length);
      }
    }
    for (MerkleMultiProof layerProof : layerProofs) {
      layerProof.write(out);
    }
  }

  /**
   * Reads a proof for inputs of these log-sizes, as the statement fixes them.
   *
   * @throws VerificationException if the sizes are out of range, or the bytes end early or hold a non-canonical
   *     element; trailing bytes are the caller's to reject with {@link ProofReader#finish()}
   */
  public static FriProof read(ProofReader in, SecurityParameters params, int[] logSizes) throws VerificationException {
    FriShape shape;
    try {
      shape = FriShape.of(params, logSizes);
    } catch (FriShape.InvalidShape e) {
      throw new VerificationException(e.getMessage());
    }
    int rounds = shape.rounds;
    int[][] caps = new int[rounds][];
    long[] foldNonces = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      caps[r] = in.readDigests(1 << shape.capHeight(r), "FRI layer " + r + " cap");
      foldNonces[r] = in.readLong("FRI fold " + r + " proof-of-work nonce");
    }
    int[] finalPoly = in.readElements(shape.finalPolyInts(), "FRI final polynomial");
    long nonce = in.readLong("FRI proof-of-work nonce");
    QueryProof[] queries = new QueryProof[params.numQueries()];
    for (int q = 0; q < queries.length; q++) {
      int[][] siblings = new int[rounds][];
      for (int r = 0; r < rounds; r++) {
        siblings[r] = in.readElements(4 * ((1 << shape.logArities[r]) - 1), "FRI query " + q + " siblings " + r);
      }
      queries[q] = new QueryProof(siblings);
    }
    MerkleMultiProof[] layerProofs = new MerkleMultiProof[rounds];
    for (int r = 0; r < rounds; r++) {
      layerProofs[r] = MerkleMultiProof.read(in, queries.length * (shape.leafLogHeight(r) - shape.capHeight(r)),
          "FRI layer " + r);
    }
    return new FriProof(caps, foldNonces, finalPoly, nonce, queries, layerProofs);
  }
}
