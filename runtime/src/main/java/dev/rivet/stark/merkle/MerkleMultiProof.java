package dev.rivet.stark.merkle;

import dev.rivet.stark.ProofReader;
import dev.rivet.stark.ProofWriter;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import java.util.Arrays;

/**
 * The batch opening of a set of indices of one {@link MerkleTree}: the sibling digests that the verifier cannot
 * compute from the opened rows, packed 8 ints each, in the order {@link MerkleTree#openBatch} states. Indices that
 * share a node share everything above it, so 193 queries of a tree of 2<sup>21</sup> leaves need about half the
 * digests of 193 separate paths.
 *
 * <p>How many digests there are follows from the tree's shape and the set of indices ({@link MerkleTree#siblingCount});
 * the encoding writes the count first so that a proof can be decoded before the verifier has drawn the indices, the
 * reader bounds it by queries × depth, and {@link MerkleTree#verifyBatch} requires it to be exactly the count the
 * indices need.
 */
public final class MerkleMultiProof {
  private final int[] siblings;

  /** A multi-proof from packed sibling digests (8 ints each, in {@link MerkleTree#openBatch}'s order). */
  public MerkleMultiProof(int[] siblings) {
    if (siblings.length % HashFunction.DIGEST_INTS != 0) {
      throw new IllegalArgumentException("Merkle multi-proof of " + siblings.length
          + " ints is not a whole number of digests");
    }
    this.siblings = siblings;
  }

  /** The number of sibling digests. */
  public int size() {
    return siblings.length / HashFunction.DIGEST_INTS;
  }

  /** The packed sibling digests (a copy). */
  public int[] siblings() {
    return siblings.clone();
  }

  int[] siblingsUnsafe() {
    return siblings;
  }

  /** Writes the count of digests (an int), then the digests. */
  public void write(ProofWriter out) {
    out.writeInt(size());
    for (int i = 0; i < siblings.length; i += HashFunction.DIGEST_INTS) {
      out.writeDigest(siblings, i);
    }
  }

  /**
   * Reads a multi-proof of at most {@code maxSize} digests: the number of queries times the tree's depth below its
   * cap, which no set of that many indices exceeds.
   */
  public static MerkleMultiProof read(ProofReader in, int maxSize, String what) throws VerificationException {
    return new MerkleMultiProof(in.readDigests(in.readCount(maxSize, what + " Merkle siblings"),
        what + " Merkle siblings"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MerkleMultiProof && Arrays.equals(((MerkleMultiProof) o).siblings, siblings);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(siblings);
  }
}
