package dev.rivet.stark.hash;

import dev.rivet.field.BabyBear;
import java.util.Arrays;

/**
 * {@link HashFunction} from the {@link Poseidon2} permutation: digests are 8 BabyBear elements.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Sponge</b> (leaves and transcript input): rate 8, capacity 8. The capacity starts as
 *       {@code (length, domain, 0, …)} with domain 1 for leaves and 2 for transcript input; each block of 8
 *       inputs overwrites the rate (the last block zero-padded) and the state is permuted; an empty input is one
 *       permutation of the initial state. The digest is the rate after the last permutation. With the length in
 *       the initial state the zero padding is unambiguous (the "length in the IV" sponge of SAFE, Khovratovich et
 *       al., ePrint 2023/522).
 *   <li><b>Compression</b> (nodes): the first 8 elements of the permutation of {@code left ‖ right}, the
 *       truncated-permutation compression Plonky3 uses for BabyBear Merkle trees. Nodes and leaves share no
 *       input format a prover can exploit: a Merkle verifier checks the path length, so a node never stands
 *       where a leaf is expected.
 *   <li><b>Inputs</b> are canonical field elements (checked for transcript input, assumed for rows, which the
 *       prover fills and the verifier decodes with a canonicity check).
 * </ul>
 */
public final class Poseidon2Hash implements HashFunction {
  /** The one instance: the parameters are fixed by {@link Poseidon2}. */
  public static final Poseidon2Hash INSTANCE = new Poseidon2Hash();

  private static final int RATE = 8;
  private static final int LEAF = 1;
  private static final int INTS = 2;
  private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[Poseidon2.WIDTH]);

  private Poseidon2Hash() {}

  @Override
  public String name() {
    return "poseidon2-babybear-16";
  }

  /**
   * 4·log2 p ≈ 123.6: half of the 8-element capacity and digest (birthday bound), assuming the width-16
   * permutation with 8 full and 13 partial rounds behaves as a random permutation (its designers' 128-bit claim).
   */
  @Override
  public double collisionBits() {
    return 4 * Math.log(BabyBear.P) / Math.log(2);
  }

  /** Digests are 8 field elements: every word canonical. */
  @Override
  public boolean isDigest(int[] d, int off) {
    for (int i = 0; i < DIGEST_INTS; i++) {
      if (!BabyBear.isCanonical(d[off + i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void hashRows(int[][] columns, int from, int to, int[] out, int outOff) {
    int[] s = STATE.get();
    int width = columns.length;
    for (int row = from; row < to; row++) {
      start(s, width, LEAF);
      int c = 0;
      do {
        int block = Math.min(RATE, width - c);
        for (int i = 0; i < RATE; i++) {
          s[i] = i < block ? columns[c + i][row] : 0;
        }
        Poseidon2.permute(s, 0);
        c += block;
      } while (c < width);
      System.arraycopy(s, 0, out, outOff + 8 * (row - from), 8);
    }
  }

  @Override
  public void hashRow(int[] row, int[] out, int outOff) {
    sponge(row, 0, row.length, LEAF, out, outOff);
  }

  @Override
  public void compress(int[] left, int leftOff, int[] right, int rightOff, int[] out, int outOff) {
    int[] s = STATE.get();
    System.arraycopy(left, leftOff, s, 0, 8);
    System.arraycopy(right, rightOff, s, 8, 8);
    Poseidon2.permute(s, 0);
    System.arraycopy(s, 0, out, outOff, 8);
  }

  @Override
  public void hashInts(int[] in, int off, int len, int[] out, int outOff) {
    for (int i = off; i < off + len; i++) {
      if (!BabyBear.isCanonical(in[i])) {
        throw new IllegalArgumentException("Poseidon2 input " + in[i] + " at position " + (i - off) + " is not a canonical BabyBear element");
      }
    }
    sponge(in, off, len, INTS, out, outOff);
  }

  private static void sponge(int[] in, int off, int len, int domain, int[] out, int outOff) {
    int[] s = STATE.get();
    start(s, len, domain);
    int i = 0;
    do {
      int block = Math.min(RATE, len - i);
      for (int j = 0; j < RATE; j++) {
        s[j] = j < block ? in[off + i + j] : 0;
      }
      Poseidon2.permute(s, 0);
      i += block;
    } while (i < len);
    System.arraycopy(s, 0, out, outOff, 8);
  }

  private static void start(int[] s, int length, int domain) {
    Arrays.fill(s, 0);
    s[RATE] = length; // rows and transcript inputs are far shorter than p, so the length is canonical
    s[RATE + 1] = domain;
  }
}
