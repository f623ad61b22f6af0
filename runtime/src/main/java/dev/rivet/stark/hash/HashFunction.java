package dev.rivet.stark.hash;

/**
 * The hash under the Merkle trees and the Fiat–Shamir transcript, pluggable so that the same prover runs with
 * SHA-256 (fast on the JVM) or Poseidon2 (cheap inside a circuit, for recursion).
 *
 * <p>A digest is always {@value #DIGEST_INTS} ints: SHA-256's eight big-endian 32-bit words, or eight BabyBear
 * elements for Poseidon2. The three uses are domain-separated from each other by each implementation: a Merkle
 * leaf (a row of field elements), a Merkle node (two digests), and a transcript input (any int sequence).
 * Implementations are stateless and thread-safe; hot methods write into caller arrays and allocate nothing per
 * call.
 */
public interface HashFunction {
  /** Ints in a digest. */
  int DIGEST_INTS = 8;

  /** A short stable name, recorded in verifying keys and proofs ("sha256", "poseidon2-babybear-16"). */
  String name();

  /**
   * The hash of that {@link #name()}, as a verifying key or proof names it.
   *
   * @throws IllegalArgumentException if this build has no hash of that name
   */
  static HashFunction named(String name) {
    for (HashFunction h : new HashFunction[] {Sha256Hash.INSTANCE, Poseidon2Hash.INSTANCE}) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    throw new IllegalArgumentException("unknown hash '" + name + "' (this build has sha256 and poseidon2-babybear-16)");
  }

  /**
   * Whether the 8 ints at {@code d[off..]} are a digest this hash can output, in its one representation. Decoders
   * check every digest they read: a Poseidon2 word w and w − p as a signed int (the unsigned word w + 2<sup>32</sup>
   * − p) enter the permutation's first linear layer as the same field element, so without this check a Merkle
   * sibling has two encodings that both verify, and a non-canonical root makes the transcript refuse its input.
   */
  boolean isDigest(int[] d, int off);

  /**
   * Bits of collision resistance of leaf digests and node compression, as conjectured for this hash: the binding
   * of every Merkle commitment, and so the {@link dev.rivet.stark.SoundnessBudget#HASH hash term} of a proof's
   * soundness budget.
   */
  double collisionBits();

  /**
   * Leaf digests of rows {@code [from, to)} of a column-major matrix (row r is {@code columns[c][r]} for every c,
   * in column order). Digest of row r goes to {@code out[outOff + 8·(r − from) ..]}. Values are canonical field
   * elements.
   */
  void hashRows(int[][] columns, int from, int to, int[] out, int outOff);

  /** The leaf digest of one row given as a plain array: equal to {@link #hashRows} of a matrix with that row. */
  void hashRow(int[] row, int[] out, int outOff);

  /** The digest of a Merkle node from its children's digests. {@code out} may alias an input. */
  void compress(int[] left, int leftOff, int[] right, int rightOff, int[] out, int outOff);

  /**
   * A digest of {@code in[off, off + len)}, for the transcript. Poseidon2 requires canonical field elements;
   * the transcript only ever passes those (and digests of the same hash).
   */
  void hashInts(int[] in, int off, int len, int[] out, int outOff);
}
