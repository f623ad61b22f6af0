package dev.rivet.stark.merkle;

import dev.rivet.stark.ProofReader;
import dev.rivet.stark.ProofWriter;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import java.util.Arrays;

/**
 * The authentication path of one index: the sibling digests from the leaf level up to just below the cap,
 * packed 8 ints per level. Its length is fixed by the tree's shape (tallest height less the cap height), which the
 * verifier knows, so the encoding carries no count.
 */
public final class MerklePath {
  private final int[] siblings;

  /** A path from packed sibling digests (8 ints per level, leaf level first). */
  public MerklePath(int[] siblings) {
    if (siblings.length % HashFunction.DIGEST_INTS != 0) {
      throw new IllegalArgumentException("Merkle path of " + siblings.length + " ints is not a whole number of digests");
    }
    this.siblings = siblings;
  }

  /** The number of levels: the tree's log-height less its cap height. */
  public int depth() {
    return siblings.length / HashFunction.DIGEST_INTS;
  }

  /** The packed sibling digests, leaf level first (a copy). */
  public int[] siblings() {
    return siblings.clone();
  }

  int[] siblingsUnsafe() {
    return siblings;
  }

  /** Writes the sibling digests. */
  public void write(ProofWriter out) {
    for (int i = 0; i < siblings.length; i += HashFunction.DIGEST_INTS) {
      out.writeDigest(siblings, i);
    }
  }

  /** Reads a path of exactly {@code depth} levels, the depth the verifier expects. */
  public static MerklePath read(ProofReader in, int depth) throws VerificationException {
    return new MerklePath(in.readDigests(depth, "Merkle path"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MerklePath && Arrays.equals(((MerklePath) o).siblings, siblings);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(siblings);
  }
}
