package dev.rivet.stark.fri;

import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.Transcript;
import dev.rivet.stark.merkle.MerkleTree;

/**
 * What prover and verifier derive alike from the parameters and the input log-sizes: the folding rounds, their
 * arities and caps, and the transcript preamble. Keeping it in one place keeps the two sides in step.
 *
 * <p>Round r commits the layer of 2<sup>L<sub>r</sub></sup> values and folds it by 2<sup>a<sub>r</sub></sup>:
 * a<sub>r</sub> is the parameters' {@link SecurityParameters#logFoldingArity()}, lowered only in the last round so
 * as not to fold below the final layer. The rounds depend on the largest input alone: every input is lifted to
 * its size ({@link FriProver}), so smaller inputs never shorten a round.
 */
final class FriShape {
  final SecurityParameters params;
  final int[] logSizes;
  /** K: the log-size of the largest input and of the first layer. */
  final int maxLogSize;
  /** Committed layers: layer r has 2^layerLogSizes[r] values; the final polynomial follows the last. */
  final int rounds;
  final int[] layerLogSizes;
  final int[] logArities;

  private FriShape(SecurityParameters params, int[] logSizes, int maxLogSize) {
    this.params = params;
    this.logSizes = logSizes;
    this.maxLogSize = maxLogSize;
    int halvings = maxLogSize - params.minInputLogSize();
    int a = params.logFoldingArity();
    this.rounds = (halvings + a - 1) / a;
    this.layerLogSizes = new int[rounds];
    this.logArities = new int[rounds];
    for (int r = 0; r < rounds; r++) {
      layerLogSizes[r] = maxLogSize - r * a;
      logArities[r] = Math.min(a, halvings - r * a);
    }
  }

  /**
   * Checks the log-sizes and returns the shape, or the reason they are unusable: each input needs a degree bound
   * 2<sup>k − logBlowup</sup> of at least 1, and the largest one must still hold the final polynomial.
   */
  static FriShape of(SecurityParameters params, int[] logSizes) throws InvalidShape {
    if (logSizes.length == 0) {
      throw new InvalidShape("FRI needs at least one input polynomial");
    }
    int max = 0;
    for (int i = 0; i < logSizes.length; i++) {
      int k = logSizes[i];
      if (k < params.logBlowup() || k > SecurityParameters.maxInputLogSize()) {
        throw new InvalidShape("FRI input " + i + " has log-size " + k + ", outside [" + params.logBlowup() + ", "
            + SecurityParameters.maxInputLogSize() + "] (its degree bound is 2^(k - logBlowup))");
      }
      max = Math.max(max, k);
    }
    if (max < params.minInputLogSize()) {
      throw new InvalidShape("the largest FRI input has log-size " + max + ", below " + params.minInputLogSize()
          + ": its degree bound 2^(k - logBlowup) must hold the final polynomial of 2^" + params.logFinalPolyLen()
          + " coefficients");
    }
    return new FriShape(params, logSizes.clone(), max);
  }

  /** log2 of the rows of layer r's Merkle tree: one row per 2^a values that fold together. */
  int leafLogHeight(int r) {
    return layerLogSizes[r] - logArities[r];
  }

  /** The cap height of layer r's tree. */
  int capHeight(int r) {
    return MerkleTree.capHeight(params.logCapHeight(), new int[] {leafLogHeight(r)});
  }

  /** Binds the FRI statement (parameters and input sizes) into the transcript before any FRI challenge. */
  void observe(Transcript transcript) {
    transcript.observeLabel("rivet-fri");
    transcript.observe(params.logBlowup());
    transcript.observe(params.numQueries());
    transcript.observe(params.powBits());
    transcript.observe(params.challengePowBits());
    transcript.observe(params.logFinalPolyLen());
    transcript.observe(params.logFoldingArity());
    transcript.observe(params.logCapHeight());
    transcript.observe(logSizes.length);
    for (int k : logSizes) {
      transcript.observe(k);
    }
  }

  /** The final polynomial's packed length: 4 ints per coefficient. */
  int finalPolyInts() {
    return 4 << params.logFinalPolyLen();
  }

  /** A shape violation, reported by the prover as an argument error and by the verifier as a failed proof. */
  static final class InvalidShape extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidShape(String message) {
      super(message);
    }
  }
}
