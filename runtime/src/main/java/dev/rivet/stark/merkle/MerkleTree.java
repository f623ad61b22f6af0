package dev.rivet.stark.merkle;

import dev.rivet.field.BabyBear;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.HashFunction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One Merkle commitment to the rows of several column-major matrices of mixed power-of-two heights, with a cap:
 * an opening at an index reveals a row of every matrix, and the openings of a set of indices share one multi-proof.
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
 *       8j), not the single root, so openings stop c levels lower; c is the requested cap height, lowered to
 *       the smallest matrix's log-height so that every row joins below the cap ({@link #capHeight}). A cap of
 *       c = 0 is the root. The cap is a commitment like a root: soundness rests on collisions as before.
 *   <li><b>Batch openings.</b> Indices that meet at a node need nothing above it twice: the multi-proof
 *       ({@link MerkleMultiProof}) sends, level by level, only the siblings that no opened index reaches, and
 *       the verifier recomputes every node the indices reach, bottom-up, checking the top ones against the cap. At
 *       a level of 2<sup>m</sup> nodes q random indices need about 2<sup>m</sup>(1 − e<sup>−q/2<sup>m</sup></sup>)
 *       nodes, so sharing saves the most near the top. A cap of 2<sup>c</sup> digests then never costs less than
 *       the c levels of the multi-proof it replaces (docs/soundness.md), which is why the default cap is the root.
 *   <li><b>Layout.</b> {@code levels[l]} holds the 2<sup>K−l</sup> digests of level l, 8 ints each, packed, for
 *       l = 0 … K − c; the last is the cap.
 *   <li><b>Soundness.</b> The verifier fixes every matrix's height and width and the cap height, and derives the
 *       number of siblings from the indices, so a multi-proof of any other size, a row of another width or an
 *       index outside the tree is refused before any hashing; two openings of one row must agree, since the walk
 *       hashes it once; with a collision-resistant hash the opened rows are then the committed ones. Which levels
 *       compress a row hash is fixed by the heights, so a node is never read as a row or the reverse at the same
 *       position.
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

  /**
   * The batch opening of these indices (any order, repeats allowed): one multi-proof for all of them. It holds, level
   * by level from the leaves up to just below the cap, and within a level in ascending order of the parent node,
   * the child that none of the indices reaches of every parent that they reach through one child only; where they
   * reach both children the verifier computes both.
   */
  public MerkleMultiProof openBatch(int[] indices) {
    for (int index : indices) {
      checkIndex(index);
    }
    int[][] missing = missing(logHeight, levels.length - 1, indices);
    int[] siblings = new int[8 * Arrays.stream(missing).mapToInt(level -> level.length).sum()];
    int at = 0;
    for (int l = 0; l < missing.length; l++) {
      for (int node : missing[l]) {
        System.arraycopy(levels[l], 8 * node, siblings, at, 8);
        at += 8;
      }
    }
    return new MerkleMultiProof(siblings);
  }

  /**
   * The number of digests in the batch opening of these indices (in range, any order, repeats allowed) of a tree of
   * 2<sup>logHeight</sup> leaves with a cap of 2<sup>capHeight</sup> nodes: at most the number of distinct indices
   * times {@code logHeight − capHeight}.
   */
  public static int siblingCount(int logHeight, int capHeight, int[] indices) {
    return Arrays.stream(missing(logHeight, logHeight - capHeight, indices)).mapToInt(level -> level.length).sum();
  }

  /**
   * Checks that {@code rows[q]} are the rows at {@code indices[q]} of matrices of the given log-heights (in commit
   * order) under {@code cap}, for a tree committed with {@code logCapHeight}, with one multi-proof for all the
   * indices. The values must be canonical field elements; the caller has checked each row's width. Two indices that
   * reach the same row of a matrix (equal indices, or equal below that matrix's height) must give it the same values:
   * the tree authenticates that row once.
   *
   * @throws VerificationException naming the problem: a cap or index that does not fit the heights, a non-canonical
   *     value, two openings of one row that differ, a multi-proof of another size than the indices need, or
   *     openings that do not reach the cap
   */
  public static void verifyBatch(HashFunction hash, int[] cap, int logCapHeight, int[] logHeights, int[] indices,
      int[][][] rows, MerkleMultiProof proof) throws VerificationException {
    if (logHeights.length == 0 || rows.length != indices.length) {
      throw new VerificationException("Merkle batch opening of " + logHeights.length + " matrices has "
          + rows.length + " openings for " + indices.length + " indices");
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
    for (int q = 0; q < indices.length; q++) {
      checkOpening(logHeights, top, indices[q], rows[q]);
    }
    checkSharedRows(logHeights, indices, rows);
    int expected = siblingCount(top, c, indices);
    if (proof.size() != expected) {
      throw new VerificationException("Merkle multi-proof has " + proof.size() + " siblings, the "
          + Arrays.stream(indices).distinct().count() + " distinct indices need " + expected);
    }
    long[] sorted = byIndex(indices);
    int[] known = Arrays.stream(sorted).mapToInt(k -> (int) (k >>> 32)).distinct().toArray();
    int[] opening = new int[known.length]; // per known node, a query that reaches it: its rows are the node's
    for (int k = 0, i = -1; k < sorted.length; k++) {
      if (i < 0 || known[i] != (int) (sorted[k] >>> 32)) {
        opening[++i] = (int) sorted[k];
      }
    }
    int[] digests = new int[8 * known.length];
    for (int i = 0; i < known.length; i++) {
      hash.hashRow(rowsOfHeight(rows[opening[i]], logHeights, top), digests, 8 * i);
    }
    int[] siblings = proof.siblingsUnsafe();
    int next = 0;
    int[] joined = new int[8];
    for (int l = 0; l < top - c; l++) {
      int half = 1 << (top - l - 1);
      int[] parents = parents(known, half);
      int[] up = new int[8 * parents.length];
      int[] upOpening = new int[parents.length];
      for (int k = 0; k < parents.length; k++) {
        int lo = Arrays.binarySearch(known, parents[k]);
        int hi = Arrays.binarySearch(known, parents[k] + half);
        if (lo < 0) {
          hash.compress(siblings, 8 * next++, digests, 8 * hi, up, 8 * k);
        } else if (hi < 0) {
          hash.compress(digests, 8 * lo, siblings, 8 * next++, up, 8 * k);
        } else {
          hash.compress(digests, 8 * lo, digests, 8 * hi, up, 8 * k);
        }
        upOpening[k] = opening[lo >= 0 ? lo : hi];
        int[] joining = rowsOfHeight(rows[upOpening[k]], logHeights, top - l - 1);
        if (joining != null) {
          hash.hashRow(joining, joined, 0);
          hash.compress(up, 8 * k, joined, 0, up, 8 * k);
        }
      }
      known = parents;
      digests = up;
      opening = upOpening;
    }
    for (int i = 0; i < known.length; i++) {
      if (!Arrays.equals(digests, 8 * i, 8 * i + 8, cap, 8 * known[i], 8 * known[i] + 8)) {
        throw new VerificationException("Merkle openings at index " + indices[opening[i]]
            + (indices.length > 1 ? " and the others under cap node " + known[i] : "")
            + " do not lead to the committed cap");
      }
    }
  }

  /** One opening's index and rows, before any hashing: as many rows as matrices, canonical values. */
  private static void checkOpening(int[] logHeights, int top, int index, int[][] rows) throws VerificationException {
    if (index < 0 || index >= (1 << top)) {
      throw new VerificationException("Merkle index " + index + " is outside a tree of 2^" + top + " leaves");
    }
    if (rows.length != logHeights.length) {
      throw new VerificationException("Merkle opening at index " + index + " has " + rows.length + " rows for "
          + logHeights.length + " matrices");
    }
    for (int[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (!BabyBear.isCanonical(row[i])) {
          throw new VerificationException("opened Merkle row value " + i + " is not a canonical field element: " + row[i]);
        }
      }
    }
  }

  /**
   * Openings that reach the same row of a matrix agree on it. The walk up the tree hashes each node's rows once,
   * from one opening, so without this check the others' values there would be unauthenticated.
   */
  private static void checkSharedRows(int[] logHeights, int[] indices, int[][][] rows) throws VerificationException {
    for (int m = 0; m < logHeights.length; m++) {
      int mask = (1 << logHeights[m]) - 1;
      Map<Integer, Integer> first = new HashMap<>();
      for (int q = 0; q < indices.length; q++) {
        Integer other = first.putIfAbsent(indices[q] & mask, q);
        if (other != null && !Arrays.equals(rows[other][m], rows[q][m])) {
          throw new VerificationException("Merkle openings at indices " + indices[other] + " and " + indices[q]
              + " give row " + (indices[q] & mask) + " of matrix " + m + " different values");
        }
      }
    }
  }

  /** Per level below the cap, the nodes a batch opening of these indices sends, in {@link #openBatch}'s order. */
  private static int[][] missing(int logHeight, int depth, int[] indices) {
    int[][] missing = new int[depth][];
    int[] known = Arrays.stream(indices).sorted().distinct().toArray();
    for (int l = 0; l < depth; l++) {
      int half = 1 << (logHeight - l - 1);
      int[] parents = parents(known, half);
      int[] send = new int[parents.length];
      int n = 0;
      for (int p : parents) {
        if (Arrays.binarySearch(known, p) < 0) {
          send[n++] = p;
        } else if (Arrays.binarySearch(known, p + half) < 0) {
          send[n++] = p + half;
        }
      }
      missing[l] = Arrays.copyOf(send, n);
      known = parents;
    }
    return missing;
  }

  /** The nodes of the next level that these nodes of a level of 2·half reach, ascending: node j reaches j mod half. */
  private static int[] parents(int[] known, int half) {
    return Arrays.stream(known).map(j -> j & (half - 1)).sorted().distinct().toArray();
  }

  /** The openings as (index, position) pairs packed in longs, sorted: by index, then position. */
  private static long[] byIndex(int[] indices) {
    long[] keys = new long[indices.length];
    for (int q = 0; q < indices.length; q++) {
      keys[q] = (long) indices[q] << 32 | q;
    }
    Arrays.sort(keys);
    return keys;
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
