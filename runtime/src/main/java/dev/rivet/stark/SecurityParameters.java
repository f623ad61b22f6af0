package dev.rivet.stark;

import dev.rivet.field.BabyBear;

/**
 * The parameters that fix a proof's soundness and its FRI shape, and the documented function that turns them
 * into provable bits of security.
 *
 * <h2>Security function</h2>
 * {@link #provableBits()} counts, in the provable unique-decoding regime (proximity parameter
 * δ = (1 − ρ)/2 for rate ρ = 2<sup>−logBlowup</sup>):
 * <ul>
 *   <li><b>queries:</b> a query against a word δ-far from the code passes with probability at most
 *       1 − δ = (1 + ρ)/2, so each contributes {@code −log2((1 + ρ)/2)} bits (0.415 at blowup 2, 0.678 at
 *       blowup 4);
 *   <li><b>query proof of work:</b> grinding b bits multiplies a cheating prover's cost of retrying the query
 *       phase by 2<sup>b</sup>, so it adds b bits;
 *   <li><b>cap:</b> the sum is capped at {@value #CHALLENGE_FIELD_BITS} bits, the floor of log2 of the Ext4
 *       challenge field (p<sup>4</sup> ≈ 2<sup>123.6</sup>): no choice of queries buys more than the chance of
 *       guessing one challenge.
 * </ul>
 * Not counted, and to be kept below the target by the caller: the commit-phase error of FRI. With an
 * independent challenge per batched function, as Rivet's FRI draws them, the batch and each folding round are
 * random points of an affine space, each failing with probability about |D<sub>r</sub>|/|Ext4| in the unique
 * decoding regime (Ben-Sasson, Carmon, Ishai, Kopparty, Saraf, "Proximity Gaps for Reed–Solomon Codes", 2020);
 * summed over the halving domains this is about 3·|D|/|Ext4| for the largest FRI domain D: 2<sup>−101</sup>
 * at |D| = 2<sup>21</sup>, 2<sup>−100</sup> at 2<sup>22</sup>. The DEEP and constraint-combination errors of the
 * STARK layer above are likewise its own to bound.
 *
 * <h2>Presets</h2>
 * {@link #DEFAULT}: blowup 2, 193 queries, 20 bits of proof of work: 193 · 0.415 + 20 = 100.1 bits.
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

  /** At least 100 provable bits: blowup 2, 193 queries, 20 bits of query proof of work. */
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
