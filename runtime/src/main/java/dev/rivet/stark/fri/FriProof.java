package dev.rivet.stark.fri;

import dev.rivet.stark.ProofReader;
import dev.rivet.stark.ProofWriter;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.merkle.MerklePath;

/**
 * A FRI proof: the layer commitments, each with the proof-of-work nonce that precedes its folding challenge, the
 * final polynomial, the query proof-of-work nonce and one opening per query. Its shape follows from the
 * {@link SecurityParameters} and the largest input log-size K, with R = K − logFinalPolyLen − logBlowup folding
 * rounds.
 *
 * <h2>Encoding</h2>
 * No counts are written: the verifier derives every length, so nothing in the bytes steers an allocation.
 * <pre>
 * | field             | size (bytes)                    | content                                          |
 * |-------------------|---------------------------------|--------------------------------------------------|
 * | layers            | R × (32 + 8)                    | per round r = 0 … R−1: digest of layer r's       |
 * |                   |                                 | Merkle tree, then the nonce before β_r (long)    |
 * | final polynomial  | 2^logFinalPolyLen × 16          | Ext4 coefficients, constant term first           |
 * | pow nonce         | 8                               | little-endian, non-negative                      |
 * | queries           | numQueries × Σ_r (16 + 32·(K−r−1)) | per query, per round r: sibling value (Ext4), |
 * |                   |                                 | then the Merkle path of K−r−1 digests            |
 * </pre>
 *
 * @param layerRoots R digests of 8 ints
 * @param foldNonces R proof-of-work nonces of {@code challengePowBits}: entry r precedes β<sub>r</sub>
 * @param finalPolynomial packed Ext4 coefficients, 4 ints each
 * @param powNonce the query proof-of-work nonce
 * @param queries one opening per query, in sampling order
 */
public record FriProof(int[][] layerRoots, long[] foldNonces, int[] finalPolynomial, long powNonce,
    QueryProof[] queries) {

  /**
   * The openings of one query.
   *
   * @param siblings packed Ext4: entry r is the value of layer r paired with the query's value (4 ints each)
   * @param paths entry r authenticates the leaf of layer r holding that pair; it has K − r − 1 levels
   */
  public record QueryProof(int[] siblings, MerklePath[] paths) {}

  /** Writes the proof in the layout above. */
  public void write(ProofWriter out) {
    for (int r = 0; r < layerRoots.length; r++) {
      out.writeDigest(layerRoots[r], 0);
      out.writeLong(foldNonces[r]);
    }
    out.writeElements(finalPolynomial, 0, finalPolynomial.length);
    out.writeLong(powNonce);
    for (QueryProof q : queries) {
      for (int r = 0; r < q.paths.length; r++) {
        out.writeElements(q.siblings, 4 * r, 4);
        q.paths[r].write(out);
      }
    }
  }

  /**
   * Reads a proof whose largest input has log-size {@code maxLogSize}, as the statement fixes it.
   *
   * @throws VerificationException if the bytes end early or hold a non-canonical element, or the size is out of
   *     range; trailing bytes are the caller's to reject with {@link ProofReader#finish()}
   */
  public static FriProof read(ProofReader in, SecurityParameters params, int maxLogSize) throws VerificationException {
    if (maxLogSize < params.minInputLogSize() || maxLogSize > SecurityParameters.maxInputLogSize()) {
      throw new VerificationException("FRI log-size " + maxLogSize + " is outside [" + params.minInputLogSize() + ", "
          + SecurityParameters.maxInputLogSize() + "]");
    }
    int rounds = maxLogSize - params.minInputLogSize();
    int[][] roots = new int[rounds][];
    long[] foldNonces = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      roots[r] = in.readDigest("FRI layer root " + r);
      foldNonces[r] = in.readLong("FRI fold " + r + " proof-of-work nonce");
    }
    int[] finalPoly = in.readElements(4 << params.logFinalPolyLen(), "FRI final polynomial");
    long nonce = in.readLong("FRI proof-of-work nonce");
    QueryProof[] queries = new QueryProof[params.numQueries()];
    for (int q = 0; q < queries.length; q++) {
      int[] siblings = new int[4 * rounds];
      MerklePath[] paths = new MerklePath[rounds];
      for (int r = 0; r < rounds; r++) {
        System.arraycopy(in.readElements(4, "FRI query " + q + " sibling " + r), 0, siblings, 4 * r, 4);
        paths[r] = MerklePath.read(in, maxLogSize - r - 1);
      }
      queries[q] = new QueryProof(siblings, paths);
    }
    return new FriProof(roots, foldNonces, finalPoly, nonce, queries);
  }
}
