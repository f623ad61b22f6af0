package dev.rivet.stark;

import dev.rivet.air.Interaction;
import dev.rivet.field.BabyBear;
import dev.rivet.stark.hash.HashFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The soundness error of one proof shape, term by term: what {@code docs/soundness.md} derives, computed from the
 * {@link SecurityParameters}, the hash and the tables' actual shapes (heights, constraints, degrees, bus arities).
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Composition.</b> Each term bounds the error of one Fiat–Shamir round of the protocol as implemented
 *       (union bound over the events of that round), in bits: {@code log2|F| − log2(count)} for an error
 *       count/|F|, |F| = p<sup>4</sup> ≈ 2<sup>123.6</sup>. A cheating prover must beat some round, so the
 *       proof's security is the minimum over the terms ({@link #bits()}), as soundcalc and Plonky3's
 *       p3-security compose it; the document also gives the interactive union bound.
 *   <li><b>Terms</b>, with n<sub>t</sub> a table's height, N the largest, k<sub>t</sub> = log n<sub>t</sub> +
 *       logBlowup its LDE log-size and K the largest:
 *       <ul>
 *         <li>{@link #LOGUP}: Σ<sub>t</sub> n<sub>t</sub>·Σ<sub>k</sub> (max(1, a<sub>k</sub>) + 1) over the
 *             interactions k of arity a<sub>k</sub> (fingerprints are degree a<sub>k</sub> in β; one pole per
 *             term), whatever the grouping of interactions into columns. Counts that could wrap around p are not
 *             a term but a refusal ({@code dev.rivet.check.BusCapacity}, checked by the verifier first);
 *         <li>{@link #CONSTRAINTS}: Σ<sub>t</sub> m<sub>t</sub>, the constraints (LogUp's included) of all
 *             tables combined with powers of one α into the one quotient;
 *         <li>{@link #DEEP}: max(d, q + 1)·N, the degree of the one quotient's identity
 *             Σ<sub>t</sub> C<sub>t</sub>(x<sup>N/n<sub>t</sub></sup>) − Z<sub>H<sub>N</sub></sub>·Q with
 *             d = max d<sub>t</sub> and q = max q<sub>t</sub> chunks, at the out-of-domain point ζ;
 *         <li>{@link #BATCHING}: Σ<sub>t</sub> 2·2<sup>k<sub>t</sub></sup> (each table's DEEP coefficients: a
 *             line in c<sub>M</sub>, then an affine space in c<sub>0…M−1</sub>), 2<sup>K</sup> for the quotient's
 *             (opened at ζ alone: an affine space), plus 2<sup>K</sup> for FRI's mix of all the inputs (every
 *             table's and the quotient's), each lifted to the top domain: one round, no prover message between
 *             those challenges;
 *         <li>{@link #FOLDING}: a·2<sup>K</sup> for rounds of up to a = {@link SecurityParameters#logFoldingArity()}
 *             halvings (arity 2<sup>a</sup>), each with its own challenge and charged the top domain;
 *         <li>{@link #QUERIES}: numQueries·log2(2/(1 + ρ)) + powBits, unique decoding;
 *         <li>{@link #HASH}: the hash's {@link HashFunction#collisionBits() collision resistance}.
 *       </ul>
 *   <li><b>Grinding.</b> The prover does {@link SecurityParameters#challengePowBits() challengePowBits} of proof of
 *       work before the challenges of {@link #LOGUP}, {@link #DEEP}, {@link #BATCHING} and each round of
 *       {@link #FOLDING}, so those four terms gain that many bits (a retry of the round costs
 *       2<sup>challengePowBits</sup> hashes), as {@link #QUERIES} gains powBits; {@link #CONSTRAINTS} has none.
 *   <li><b>Inputs.</b> Only the proof's heights and the key's tables: the width of a table does not enter (DEEP
 *       batches its columns with independent coefficients), nor does anything else the prover chooses.
 * </ul>
 * References: Ben-Sasson, Carmon, Ishai, Kopparty, Saraf, "Proximity Gaps for Reed–Solomon Codes" (ePrint
 * 2020/654), Theorems 1.2 and 1.6; Diamond, Gruen, "Proximity Gaps in Interleaved Codes" (ePrint 2024/1351);
 * Haböck, "Multivariate lookups based on logarithmic derivatives" (ePrint 2022/1530); StarkWare, "ethSTARK
 * Documentation" (ePrint 2021/582).
 */
public final class SoundnessBudget {
  /** log2 |F| for the challenge field Ext4: 4·log2 p ≈ 123.63. */
  public static final double CHALLENGE_FIELD_LOG2 = 4 * log2(BabyBear.P);

  /** Name of the LogUp term (challenges α<sub>L</sub>, β<sub>L</sub>). */
  public static final String LOGUP = "LogUp";
  /** Name of the constraint-combination term (challenge α). */
  public static final String CONSTRAINTS = "constraint combination";
  /** Name of the out-of-domain term (challenge ζ). */
  public static final String DEEP = "DEEP";
  /** Name of the batching term (DEEP coefficients and FRI's coefficients of the lifted inputs). */
  public static final String BATCHING = "DEEP/FRI batching";
  /** Name of the FRI folding term (challenges β<sub>r</sub>). */
  public static final String FOLDING = "FRI folding";
  /** Name of the query term (query indices, after the proof of work). */
  public static final String QUERIES = "FRI queries";
  /** Name of the hash term (Merkle trees and transcript). */
  public static final String HASH = "hash";

  /**
   * One table as the terms see it.
   *
   * @param logHeight log2 of the trace height n
   * @param constraints constraints combined with α, LogUp's included
   * @param degree the highest constraint degree d (selectors and LogUp included)
   * @param quotientChunks q, the chunks its quotient needs (the one quotient of all tables has the most of any)
   * @param arities each bus interaction's number of message fields
   */
  public record Table(int logHeight, int constraints, int degree, int quotientChunks, int[] arities) {
    public Table {
      arities = arities.clone();
    }

    @Override
    public int[] arities() {
      return arities.clone();
    }
  }

  /**
   * One term.
   *
   * @param name one of the names above
   * @param bits −log2 of the term's error, with the proof of work before its round added
   * @param detail how the number came about, for messages and reports
   */
  public record Term(String name, double bits, String detail) {
    @Override
    public String toString() {
      return String.format("%s %.1f bits (%s)", name, bits, detail);
    }
  }

  private final List<Term> terms;

  private SoundnessBudget(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /** The budget of a decoded proof: its parameters and heights, the key's tables and hash. */
  public static SoundnessBudget of(VerifyingKey vk, Proof proof) {
    return of(vk, proof.params, proof.logHeights);
  }

  /** The budget of proofs of the key's tables at these heights (log2, in table order) with the key's parameters. */
  public static SoundnessBudget of(VerifyingKey vk, int... logHeights) {
    return of(vk, vk.config().security(), logHeights);
  }

  private static SoundnessBudget of(VerifyingKey vk, SecurityParameters params, int[] logHeights) {
    if (logHeights.length != vk.shapes.length) {
      throw new IllegalArgumentException(logHeights.length + " heights given for " + vk.shapes.length + " tables");
    }
    List<Table> tables = new ArrayList<>();
    for (int t = 0; t < logHeights.length; t++) {
      TableShape s = vk.shapes[t];
      int[] arities = s.table.interactions().stream().mapToInt(Interaction::arity).toArray();
      tables.add(new Table(logHeights[t], s.table.constraints().size() + s.logUp.constraintCount(), s.degree,
          1 << s.logQuotient, arities));
    }
    return of(params, vk.config().hash(), tables);
  }

  /** The budget of a shape given table by table. */
  public static SoundnessBudget of(SecurityParameters params, HashFunction hash, List<Table> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a proof needs at least one table");
    }
    int logB = params.logBlowup();
    double logUp = 0;
    double constraints = 0;
    int degree = 0;
    int chunks = 0;
    double batching = 0;
    int top = 0;
    for (Table t : tables) {
      double n = Math.pow(2, t.logHeight());
      for (int a : t.arities()) {
        logUp += n * (Math.max(1, a) + 1);
      }
      constraints += t.constraints();
      degree = Math.max(degree, t.degree());
      chunks = Math.max(chunks, t.quotientChunks());
      int k = t.logHeight() + logB;
      batching += 2 * Math.pow(2, k);
      top = Math.max(top, k);
    }
    double topSize = Math.pow(2, top);
    batching += 2 * topSize; // the quotient's DEEP coefficients, and FRI's mix of the lifted inputs
    double deep = Math.max(degree, chunks + 1) * Math.pow(2, top - logB);

    int grinding = params.challengePowBits();
    List<Term> terms = new ArrayList<>();
    if (logUp > 0) {
      terms.add(field(LOGUP, logUp, "Σ n·(arity + 1) over interactions", grinding));
    }
    if (constraints > 0) {
      terms.add(field(CONSTRAINTS, constraints, "Σ constraints", 0));
    }
    terms.add(field(DEEP, deep, "max(d, q + 1)·N", grinding));
    terms.add(field(BATCHING, batching, "Σ 2·|D| + quotient's |D| + FRI mix of " + (tables.size() + 1)
        + " lifted inputs", grinding));
    if (top > params.minInputLogSize()) {
      // a round halves the layer up to logFoldingArity times, one fresh challenge per halving: a line each
      int halvings = Math.min(params.logFoldingArity(), top - params.minInputLogSize());
      terms.add(field(FOLDING, halvings * topSize, "worst round: " + halvings
          + " halving(s), each charged the top |D|", grinding));
    }
    terms.add(new Term(QUERIES, params.numQueries() * params.bitsPerQuery() + params.powBits(),
        String.format("%d queries × %.3f + %d bits of proof of work", params.numQueries(), params.bitsPerQuery(),
            params.powBits())));
    terms.add(new Term(HASH, hash.collisionBits(), hash.name() + " collision resistance"));
    return new SoundnessBudget(terms);
  }

  /** A term with error count/|F|, plus the bits of proof of work the prover must redo to retry its round. */
  private static Term field(String name, double count, String what, int grindingBits) {
    return new Term(name, CHALLENGE_FIELD_LOG2 - log2(count) + grindingBits,
        String.format("%s = 2^%.2f over |F| = 2^%.2f%s", what, log2(count), CHALLENGE_FIELD_LOG2,
            grindingBits == 0 ? "" : ", + " + grindingBits + " bits of grinding"));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Every term, in protocol order (the hash last). */
  public List<Term> terms() {
    return terms;
  }

  /** The term with the fewest bits (the first of equals, in protocol order). */
  public Term weakest() {
    return terms.stream().min(Comparator.comparingDouble(Term::bits)).orElseThrow();
  }

  /** The proof's bits of security: the minimum over the terms. */
  public double bits() {
    return weakest().bits();
  }

  /** The term of that name. */
  public Term term(String name) {
    return terms.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no term '" + name + "' among "
            + terms.stream().map(Term::name).toList()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.format("soundness %.1f bits, weakest term %s%n", bits(),
        weakest().name()));
    for (Term t : terms) {
      sb.append(String.format("  %-24s %6.1f  %s%n", t.name(), t.bits(), t.detail()));
    }
    return sb.toString();
  }
}
