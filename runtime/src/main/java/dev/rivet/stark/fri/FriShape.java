package dev.rivet.stark.fri;

import dev.rivet.field.BabyBear;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.Transcript;

/**
 * What prover and verifier derive alike from the parameters and the input log-sizes: the folding rounds, the
 * coset of each layer, and the transcript preamble. Keeping it in one place keeps the two sides in step.
 */
final class FriShape {
  final SecurityParameters params;
  final int[] logSizes;
  /** K: the log-size of the largest input and of the first layer. */
  final int maxLogSize;
  /** Committed layers: layer r has 2^(K − r) values; the final polynomial follows the last. */
  final int rounds;

  private FriShape(SecurityParameters params, int[] logSizes, int maxLogSize) {
    this.params = params;
    this.logSizes = logSizes;
    this.maxLogSize = maxLogSize;
    this.rounds = maxLogSize - params.minInputLogSize();
  }

  /** Checks the log-sizes and returns the shape, or the reason they are unusable. */
  static FriShape of(SecurityParameters params, int[] logSizes) throws InvalidShape {
    if (logSizes.length == 0) {
      throw new InvalidShape("FRI needs at least one input polynomial");
    }
    int max = 0;
    for (int i = 0; i < logSizes.length; i++) {
      int k = logSizes[i];
      if (k < params.minInputLogSize() || k > SecurityParameters.maxInputLogSize()) {
        throw new InvalidShape("FRI input " + i + " has log-size " + k + ", outside [" + params.minInputLogSize()
            + ", " + SecurityParameters.maxInputLogSize() + "] (its degree bound 2^(k - logBlowup) must hold the final polynomial of 2^"
            + params.logFinalPolyLen() + " coefficients)");
      }
      max = Math.max(max, k);
    }
    return new FriShape(params, logSizes.clone(), max);
  }


  /** Binds the FRI statement (parameters and input sizes) into the transcript before any FRI challenge. */
  void observe(Transcript transcript) {
    transcript.observeLabel("rivet-fri");
    transcript.observe(params.logBlowup());
    transcript.observe(params.numQueries());
    transcript.observe(params.powBits());
    transcript.observe(params.challengePowBits());
    transcript.observe(params.logFinalPolyLen());
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
