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
 *       evaluations over the coset {@code Cosets.shift(k)·H_{2^k}} in natural order. Log-sizes run from
 *       {@code logBlowup} to 27, the largest, K, at least {@code logFinalPolyLen + logBlowup}; any number of inputs
 *       may share one.
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
 *       (arity 2<sup>a</sup>, {@link SecurityParameters#logFoldingArity()}; fewer in the last round if the final
 *       layer comes sooner), each halving with its own challenge β drawn after the commitment: row j of the
 *       layer's tree holds the 2<sup>a</sup> values j + m·n/2<sup>a</sup> that fold into value j, so a query opens
 *       one row per round. Independent challenges rather than powers of one keep each halving a line in a fresh
 *       challenge (an error of |D|/|F| each, a·|D|/|F| per round).
 *   <li><b>One lifted input.</b> The input f of log-size k is read on the top domain D<sub>K</sub> as
 *       f<sub>lift</sub>(x) = f(x<sup>m</sup>), m = 2<sup>K−k</sup>: x ↦ x<sup>m</sup> maps the point of index i of
 *       D<sub>K</sub> to the point of index i mod 2<sup>k</sup> of D<sub>k</sub> ({@code Cosets}), so
 *       f<sub>lift</sub>[i] = f[i mod 2<sup>k</sup>], and each point of D<sub>k</sub> has m preimages. Layer 0 is
 *       {@code Σ c_j·f_j,lift} with one independent challenge c<sub>j</sub> per input, all drawn after the statement
 *       and before the first layer's commitment; every round then folds by the full arity. Soundness, in the
 *       unique-decoding regime of {@code docs/soundness.md} (δ = (1 − ρ)/2): (1) lifting keeps the degree
 *       bound's rate: deg f &lt; 2<sup>k−logBlowup</sup> gives deg f(x<sup>m</sup>) &lt;
 *       2<sup>K−logBlowup</sup>; (2) it keeps relative distance: if f is δ-close to g on D<sub>k</sub>,
 *       f<sub>lift</sub> is δ-close to g(x<sup>m</sup>) on D<sub>K</sub>, the same points in the same proportion;
 *       (3) conversely, if f<sub>lift</sub> is δ-close to a codeword h of degree &lt; 2<sup>K−logBlowup</sup>,
 *       then for every ζ with ζ<sup>m</sup> = 1, x ↦ ζx permutes D<sub>K</sub> and fixes f<sub>lift</sub>, so
 *       h(ζx) is a codeword as close; two codewords within 2δ &lt; 1 − ρ of each other are equal, so h(ζx) = h(x),
 *       every monomial of h has an exponent divisible by m, and h = g(x<sup>m</sup>) with deg g &lt;
 *       2<sup>k−logBlowup</sup>: f is δ-close to g. So f is δ-close to its own code exactly when f<sub>lift</sub>
 *       is δ-close to the top one, and the proximity gap for the affine space spanned by the lifted inputs (an
 *       error of 2<sup>K</sup>/|F|) makes each input pass only if it is close to its own code, of its own degree
 *       bound.
 *   <li><b>Order of messages.</b> Statement; one challenge per input, in input order; for each round: the layer's
 *       cap, a proof-of-work nonce of {@code challengePowBits}, one β per halving; final polynomial; query
 *       proof-of-work nonce of {@code powBits}; query indices. Each challenge is drawn after everything it depends
 *       on has been observed. The work before the βs makes each retry of a folding round cost
 *       2<sup>challengePowBits</sup> hashes, which the soundness budget adds to the folding term.
 *   <li><b>Final polynomial.</b> After K − logFinalPolyLen − logBlowup halvings the last layer has
 *       2<sup>logFinalPolyLen + logBlowup</sup> values; the prover interpolates it and sends the first
 *       2<sup>logFinalPolyLen</sup> coefficients. It does not check that the rest vanish: a false claim simply
 *       fails verification.
 *   <li><b>Memory and time.</b> Layer 0 is built from the smallest size up, each size's partial sum tiled onto
 *       the next, so lifting costs one multiply-add per input value and fewer than two copies per layer-0 value
 *       (the sizes halve), never a product per lifted value. A committed layer is copied into 4·2<sup>a</sup>
 *       columns of 2<sup>L−a</sup> rows for its Merkle tree ({@link MerkleTree}), which also serves the
 *       openings: every query's row of a layer under one multi-proof; folds and batching run in parallel chunks.
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

    int[] layer = liftedSum(inputs, logSizes, transcript);
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

  /**
   * Layer 0, {@code Σ c_j·f_j,lift} on the top domain, with c<sub>j</sub> drawn in input order. Built from the
   * smallest size up: the sum over the inputs of log-size at most k, on 2<sup>k</sup> values, is tiled onto the
   * next size (its value at i is the sum's at i mod 2<sup>k</sup>) before that size's inputs are added.
   */
  private static int[] liftedSum(List<int[]> inputs, int[] logSizes, Transcript transcript) {
    int[][] coefficients = new int[logSizes.length][4];
    for (int[] c : coefficients) {
      transcript.sampleExt4().write(c, 0);
    }
    int[] sum = new int[0];
    for (int k : IntStream.of(logSizes).distinct().sorted().toArray()) {
      int[] lifted = new int[4 << k];
      for (int from = 0; from < lifted.length && sum.length > 0; from += sum.length) {
        System.arraycopy(sum, 0, lifted, from, sum.length);
      }
      for (int j = 0; j < logSizes.length; j++) {
        if (logSizes[j] == k) {
          addScaled(lifted, inputs.get(j), coefficients[j]);
        }
      }
      sum = lifted;
    }
    return sum;
  }

  /** {@code acc += c·f}, value by value. */
  private static void addScaled(int[] acc, int[] f, int[] c) {
    parallelChunks(f.length / 4, (from, to) -> {
      int[] t = new int[4];
      for (int i = from; i < to; i++) {
        Ext4.mul(f, 4 * i, c, 0, t, 0);
        Ext4.add(acc, 4 * i, t, 0, acc, 4 * i);
      }
    });
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
