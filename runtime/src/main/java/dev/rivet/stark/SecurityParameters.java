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
 * citation, {@link SoundnessBudget} computes them for a key and its heights, and the {@link Verifier} requires
 * its caller's bits of their minimum.
 *
 * <h2>Grinding before the challenge rounds</h2>
 * The terms of the rounds whose challenges are field elements are errors count/|F| whose counts grow with the
 * traces: at 2<sup>24</sup> rows they are down to 97.0 bits. {@link #challengePowBits()} adds proof of work
 * (grinding, as for the queries: {@code Transcript.grind}) immediately before each of those rounds that comes
 * near the floor: the LogUp challenges α<sub>L</sub>, β<sub>L</sub>; the out-of-domain point ζ; the DEEP/FRI
 * batching coefficients; and each FRI folding challenge β<sub>r</sub>. A prover who retries one of these rounds
 * to land on a bad challenge pays 2<sup>challengePowBits</sup> hashes per try, so each of those four terms gains
 * challengePowBits bits. The constraint combination α is left out: its term (112 bits for Keccak, about 119 for
 * the others) does not depend on the heights. The honest prover pays about 2<sup>challengePowBits</sup> hashes
 * per round: with 3 bits and 2<sup>24</sup> rows, 27 rounds, about 200 hashes in all.
 *
 * <h2>Presets</h2>
 * {@link #DEFAULT}: blowup 2, 193 queries, 20 bits of query proof of work, 8 bits of grinding before the
 * LogUp, out-of-domain, batching and folding challenges; FRI arity 8 (three halvings per round, which costs the
 * folding term log<sub>2</sub> 3 = 1.6 bits), a final polynomial of 64 coefficients (so a largest table of at
 * least 64 rows; smaller tables are lifted), Merkle roots (cap height 0: with batch openings a cap never saves
 * space). The query term is 193 · 0.415 + 20 = 100.1 bits; 3 is the least grinding that keeps every other term
 * at 100 bits or more on every shape the repository proves up to 2<sup>24</sup> rows × 100 columns and Keccak-f at
 * 2<sup>17</sup> rows (synthetic 2<sup>24</sup>: LogUp and batching 97.6 + 3 = 100.6; the demo's byte addition at
 * 2<sup>24</sup>: LogUp 97.04 + 3 = 100.04). docs/soundness.md has the table.
 * {@link #INSECURE_TEST}: 16 queries and 4 bits, about 10 bits: fast, for tests only, never for real proofs.
 *
 * @param logBlowup log2 of the LDE blowup (the inverse rate), 1 to 8
 * @param numQueries FRI queries, 1 to 1000
 * @param powBits query proof-of-work difficulty in bits, 0 to {@value Transcript#MAX_BITS}
 * @param challengePowBits proof-of-work difficulty in bits before each of the LogUp, out-of-domain, batching and
 *     FRI folding challenges, 0 to {@value Transcript#MAX_BITS}; added to each of those terms of the budget
 * @param logFinalPolyLen FRI folds until the remaining polynomial has 2<sup>logFinalPolyLen</sup> coefficients
 *     (0 to 10), which the prover sends in the clear, so the largest table needs at least that many rows; a shape
 *     parameter with no effect on soundness
 * @param logFoldingArity FRI folds by up to 2<sup>logFoldingArity</sup> (1 to 4) per committed layer, with one
 *     challenge per halving; the folding term counts logFoldingArity halvings per round
 * @param logCapHeight every Merkle tree is committed by its top 2<sup>logCapHeight</sup> nodes (0 to 10) instead of
 *     its root, so openings stop that many levels lower; a shape parameter with no effect on soundness. Since the
 *     queries share one multi-proof per tree, a cap of 2<sup>c</sup> digests never costs less than the top c levels
 *     of the multi-proof it replaces (docs/soundness.md), so DEFAULT sends roots
 */
public record SecurityParameters(int logBlowup, int numQueries, int powBits, int challengePowBits,
    int logFinalPolyLen, int logFoldingArity, int logCapHeight) {
  /** floor(log2(p^4)). */
  public static final int CHALLENGE_FIELD_BITS = 123;

  /**
   * Blowup 2, 193 queries, 20 bits of query proof of work, 8 bits of grinding before the LogUp, out-of-domain,
   * batching and folding challenges: 100 bits or more in every term up to 2<sup>24</sup> rows (docs/soundness.md).
   * FRI folds by 8 down to a final polynomial of 64 coefficients, Merkle trees are sent as their roots: the
   * smallest proofs of the options measured in docs/soundness.md at no cost in prove time.
   */
  public static final SecurityParameters DEFAULT = new SecurityParameters(1, 193, 20, 8, 6, 3, 0);

  /** INSECURE: about 10 bits, for fast tests only. */
  public static final SecurityParameters INSECURE_TEST = new SecurityParameters(1, 16, 4, 0, 0);

  public SecurityParameters {
    check(logBlowup, 1, 8, "logBlowup");
    check(numQueries, 1, 1000, "numQueries");
    check(powBits, 0, Transcript.MAX_BITS, "powBits");
    check(challengePowBits, 0, Transcript.MAX_BITS, "challengePowBits");
    check(logFinalPolyLen, 0, 10, "logFinalPolyLen");
    check(logFoldingArity, 1, 4, "logFoldingArity");
    check(logCapHeight, 0, 10, "logCapHeight");
  }

  /** Binary folding and bare roots, as proofs of format version 2 had them. */
  public SecurityParameters(int logBlowup, int numQueries, int powBits, int challengePowBits, int logFinalPolyLen) {
    this(logBlowup, numQueries, powBits, challengePowBits, logFinalPolyLen, 1, 0);
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

  /**
   * The least log-size of the largest FRI input, and of FRI's final layer: its degree bound 2^(k − logBlowup) must
   * hold the final polynomial. Smaller inputs are lifted to the largest, so this bounds nothing else.
   */
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
