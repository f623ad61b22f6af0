package dev.rivet.stark.merkle;

import dev.rivet.field.BabyBear;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A Merkle commitment to the rows of one or more column-major matrices of the same power-of-two height.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Leaves.</b> Leaf i is row i across every column of every matrix, in order: the
 *       {@link HashFunction#hashRows row hash} reads the column arrays directly, so committing to an LDE copies
 *       nothing.
 *   <li><b>Layout.</b> {@code layers[0]} holds the 2<sup>h</sup> leaf digests, {@code layers[l]} the
 *       2<sup>h−l</sup> digests of level l, 8 ints each, packed; {@code layers[h]} is the root. The tree keeps
 *       references to the committed columns to open rows later: they must not be modified.
 *   <li><b>Parallelism.</b> Leaves are hashed in row ranges across the common fork-join pool, as are the wide
 *       lower levels.
 *   <li><b>Soundness.</b> The verifier fixes the height, so a path of any other length, or an index outside the
 *       tree, is refused before any hashing; with a collision-resistant hash the opened row is then the committed
 *       one.
 * </ul>
 */
public final class MerkleTree {
  private static final int LEAF_CHUNK = 1 << 10;
  private static final int PARALLEL_LEVEL = 1 << 12;

  private final HashFunction hash;
  private final int[][] columns;
  private final int logHeight;
  private final int[][] layers;

  private MerkleTree(HashFunction hash, int[][] columns, int logHeight, int[][] layers) {
    this.hash = hash;
    this.columns = columns;
    this.logHeight = logHeight;
    this.layers = layers;
  }

  /**
   * Commits to the rows of the given matrices (each column-major: {@code matrix[c][row]}), all of the same
   * power-of-two height and with at least one column between them.
   */
  public static MerkleTree commit(HashFunction hash, int[][]... matrices) {
    int width = 0;
    for (int[][] m : matrices) {
      width += m.length;
    }
    if (width == 0) {
      throw new IllegalArgumentException("a Merkle tree needs at least one column");
    }
    int[][] columns = new int[width][];
    int c = 0;
    for (int[][] m : matrices) {
      for (int[] column : m) {
        columns[c++] = column;
      }
    }
    int height = columns[0].length;
    for (int i = 0; i < width; i++) {
      if (columns[i].length != height) {
        throw new IllegalArgumentException(
            "Merkle columns must have the same height: column " + i + " has " + columns[i].length + ", column 0 has " + height);
      }
    }
    if (height == 0 || Integer.bitCount(height) != 1) {
      throw new IllegalArgumentException("Merkle tree height must be a power of two, got " + height);
    }
    int logHeight = Integer.numberOfTrailingZeros(height);
    int[][] layers = new int[logHeight + 1][];
    int[] leaves = new int[8 * height];
    int chunks = (height + LEAF_CHUNK - 1) / LEAF_CHUNK;
    IntStream.range(0, chunks).parallel().forEach(k -> {
      int from = k * LEAF_CHUNK;
      int to = Math.min(height, from + LEAF_CHUNK);
      hash.hashRows(columns, from, to, leaves, 8 * from);
    });
    layers[0] = leaves;
    for (int l = 1; l <= logHeight; l++) {
      int[] below = layers[l - 1];
      int[] level = new int[below.length / 2];
      int n = level.length / 8;
      IntStream nodes = IntStream.range(0, n);
      (n >= PARALLEL_LEVEL ? nodes.parallel() : nodes)
          .forEach(i -> hash.compress(below, 16 * i, below, 16 * i + 8, level, 8 * i));
      layers[l] = level;
    }
    return new MerkleTree(hash, columns, logHeight, layers);
  }

  /** The root digest (a copy). */
  public int[] root() {
    return layers[logHeight].clone();
  }

  /** log2 of the number of leaves. */
  public int logHeight() {
    return logHeight;
  }

  /** Columns per leaf. */
  public int width() {
    return columns.length;
  }

  /** Row {@code index} across all committed columns: the values an opening reveals. */
  public int[] row(int index) {
    checkIndex(index);
    int[] row = new int[columns.length];
    for (int c = 0; c < columns.length; c++) {
      row[c] = columns[c][index];
    }
    return row;
  }

  /** The authentication path of leaf {@code index}. */
  public MerklePath open(int index) {
    checkIndex(index);
    int[] siblings = new int[8 * logHeight];
    for (int l = 0; l < logHeight; l++) {
      System.arraycopy(layers[l], 8 * ((index >>> l) ^ 1), siblings, 8 * l, 8);
    }
    return new MerklePath(siblings);
  }

  /**
   * Checks that {@code row} is leaf {@code index} of the tree of 2<sup>logHeight</sup> leaves with the given
   * root. The row's values must be canonical field elements.
   *
   * @throws VerificationException naming the problem: an index out of range, a path of the wrong length, a
   *     non-canonical value, or a path that does not reach the root
   */
  public static void verify(HashFunction hash, int[] root, int logHeight, int index, int[] row, MerklePath path)
      throws VerificationException {
    if (root.length != HashFunction.DIGEST_INTS) {
      throw new VerificationException("Merkle root has " + root.length + " ints, expected 8");
    }
    if (logHeight < 0 || logHeight > 30) {
      throw new VerificationException("Merkle tree log-height " + logHeight + " is out of range [0, 30]");
    }
    if (index < 0 || index >= (1 << logHeight)) {
      throw new VerificationException("Merkle leaf index " + index + " is outside a tree of 2^" + logHeight + " leaves");
    }
    if (path.depth() != logHeight) {
      throw new VerificationException("Merkle path has " + path.depth() + " levels, the tree has " + logHeight);
    }
    for (int i = 0; i < row.length; i++) {
      if (!BabyBear.isCanonical(row[i])) {
        throw new VerificationException("opened Merkle row value " + i + " is not a canonical field element: " + row[i]);
      }
    }
    int[] node = new int[8];
    hash.hashRow(row, node, 0);
    int[] siblings = path.siblingsUnsafe();
    for (int l = 0; l < logHeight; l++) {
      if (((index >>> l) & 1) == 0) {
        hash.compress(node, 0, siblings, 8 * l, node, 0);
      } else {
        hash.compress(siblings, 8 * l, node, 0, node, 0);
      }
    }
    if (!Arrays.equals(node, root)) {
      throw new VerificationException("Merkle path for leaf " + index + " does not lead to the committed root");
    }
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= (1 << logHeight)) {
      throw new IndexOutOfBoundsException("leaf " + index + " of a Merkle tree with 2^" + logHeight + " leaves");
    }
  }
}
