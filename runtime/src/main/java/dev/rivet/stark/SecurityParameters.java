package dev.rivet.stark;

import dev.rivet.field.BabyBear;

/**
 * The parameters that fix a proof's FRI shape and, with the tables' shapes, its soundness; and the query term of
 * that soundness, which they alone determine.
 *
 * <h2>Security</h2>
 * {@link #provableBits()} is one term of the soundness budget: the FRI query phase in the unique-decoding regime
 * (each query {@code −log2((1 + ρ)/2)} bits for rate ρ = 2<sup>−logBlowup</sup>) plus the query proof of work,
 * capped at {@value #CHALLENGE_FIELD_BITS} bits. The other terms (LogUp, constraint combination, DEEP, batching,
 * FRI folding, hash) depend on the proof's shape as well; {@code docs/soundness.md} derives every term, with its
 * citation, and {@link SoundnessBudget} computes them for a key and its heights.
 *
 * <h2>Presets</h2>
 * {@link #DEFAULT}: blowup 2, 193 queries, 20 bits of proof of work: a query term of 193 · 0.415 + 20 = 100.1
 * bits, the weakest term up to about 2<sup>21</sup> rows (docs/soundness.md gives the shapes it covers).
 * {@link #INSECURE_TEST}: 16 queries and 4 bits, about 10 bits: fast, for tests only, never for real proofs.
 *
 * @param logBlowup log2 of the LDE blowup (the inverse rate), 1 to 8
 * @param numQueries FRI queries, 1 to 1000
 * @param powBits query proof-of-work difficulty in bits, 0 to {@value Transcript#MAX_BITS}
 * @param logFinalPolyLen FRI folds until the remaining polynomial has 2<sup>logFinalPolyLen</sup> coefficients
 *     (0 to 10), which the prover sends in the clear; a shape parameter with no effect on soundness
 */
public record SecurityParameters(int logBlowup, int numQueries, int powBits, int logFinalPolyLen) {
  /** floor(log2(p^4)). */
  public static final int CHALLENGE_FIELD_BITS = 123;

  /** Blowup 2, 193 queries, 20 bits of query proof of work: 100.1 bits in the query term (see docs/soundness.md). */
  public static final SecurityParameters DEFAULT = new SecurityParameters(1, 193, 20, 0);

  /** INSECURE: about 10 bits, for fast tests only. */
  public static final SecurityParameters INSECURE_TEST = new SecurityParameters(1, 16, 4, 0);

  public SecurityParameters {
    check(logBlowup, 1, 8, "logBlowup");
    check(numQueries, 1, 1000, "numQueries");
    check(powBits, 0, Transcript.MAX_BITS, "powBits");
    check(logFinalPolyLen, 0, 10, "logFinalPolyLen");
  }

  /** Bits contributed by one query: {@code −log2((1 + ρ)/2)}. */
  public double bitsPerQuery() {
    double rate = Math.pow(2, -logBlowup);
    return -Math.log((1 + rate) / 2) / Math.log(2);
  }

  /** Provable bits as documented on this class: queries plus proof of work, capped by the challenge field. */
  public double provableBits() {
    return Math.min(numQueries * bitsPerQuery() + powBits, CHALLENGE_FIELD_BITS);
  }

  /** The log-size of the smallest FRI input: its degree bound 2^(k − logBlowup) must hold the final polynomial. */
  public int minInputLogSize() {
    return logFinalPolyLen + logBlowup;
  }

  /** The largest FRI input log-size: the two-adicity of BabyBear. */
  public static int maxInputLogSize() {
    return BabyBear.TWO_ADICITY;
  }

  private static void check(int v, int min, int max, String name) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " = " + v + " is outside [" + min + ", " + max + "]");
    }
  }
}
