package dev.rivet.stark.merkle;

import dev.rivet.field.BabyBear;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One Merkle commitment to the rows of several column-major matrices of mixed power-of-two heights, with a cap:
 * one opening at an index reveals a row of every matrix and needs one path.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Indices follow FRI.</b> The STARK layer queries index i of the largest domain (2<sup>K</sup> points)
 *       and reads row {@code i mod 2^k} of a matrix of height 2<sup>k</sup>, because FRI folds x → x² in
 *       natural order, pairing rows i and i + n/2 ({@code FriProver}). The tree is built to agree: level l has
 *       2<sup>K−l</sup> nodes in the same natural order, and node j of level l + 1 compresses nodes j and
 *       j + 2<sup>K−l−1</sup> of level l. So the node covering index i at level l is node {@code i mod 2^(K−l)},
 *       and a matrix of height 2<sup>k</sup> joins at level K − k, its row j with node j: the node digest is
 *       compressed with the hash of that row (of all matrices of that height, concatenated in the order given).
 *       This is Plonky3's mixed-height MMCS seen through a bit reversal: over leaves in bit-reversed order the
 *       tree is an ordinary binary tree, and index ↦ index >> (K − k) there is index ↦ index mod 2<sup>k</sup>
 *       here.
 *   <li><b>Leaves.</b> Leaf j is row j across every column of the tallest matrices, in order: the
 *       {@link HashFunction#hashRows row hash} reads the column arrays directly, so committing copies nothing.
 *       The tree keeps references to the committed columns to open rows later: they must not be modified.
 *   <li><b>Cap.</b> The commitment is the 2<sup>c</sup> nodes of level K − c (their digests packed, node j at
 *       8j), not the single root, so every path is c levels shorter; c is the requested cap height, lowered to
 *       the smallest matrix's log-height so that every row joins below the cap ({@link #capHeight}). A cap of
 *       c = 0 is the root. The cap is a commitment like a root: soundness rests on collisions as before.
 *   <li><b>Layout.</b> {@code levels[l]} holds the 2<sup>K−l</sup> digests of level l, 8 ints each, packed, for
 *       l = 0 … K − c; the last is the cap.
 *   <li><b>Soundness.</b> The verifier fixes every matrix's height and width and the cap height, so a path of any
 *       other length, a row of another width or an index outside the tree is refused before any hashing; with a
 *       collision-resistant hash the opened rows are then the committed ones. Which levels compress a row hash
 *       is fixed by the heights, so a node is never read as a row or the reverse at the same position.
 * </ul>
 */
public final class MerkleTree {
  private static final int CHUNK = 1 << 10;

  private final HashFunction hash;
  private final int[][][] matrices;
  private final int[] logHeights;
  private final int logHeight;
  private final int[][] levels;

  private MerkleTree(HashFunction hash, int[][][] matrices, int[] logHeights, int logHeight, int[][] levels) {
    this.hash = hash;
    this.matrices = matrices;
    this.logHeights = logHeights;
    this.logHeight = logHeight;
    this.levels = levels;
  }

  /**
   * Commits to the rows of the given matrices (each column-major, {@code matrix[c][row]}, of a power-of-two
   * height, with at least one column), with a cap of up to 2<sup>logCapHeight</sup> nodes.
   */
  public static MerkleTree commit(HashFunction hash, int logCapHeight, List<int[][]> matrices) {
    if (matrices.isEmpty()) {
      throw new IllegalArgumentException("a Merkle tree needs at least one matrix");
    }
    int[][][] ms = matrices.toArray(new int[0][][]);
    int[] logHeights = new int[ms.length];
    for (int m = 0; m < ms.length; m++) {
      logHeights[m] = logHeightOf(ms[m], m);
    }
    int top = Arrays.stream(logHeights).max().getAsInt();
    int cap = capHeight(logCapHeight, logHeights);
    int[][] levels = new int[top - cap + 1][];
    int[][] leafColumns = columnsOfHeight(ms, logHeights, top);
    int[] leaves = new int[8 << top];
    chunks(1 << top).forEach(k -> {
      int from = k * CHUNK;
      hash.hashRows(leafColumns, from, Math.min(1 << top, from + CHUNK), leaves, 8 * from);
    });
    levels[0] = leaves;
    for (int l = 1; l < levels.length; l++) {
      int[] below = levels[l - 1];
      int half = 1 << (top - l);
      int[] level = new int[8 * half];
      int[][] joining = columnsOfHeight(ms, logHeights, top - l);
      chunks(half).forEach(k -> {
        int from = k * CHUNK;
        int to = Math.min(half, from + CHUNK);
        for (int j = from; j < to; j++) {
          hash.compress(below, 8 * j, below, 8 * (j + half), level, 8 * j);
        }
        if (joining.length > 0) {
          int[] rows = new int[8 * (to - from)];
          hash.hashRows(joining, from, to, rows, 0);
          for (int j = from; j < to; j++) {
            hash.compress(level, 8 * j, rows, 8 * (j - from), level, 8 * j);
          }
        }
      });
      levels[l] = level;
    }
    return new MerkleTree(hash, ms, logHeights, top, levels);
  }

  /**
   * The cap height a tree of these matrices has for a requested one: {@code logCapHeight}, but at most the
   * smallest matrix's log-height. The verifier derives the cap's length from it.
   */
  public static int capHeight(int logCapHeight, int[] logHeights) {
    return Math.min(logCapHeight, Arrays.stream(logHeights).min().getAsInt());
  }

  /** The cap: 2<sup>c</sup> digests of 8 ints, packed (a copy). */
  public int[] cap() {
    return levels[levels.length - 1].clone();
  }

  /** log2 of the tallest matrix's height: indices run below 2<sup>logHeight</sup>. */
  public int logHeight() {
    return logHeight;
  }

  /** Row {@code index mod height} of every matrix, in commit order: the values an opening reveals. */
  public int[][] rows(int index) {
    checkIndex(index);
    int[][] rows = new int[matrices.length][];
    for (int m = 0; m < matrices.length; m++) {
      int[][] matrix = matrices[m];
      int r = index & ((1 << logHeights[m]) - 1);
      rows[m] = new int[matrix.length];
      for (int c = 0; c < matrix.length; c++) {
        rows[m][c] = matrix[c][r];
      }
    }
    return rows;
  }

  /** The authentication path of index {@code index}: one sibling per level below the cap. */
  public MerklePath open(int index) {
    checkIndex(index);
    int depth = levels.length - 1;
    int[] siblings = new int[8 * depth];
    for (int l = 0; l < depth; l++) {
      int half = 1 << (logHeight - l - 1);
      int j = index & (2 * half - 1);
      System.arraycopy(levels[l], 8 * (j ^ half), siblings, 8 * l, 8);
    }
    return new MerklePath(siblings);
  }

  /**
   * Checks that {@code rows} are the rows at {@code index} of matrices of the given log-heights (in commit order)
   * under {@code cap}, for a tree committed with {@code logCapHeight}. The values must be canonical field elements;
   * the caller has checked each row's width.
   *
   * @throws VerificationException naming the problem: a cap, path or index that does not fit the heights, a
   *     non-canonical value, or a path that does not reach the cap
   */
  public static void verify(HashFunction hash, int[] cap, int logCapHeight, int[] logHeights, int index, int[][] rows,
      MerklePath path) throws VerificationException {
    if (logHeights.length == 0 || rows.length != logHeights.length) {
      throw new VerificationException("Merkle opening has " + rows.length + " rows for " + logHeights.length
          + " matrices");
    }
    int top = 0;
    for (int h : logHeights) {
      if (h < 0 || h > 30) {
        throw new VerificationException("Merkle matrix log-height " + h + " is out of range [0, 30]");
      }
      top = Math.max(top, h);
    }
    int c = capHeight(logCapHeight, logHeights);
    if (cap.length != HashFunction.DIGEST_INTS << c) {
      throw new VerificationException("Merkle cap has " + cap.length + " ints, expected " + (HashFunction.DIGEST_INTS << c));
    }
    if (index < 0 || index >= (1 << top)) {
      throw new VerificationException("Merkle index " + index + " is outside a tree of 2^" + top + " leaves");
    }
    if (path.depth() != top - c) {
      throw new VerificationException("Merkle path has " + path.depth() + " levels, the tree has " + (top - c)
          + " below its cap");
    }
    for (int[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (!BabyBear.isCanonical(row[i])) {
          throw new VerificationException("opened Merkle row value " + i + " is not a canonical field element: " + row[i]);
        }
      }
    }
    int[] node = new int[8];
    hash.hashRow(rowsOfHeight(rows, logHeights, top), node, 0);
    int[] siblings = path.siblingsUnsafe();
    int[] joined = new int[8];
    for (int l = 0; l < top - c; l++) {
      int half = 1 << (top - l - 1);
      if ((index & half) == 0) {
        hash.compress(node, 0, siblings, 8 * l, node, 0);
      } else {
        hash.compress(siblings, 8 * l, node, 0, node, 0);
      }
      int[] joining = rowsOfHeight(rows, logHeights, top - l - 1);
      if (joining != null) {
        hash.hashRow(joining, joined, 0);
        hash.compress(node, 0, joined, 0, node, 0);
      }
    }
    int at = 8 * (index & ((1 << c) - 1));
    if (!Arrays.equals(node, 0, 8, cap, at, at + 8)) {
      throw new VerificationException("Merkle path for index " + index + " does not lead to the committed cap");
    }
  }

  /** The concatenated rows of the matrices of this log-height, or null if there is none. */
  private static int[] rowsOfHeight(int[][] rows, int[] logHeights, int logHeight) {
    int width = 0;
    boolean any = false;
    for (int m = 0; m < rows.length; m++) {
      if (logHeights[m] == logHeight) {
        width += rows[m].length;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    int[] out = new int[width];
    int at = 0;
    for (int m = 0; m < rows.length; m++) {
      if (logHeights[m] == logHeight) {
        System.arraycopy(rows[m], 0, out, at, rows[m].length);
        at += rows[m].length;
      }
    }
    return out;
  }

  /** The columns of every matrix of this log-height, concatenated in commit order (none if there is none). */
  private static int[][] columnsOfHeight(int[][][] matrices, int[] logHeights, int logHeight) {
    return IntStream.range(0, matrices.length).filter(m -> logHeights[m] == logHeight)
        .mapToObj(m -> matrices[m]).flatMap(Arrays::stream).toArray(int[][]::new);
  }

  private static int logHeightOf(int[][] matrix, int m) {
    if (matrix.length == 0) {
      throw new IllegalArgumentException("Merkle matrix " + m + " has no columns");
    }
    int height = matrix[0].length;
    for (int c = 0; c < matrix.length; c++) {
      if (matrix[c].length != height) {
        throw new IllegalArgumentException("Merkle matrix " + m + ": column " + c + " has " + matrix[c].length
            + " rows, column 0 has " + height);
      }
    }
    if (height == 0 || Integer.bitCount(height) != 1) {
      throw new IllegalArgumentException("Merkle matrix " + m + ": height must be a power of two, got " + height);
    }
    return Integer.numberOfTrailingZeros(height);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= (1 << logHeight)) {
      throw new IndexOutOfBoundsException("index " + index + " of a Merkle tree with 2^" + logHeight + " leaves");
    }
  }

  /** The chunks of {@code n} items, in parallel on the common pool when there are several. */
  private static IntStream chunks(int n) {
    int count = (n + CHUNK - 1) / CHUNK;
    return count > 1 ? IntStream.range(0, count).parallel() : IntStream.range(0, count);
  }
}
