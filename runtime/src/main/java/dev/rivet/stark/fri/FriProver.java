package dev.rivet.stark.fri;

import dev.rivet.stark.Cosets;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Ext4;
import dev.rivet.field.Ntt;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.Transcript;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleMultiProof;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The FRI low-degree test, prover side: proves that each input is close to a polynomial of degree below
 * 2<sup>k − logBlowup</sup>, where 2<sup>k</sup> is its number of values.
 *
 * <h2>Contract with the STARK layer</h2>
 * <ul>
 *   <li><b>Inputs.</b> Each input is packed Ext4 values (4 ints each, canonical) of length 4·2<sup>k</sup>: its
 *       evaluations over the coset {@code Cosets.shift(k)·H_{2^k}} in natural order. These are exactly the
 *       cosets reached by squaring the top coset, so the input of log-size k joins the folding chain when it
 *       reaches 2<sup>k</sup> values. Log-sizes run from {@code logFinalPolyLen + logBlowup} to 27; any number of inputs may share one.
 *   <li><b>Transcript.</b> Everything the inputs depend on (trace and quotient commitments, out-of-domain
 *       values) must already be observed. FRI then observes its own statement (parameters, input log-sizes).
 *   <li><b>Output.</b> The proof and the query indices: indices into the top domain of 2<sup>K</sup> points, in
 *       natural order. An input of log-size k is queried at {@code index mod 2^k}; the STARK layer opens its own
 *       trees there and, on the verifier side, hands the values to {@link FriVerifier} through its callback.
 * </ul>
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Protocol.</b> FRI (Ben-Sasson, Bentov, Horesh, Riabzev, ICALP 2018) folding in natural order: on the
 *       coset s·H<sub>n</sub> the points i and i + n/2 are x and −x, and
 *       {@code fold(x²) = (f(x) + f(−x))/2 + β·(f(x) − f(−x))/(2x)} lands at index i of s²·H<sub>n/2</sub>, so a
 *       query follows {@code index mod n} down the layers. A round commits one layer and halves it a times
 *       (arity 2<sup>a</sup>, {@link SecurityParameters#logFoldingArity()}), each halving with its own challenge
 *       β drawn after the commitment: row j of the layer's tree holds the 2<sup>a</sup> values j + m·n/2<sup>a</sup>
 *       that fold into value j, so a query opens one row per round. Independent challenges rather than powers of
 *       one keep each halving a line in a fresh challenge (an error of |D|/|F| each, a·|D|/|F| per round).
 *   <li><b>Batching, and inputs of several sizes.</b> Layer 0 is {@code Σ c_j·f_j} over the inputs of log-size K;
 *       each later layer is the fold of the one before plus {@code Σ c_j·f_j} over the inputs of its log-size; a
 *       round's arity is lowered where it would jump over an input's log-size. Every input gets its own challenge
 *       c<sub>j</sub>, drawn when the chain reaches its size, i.e. after the commitment of the layer it is mixed
 *       with: the layer is then a random point of an affine space spanned by the folded parts and the joining
 *       inputs, so by the proximity gap for affine spaces each of them, and in particular each smaller input, must
 *       be close to its own code, of its own degree bound. (Mixing a smaller input with no fresh challenge, or
 *       checking it against the bound of a larger one, is the bug to avoid.)
 *   <li><b>Order of messages.</b> Statement; challenges of the top inputs; for each round: the layer's cap, a
 *       proof-of-work nonce of {@code challengePowBits}, one β per halving, the challenges of joining inputs;
 *       final polynomial; query proof-of-work nonce of {@code powBits}; query indices. Each challenge is drawn
 *       after everything it depends on has been observed. The work before the βs makes each retry of a folding
 *       round cost 2<sup>challengePowBits</sup> hashes, which the soundness budget adds to the folding term.
 *   <li><b>Final polynomial.</b> After K − logFinalPolyLen − logBlowup halvings the last layer has
 *       2<sup>logFinalPolyLen + logBlowup</sup> values; the prover interpolates it and sends the first
 *       2<sup>logFinalPolyLen</sup> coefficients. It does not check that the rest vanish: a false claim simply
 *       fails verification.
 *   <li><b>Memory.</b> A committed layer is copied into 4·2<sup>a</sup> columns of 2<sup>L−a</sup> rows for its
 *       Merkle tree ({@link MerkleTree}, capped), which also serves the openings: every query's row of a layer
 *       under one multi-proof; folds and batching run in
 *       parallel chunks.
 * </ul>
 */
public final class FriProver {
  private static final int CHUNK = 1 << 12;

  private FriProver() {}

  /**
   * The proof and the query indices it answers.
   *
   * @param proof the FRI proof
   * @param queryIndices indices into the top domain of 2<sup>K</sup> points, in sampling order
   */
  public record Result(FriProof proof, int[] queryIndices) {}

  /** Proves the inputs low-degree; see the class documentation for the contract. */
  public static Result prove(SecurityParameters params, Transcript transcript, List<int[]> inputs) {
    int[] logSizes = new int[inputs.size()];
    for (int j = 0; j < logSizes.length; j++) {
      int len = inputs.get(j).length;
      if (len % 4 != 0 || Integer.bitCount(len / 4) != 1) {
        throw new IllegalArgumentException("FRI input " + j + " has " + len + " ints: not 4·2^k packed Ext4 values");
      }
      logSizes[j] = Integer.numberOfTrailingZeros(len / 4);
    }
    FriShape shape;
    try {
      shape = FriShape.of(params, logSizes);
    } catch (FriShape.InvalidShape e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    HashFunction hash = transcript.hash();
    int top = shape.maxLogSize;
    shape.observe(transcript);

    int[] layer = new int[4 << top];
    mixIn(layer, top, inputs, logSizes, transcript);
    MerkleTree[] trees = new MerkleTree[shape.rounds];
    long[] foldNonces = new long[shape.rounds];
    for (int r = 0; r < shape.rounds; r++) {
      int logSize = shape.layerLogSizes[r];
      int arity = shape.logArities[r];
      trees[r] = MerkleTree.commit(hash, params.logCapHeight(), List.<int[][]>of(rowColumns(layer, logSize, arity)));
      transcript.observeDigests(trees[r].cap());
      foldNonces[r] = transcript.grind(params.challengePowBits());
      for (int s = 0; s < arity; s++) {
        layer = fold(layer, logSize - s, transcript.sampleExt4(), Cosets.shift(logSize - s));
      }
      mixIn(layer, logSize - arity, inputs, logSizes, transcript);
    }

    int finalLogSize = params.minInputLogSize();
    int[] finalPoly = finalPolynomial(layer, Cosets.shift(finalLogSize), shape.finalPolyInts());
    transcript.observe(finalPoly, 0, finalPoly.length);
    long nonce = transcript.grind(params.powBits());

    int[] indices = new int[params.numQueries()];
    for (int q = 0; q < indices.length; q++) {
      indices[q] = transcript.sampleIndex(top);
    }
    FriProof.QueryProof[] queries = new FriProof.QueryProof[indices.length];
    int[][] leaves = new int[shape.rounds][indices.length];
    for (int q = 0; q < indices.length; q++) {
      queries[q] = open(shape, trees, indices[q], leaves, q);
    }
    int[][] caps = new int[shape.rounds][];
    MerkleMultiProof[] layerProofs = new MerkleMultiProof[shape.rounds];
    for (int r = 0; r < shape.rounds; r++) {
      caps[r] = trees[r].cap();
      layerProofs[r] = trees[r].openBatch(leaves[r]);
    }
    return new Result(new FriProof(caps, foldNonces, finalPoly, nonce, queries, layerProofs), indices);
  }

  /** Adds {@code c_j·f_j} to the layer for every input of this log-size, each c_j a fresh challenge. */
  private static void mixIn(int[] layer, int logSize, List<int[]> inputs, int[] logSizes, Transcript transcript) {
    for (int j = 0; j < logSizes.length; j++) {
      if (logSizes[j] != logSize) {
        continue;
      }
      int[] c = new int[4];
      transcript.sampleExt4().write(c, 0);
      int[] f = inputs.get(j);
      parallelChunks(1 << logSize, (from, to) -> {
        int[] t = new int[4];
        for (int i = from; i < to; i++) {
          Ext4.mul(f, 4 * i, c, 0, t, 0);
          Ext4.add(layer, 4 * i, t, 0, layer, 4 * i);
        }
      });
    }
  }

  /**
   * The 4·2<sup>a</sup> columns of a layer's tree: row j holds the values j + m·2<sup>L−a</sup> for
   * m = 0 … 2<sup>a</sup> − 1, the points whose 2<sup>a</sup>-th powers coincide, which fold into value j of the
   * layer 2<sup>a</sup> times smaller.
   */
  private static int[][] rowColumns(int[] layer, int logSize, int logArity) {
    int rows = 1 << (logSize - logArity);
    int[][] cols = new int[4 << logArity][rows];
    parallelChunks(rows, (from, to) -> {
      for (int m = 0; m < 1 << logArity; m++) {
        for (int c = 0; c < 4; c++) {
          int[] col = cols[4 * m + c];
          for (int j = from; j < to; j++) {
            col[j] = layer[4 * (j + m * rows) + c];
          }
        }
      }
    });
    return cols;
  }

  /** Folds a layer on {@code shift·H_{2^logSize}} with challenge β into one on {@code shift²·H_{2^(logSize−1)}}. */
  static int[] fold(int[] layer, int logSize, Ext4 beta, int shift) {
    int half = 1 << (logSize - 1);
    int inv2 = BabyBear.inv(2);
    // 1/(2·x_i) for x_i = shift·ω^i
    int[] invTwoX = BabyBear.powers(BabyBear.mul(inv2, BabyBear.inv(shift)),
        BabyBear.inv(BabyBear.twoAdicGenerator(logSize)), half);
    int[] b = new int[4];
    beta.write(b, 0);
    int[] out = new int[4 * half];
    parallelChunks(half, (from, to) -> {
      int[] sum = new int[4];
      int[] diff = new int[4];
      for (int i = from; i < to; i++) {
        int lo = 4 * i;
        int hi = 4 * (i + half);
        Ext4.add(layer, lo, layer, hi, sum, 0);
        Ext4.sub(layer, lo, layer, hi, diff, 0);
        Ext4.mulBase(sum, 0, inv2, sum, 0);
        Ext4.mulBase(diff, 0, invTwoX[i], diff, 0);
        Ext4.mul(diff, 0, b, 0, diff, 0);
        Ext4.add(sum, 0, diff, 0, out, lo);
      }
    });
    return out;
  }

  /** Interpolates the last layer over its coset and keeps the first coefficients (packed). */
  private static int[] finalPolynomial(int[] layer, int shift, int keepInts) {
    int n = layer.length / 4;
    int[] coeffs = new int[4 * n];
    int[] coordinate = new int[n];
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < n; i++) {
        coordinate[i] = layer[4 * i + c];
      }
      Ntt.cosetInverse(coordinate, shift);
      for (int i = 0; i < n; i++) {
        coeffs[4 * i + c] = coordinate[i];
      }
    }
    return Arrays.copyOf(coeffs, keepInts);
  }

  /** One query's rows, less its own values; its row index into each layer's tree goes to {@code leaves[r][q]}. */
  private static FriProof.QueryProof open(FriShape shape, MerkleTree[] trees, int index, int[][] leaves, int q) {
    int[][] siblings = new int[trees.length][];
    int i = index;
    for (int r = 0; r < trees.length; r++) {
      int leafLog = shape.leafLogHeight(r);
      int leaf = i & ((1 << leafLog) - 1);
      int own = i >>> leafLog;
      int[] row = trees[r].rows(leaf)[0];
      // the verifier knows the query's own value: send the others
      siblings[r] = new int[row.length - 4];
      System.arraycopy(row, 0, siblings[r], 0, 4 * own);
      System.arraycopy(row, 4 * own + 4, siblings[r], 4 * own, row.length - 4 * own - 4);
      leaves[r][q] = leaf;
      i = leaf;
    }
    return new FriProof.QueryProof(siblings);
  }

  private interface Range {
    void run(int from, int to);
  }

  private static void parallelChunks(int n, Range body) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    if (chunks <= 1) {
      body.run(0, n);
      return;
    }
    IntStream.range(0, chunks).parallel().forEach(k -> body.run(k * CHUNK, Math.min(n, (k + 1) * CHUNK)));
  }
}
