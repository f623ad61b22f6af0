package dev.rivet.stark;

import dev.rivet.air.AirTable;
import dev.rivet.check.Checker;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.dsl.Trace;
import dev.rivet.field.BabyBear;
import dev.rivet.field.Barycentric;
import dev.rivet.field.Ext4;
import dev.rivet.field.Ntt;
import dev.rivet.field.ScratchInts;
import dev.rivet.stark.fri.FriProver;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.merkle.MerkleMultiProof;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The generic multi-table STARK prover: turns traces of any set of {@link AirTable}s, each of its own power-of-two
 * height, into a {@link Proof}. It knows tables, never a particular circuit.
 *
 * <h2>Protocol</h2>
 * Every message enters the transcript before the first challenge that depends on it:
 * <ol>
 *   <li><b>Statement</b> ({@link Statement}): the key's digest (parameters, hash, each table's encoding, the
 *       preprocessed commitment), each table's log height and public values; the public bus messages.
 *   <li><b>Main traces.</b> Each table's columns are extended to the coset of 2<sup>log n + log B</sup> points
 *       ({@link Cosets}); all tables' LDEs are committed row-wise in one Merkle tree of mixed heights
 *       ({@link MerkleTree}), whose cap is sent. The LogUp phase likewise commits all its tables in one tree, and the
 *       quotient phase commits one matrix, so a query opens one row per table and phase, and all queries of a phase share one multi-proof.
 *   <li><b>LogUp</b> ({@link LogUp}): proof of work, then challenges α<sub>L</sub>, β<sub>L</sub>; each table
 *       with interactions builds its auxiliary columns; they are committed in one tree, then each such table sends its
 *       sum S<sub>t</sub>. The verifier checks Σ S<sub>t</sub> + Σ<sub>public messages</sub> σ·m/(α<sub>L</sub> − fp) = 0.
 *   <li><b>Quotient</b>, one for all tables. Challenge α; each table's
 *       Q<sub>t</sub> = Σ<sub>i</sub> α<sup>o<sub>t</sub>+i</sup> C<sub>t,i</sub> / Z<sub>H<sub>t</sub></sub>
 *       ({@link QuotientEvaluator}), the powers of α continuing across tables (o<sub>t</sub> counts the constraints of
 *       the tables before t). Every table is lifted to the largest height N = 2<sup>K</sup>: with
 *       m<sub>t</sub> = N/n<sub>t</sub> and φ<sub>t</sub>(x) = x<sup>m<sub>t</sub></sup>, which maps H<sub>N</sub>
 *       onto H<sub>t</sub> and the top quotient coset onto the table's ({@link Cosets}),
 *       Z<sub>H<sub>t</sub></sub>(φ<sub>t</sub>(x)) = Z<sub>H<sub>N</sub></sub>(x), so
 *       Q(x) = Σ<sub>t</sub> Q<sub>t</sub>(φ<sub>t</sub>(x)) satisfies
 *       Σ<sub>t</sub> C<sub>t</sub>(φ<sub>t</sub>(x)) = Z<sub>H<sub>N</sub></sub>(x)·Q(x) and has degree below q·N,
 *       q the most chunks any table needs. The prover evaluates each Q<sub>t</sub> on its own coset and adds it at
 *       index i mod |coset| of the top one; Q is split by coefficients into q chunks Q(x) = Σ x<sup>jN</sup>
 *       Q<sub>j</sub>(x) of degree below N (four base columns per chunk), committed as one matrix.
 *   <li><b>Out-of-domain.</b> Proof of work, then challenge ζ; each table's trace columns (main, preprocessed,
 *       LogUp) at ζ<sub>t</sub> = φ<sub>t</sub>(ζ) and ζ<sub>t</sub>·ω<sub>t</sub> (its next row), the quotient's at
 *       ζ, from which the verifier checks Σ<sub>t</sub> C<sub>t</sub>(ζ<sub>t</sub>) = Z<sub>H<sub>N</sub></sub>(ζ)·Q(ζ).
 *       Soundness: the lifted identity holds as polynomials iff each lifted C<sub>t</sub> vanishes on H<sub>N</sub>,
 *       iff each C<sub>t</sub> vanishes on H<sub>t</sub> = φ<sub>t</sub>(H<sub>N</sub>); with the α combination
 *       over all tables' constraints this costs one Schwartz–Zippel term at ζ (docs/soundness.md, sections 4-5).
 *   <li><b>DEEP.</b> Proof of work, then per table independent challenges c<sub>0</sub> … c<sub>M</sub> and
 *       f(x) = (P(x) − P(ζ<sub>t</sub>))/(x − ζ<sub>t</sub>) + c<sub>M</sub>·(P(x) − P(ζ<sub>t</sub>ω))/(x − ζ<sub>t</sub>ω)
 *       with P = Σ c<sub>i</sub>·column<sub>i</sub> over its M opened columns ({@link Deep}); then the quotient's
 *       f(x) = (P(x) − P(ζ))/(x − ζ) over its chunks' columns. Each f is low degree exactly when the openings are
 *       the committed polynomials' values.
 *   <li><b>FRI</b> on one input, the sum of every table's f and the quotient's, each lifted to the largest LDE
 *       coset ({@link FriProver}), with proof of work before each folding round and before the queries; then, at
 *       each query, one opening per phase: every table's row there (the quotient's one row) and one multi-proof per
 *       phase for all queries.
 * </ol>
 * Each "proof of work" before a challenge round is {@link SecurityParameters#challengePowBits()} bits of grinding
 * ({@link Transcript#grind}); its nonce goes into the proof. It adds those bits to the round's term of the
 * soundness budget ({@link SoundnessBudget}) for about 2<sup>challengePowBits</sup> hashes.
 *
 * <h2>Cancellation</h2>
 * The prover reads the calling thread's interrupt status before it starts and at every phase boundary: after each
 * table's main LDE, then the main commitment; each table's LogUp trace and LDE, then the LogUp commitment; each
 * table's quotient evaluation, the quotient's LDE, then the quotient commitment; each table's out-of-domain
 * openings and DEEP composition, then the quotient's; and after FRI (commit phase and proof of work, for all
 * tables at once). If the thread has been interrupted it throws {@link CancellationException} and leaves the
 * interrupt status <em>set</em>: the thread's owner sees it and decides what it means. Nothing is checked inside a
 * phase (its parallel loops, on the common ForkJoin pool, never look at interrupts), so the prover stops
 * at the end of the phase it is in. The longest phases of a 2<sup>20</sup>-row × 100-column proof on
 * the 2-core development VM ({@code ./rivet bench-stark --log-rows 20}, docs/benchmarks.md) are the main LDE
 * (1.7 s) and the quotient evaluation (1.1 s, 2.7–2.9 s when a GC pause lands in it): expect up to about 3 s at
 * that size, proportionally less for smaller tables. The last phase (query openings, milliseconds) is not
 * followed by a check: a proof that is complete is returned. Kotlin callers get the same prover as a suspending
 * function, cancelled with its coroutine: {@code ProvingKey.prove} in {@code SuspendingProver.kt}.
 */
public final class Prover {
  private Prover() {}

  /** The prover's phases in the order they run, as {@link ProverTimings} names them. */
  public static final List<String> PHASES = List.of("main LDE", "main commit", "LogUp trace", "LogUp LDE",
      "LogUp commit", "quotient evaluation", "quotient LDE", "quotient commit", "out-of-domain openings",
      "DEEP composition", "FRI (commit, proof of work)", "query openings");

  /**
   * Proves without running the checker first: a false statement fails only at verification.
   *
   * @throws CancellationException if the calling thread is interrupted before or while proving; it stops at the
   *     next phase boundary and keeps its interrupt status set (see Cancellation in the class documentation)
   */
  public static Proof prove(ProvingKey pk, List<Trace> traces) {
    return prove(pk, traces, new ProverTimings());
  }

  /**
   * {@link #prove(ProvingKey, List)}, recording each phase's time in {@code timings}; cancelled by an interrupt in
   * the same way.
   */
  public static Proof prove(ProvingKey pk, List<Trace> traces, ProverTimings timings) {
    return prove(pk, traces, List.of(), timings);
  }

  /**
   * Proves a statement with public bus messages (see {@link PublicMessage}): the verifier must be given the same
   * messages. Proves without running the checker first, like {@link #prove(ProvingKey, List)}.
   *
   * @throws IllegalArgumentException if a message is on a bus no table declares with public messages, or has the
   *     wrong number of fields
   */
  public static Proof prove(ProvingKey pk, List<Trace> traces, List<PublicMessage> messages) {
    return prove(pk, traces, messages, new ProverTimings());
  }

  /** {@link #prove(ProvingKey, List, List)}, recording each phase's time in {@code timings}. */
  public static Proof prove(ProvingKey pk, List<Trace> traces, List<PublicMessage> messages, ProverTimings timings) {
    return prove(pk, traces, messages, timings, quotientLde -> { });
  }

  /**
   * The prover, handing the quotient's LDE columns to {@code forgeQuotient} before they are committed: soundness
   * tests play a cheating prover with it, which changes the committed quotient and runs the rest of the protocol
   * honestly on what it committed.
   */
  static Proof prove(ProvingKey pk, List<Trace> traces, List<PublicMessage> messages, ProverTimings timings,
      Consumer<int[][]> forgeQuotient) {
    timings.start();
    VerifyingKey vk = pk.verifyingKey();
    validate(vk, traces);
    List<String> wrong = PublicMessage.problems(vk.tables(), messages);
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", wrong));
    }
    stopIfInterrupted(null);
    SecurityParameters params = vk.config().security();
    int logB = params.logBlowup();
    int n = traces.size();
    int[] logHeights = new int[n];
    List<int[]> publics = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      logHeights[t] = Integer.numberOfTrailingZeros(traces.get(t).height());
      publics.add(traces.get(t).publicValues().clone());
    }
    Transcript tr = Statement.begin(vk, logHeights, publics, messages);

    HashFunction hash = vk.config().hash();
    int cap = params.logCapHeight();
    int[][][] mainLde = new int[n][][];
    for (int t = 0; t < n; t++) {
      mainLde[t] = Ntt.lde(traces.get(t).mainColumns(), logB, Cosets.shift(logHeights[t] + logB));
      endPhase(timings, "main LDE");
    }
    MerkleTree mainTree = MerkleTree.commit(hash, cap, phaseMatrices(vk, Phase.MAIN, mainLde));
    endPhase(timings, "main commit");
    int[] mainCap = mainTree.cap();
    tr.observeDigests(mainCap);

    boolean anyBus = vk.hasBus();
    int grinding = params.challengePowBits();
    long logUpNonce = anyBus ? tr.grind(grinding) : 0;
    Ext4 alphaL = anyBus ? tr.sampleExt4() : Ext4.ZERO;
    Ext4 betaL = anyBus ? tr.sampleExt4() : Ext4.ZERO;
    int[][][] auxTrace = new int[n][][];
    int[][][] auxLde = new int[n][][];
    Ext4[] sums = new Ext4[n];
    for (int t = 0; t < n; t++) {
      TableShape s = vk.shapes[t];
      if (s.auxWidth == 0) {
        auxLde[t] = new int[0][];
        continue;
      }
      Trace trace = traces.get(t);
      LogUp.AuxTrace aux = s.logUp.generate(trace.mainColumns(), prepTrace(pk, t), trace.publicValues(),
          trace.height(), alphaL, betaL);
      auxTrace[t] = aux.columns();
      sums[t] = aux.sum();
      endPhase(timings, "LogUp trace");
      auxLde[t] = Ntt.lde(aux.columns(), logB, Cosets.shift(logHeights[t] + logB));
      endPhase(timings, "LogUp LDE");
    }
    MerkleTree auxTree = null;
    int[] auxCap = null;
    if (anyBus) {
      auxTree = MerkleTree.commit(hash, cap, phaseMatrices(vk, Phase.AUX, auxLde));
      endPhase(timings, "LogUp commit");
      auxCap = auxTree.cap();
      tr.observeDigests(auxCap);
      for (int t = 0; t < n; t++) {
        if (sums[t] != null) {
          tr.observe(sums[t]);
        }
      }
    }

    Ext4 alpha = tr.sampleExt4();
    int logTop = IntStream.of(logHeights).max().getAsInt();
    int logQ = vk.logQuotient();
    int topShift = Cosets.shift(logTop + logB);
    Ext4[] firstPowers = QuotientEvaluator.firstPowers(vk.shapes, alpha);
    int[] lifted = ScratchInts.take(4 << (logTop + logQ)); // the sum so far fills a prefix, see accumulate
    int filled = 0;
    for (int t : IntStream.range(0, n).boxed().sorted((a, b) -> logHeights[a] - logHeights[b])
        .mapToInt(Integer::intValue).toArray()) {
      TableShape s = vk.shapes[t];
      QuotientEvaluator.Inputs inputs = new QuotientEvaluator.Inputs(logHeights[t], logB, logQ,
          Cosets.shift(logHeights[t] + logB), mainLde[t], prepLde(pk, t), auxLde[t], traces.get(t).publicValues(),
          alphaL, betaL, sums[t] == null ? Ext4.ZERO : sums[t], alpha, firstPowers[t]);
      int[] q = new QuotientEvaluator(s.table, s.logUp).evaluate(inputs);
      filled = accumulate(lifted, filled, q);
      ScratchInts.give(q);
      endPhase(timings, "quotient evaluation");
    }
    int[][] quotientLde = extendCoefficients(quotientChunks(lifted, logTop, logQ, topShift), logTop + logB, topShift);
    ScratchInts.give(lifted);
    forgeQuotient.accept(quotientLde);
    endPhase(timings, "quotient LDE");
    MerkleTree quotientTree = MerkleTree.commit(hash, cap, List.<int[][]>of(quotientLde));
    endPhase(timings, "quotient commit");
    int[] quotientCap = quotientTree.cap();
    tr.observeDigests(quotientCap);

    long zetaNonce = tr.grind(grinding);
    Ext4 zeta = tr.sampleExt4();
    Ext4[] zetas = liftedPoints(zeta, logHeights);
    for (Ext4 z : zetas) {
      if (z.isBase()) {
        // The verifier refuses a base point (its DEEP quotients could divide by zero); at most 4/p^3 = 2^-90.7
        // (x^m is in F_p for at most 4(p − 1) x, m a power of two), say so rather than return a proof that cannot
        // verify.
        throw new IllegalStateException("the out-of-domain point ζ = " + zeta + " or a power of it lies in the base"
            + " field");
      }
    }
    Ext4[][] atZeta = new Ext4[n][];
    Ext4[][] atZetaNext = new Ext4[n][];
    for (int t = 0; t < n; t++) {
      int[][] traceColumns = concat(traces.get(t).mainColumns(), prepTrace(pk, t), auxTrace[t]);
      atZeta[t] = openAt(traceColumns, logHeights[t], zetas[t]);
      atZetaNext[t] = openAt(traceColumns, logHeights[t], nextRow(zetas[t], logHeights[t]));
      for (Ext4 v : atZeta[t]) {
        tr.observe(v);
      }
      for (Ext4 v : atZetaNext[t]) {
        tr.observe(v);
      }
      endPhase(timings, "out-of-domain openings");
    }
    int[] wq = Barycentric.weights(logTop + logB, topShift, zeta);
    Ext4[] quotientAtZeta = new Ext4[quotientLde.length];
    IntStream.range(0, quotientLde.length).parallel()
        .forEach(i -> quotientAtZeta[i] = Barycentric.evaluate(quotientLde[i], wq));
    for (Ext4 v : quotientAtZeta) {
      tr.observe(v);
    }
    endPhase(timings, "out-of-domain openings");

    long batchingNonce = tr.grind(grinding);
    List<int[]> friInputs = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      Deep.Batch batch = Deep.Batch.draw(tr, zetas[t], nextRow(zetas[t], logHeights[t]), atZeta[t], atZetaNext[t]);
      int[][] columns = concat(mainLde[t], prepLde(pk, t), auxLde[t]);
      friInputs.add(Deep.prover(columns, logHeights[t] + logB, batch));
      endPhase(timings, "DEEP composition");
    }
    friInputs.add(Deep.prover(quotientLde, logTop + logB, Deep.Batch.drawAt(tr, zeta, quotientAtZeta)));
    endPhase(timings, "DEEP composition");
    FriProver.Result fri = FriProver.prove(params, tr, friInputs);
    endPhase(timings, "FRI (commit, proof of work)");

    int[] indices = fri.queryIndices();
    MerkleTree[] trees = {mainTree, pk.preprocessedTree, auxTree, quotientTree};
    Phase[] phases = Phase.present(vk);
    Proof.Opening[][] queries = new Proof.Opening[indices.length][phases.length];
    MerkleMultiProof[] phaseProofs = new MerkleMultiProof[phases.length];
    for (int p = 0; p < phases.length; p++) {
      MerkleTree tree = trees[phases[p].ordinal()];
      int[] treeIndices = new int[indices.length];
      for (int q = 0; q < indices.length; q++) {
        treeIndices[q] = indices[q] & ((1 << tree.logHeight()) - 1);
        queries[q][p] = new Proof.Opening(tree.rows(treeIndices[q]));
      }
      phaseProofs[p] = tree.openBatch(treeIndices);
    }
    timings.phase("query openings"); // the proof is complete: no reason left to throw it away
    return new Proof(vk.config().hash(), params, vk.digest(), Statement.publicInputsDigest(publics, messages),
        logHeights, mainCap, logUpNonce, auxCap, sums, quotientCap, zetaNonce, atZeta,
        atZetaNext, quotientAtZeta, batchingNonce, fri.proof(), queries, phaseProofs);
  }

  /** The phase's matrices, in table order, of the tables that have columns in it. */
  private static List<int[][]> phaseMatrices(VerifyingKey vk, Phase phase, int[][][] ldes) {
    List<int[][]> out = new ArrayList<>();
    for (int t : phase.tables(vk)) {
      out.add(ldes[t]);
    }
    return out;
  }

  /**
   * Debug mode: runs the {@link Checker} over the traces first and fails with its full report (every failing
   * constraint by table, constraint and row; every unbalanced bus message) instead of producing a proof that
   * cannot verify.
   *
   * @throws dev.rivet.check.CheckException if the traces do not satisfy their tables
   * @throws CancellationException if the calling thread is interrupted while proving (the checker itself runs to
   *     its end first), as for {@link #prove(ProvingKey, List)}
   */
  public static Proof proveChecked(ProvingKey pk, List<Trace> traces) {
    return proveChecked(pk, traces, List.of());
  }

  /** {@link #proveChecked(ProvingKey, List)} for a statement with public bus messages, which the checker counts. */
  public static Proof proveChecked(ProvingKey pk, List<Trace> traces, List<PublicMessage> messages) {
    validate(pk.verifyingKey(), traces);
    Checker.check(traces, messages).orThrow();
    return prove(pk, traces, messages);
  }

  /** A phase boundary: charges the phase's time, then stops if the caller has been interrupted. */
  private static void endPhase(ProverTimings timings, String phase) {
    timings.phase(phase);
    stopIfInterrupted(phase);
  }

  /** The one cancellation check: reads the interrupt status without clearing it. */
  private static void stopIfInterrupted(String lastPhase) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("proving interrupted; stopped "
          + (lastPhase == null ? "before the first phase" : "after " + lastPhase));
    }
  }

  private static void validate(VerifyingKey vk, List<Trace> traces) {
    List<AirTable> tables = vk.tables();
    if (traces.size() != tables.size()) {
      throw new IllegalArgumentException("the proving key has " + tables.size() + " tables but " + traces.size()
          + " traces were given");
    }
    int maxLog = BabyBear.TWO_ADICITY - vk.config().security().logBlowup();
    int largest = 0;
    for (int t = 0; t < tables.size(); t++) {
      Trace trace = traces.get(t);
      AirTable table = tables.get(t);
      // A table's digest leaves out its preprocessed values, so an equal digest alone would let a trace filled for
      // other values (another program's code) pass; the proof then fails only at verification, far from the cause.
      if (trace.table() != table && !(java.util.Arrays.equals(trace.table().digest(), table.digest())
          && trace.table().samePreprocessedValues(table))) {
        throw new IllegalArgumentException("trace " + t + " is for table '" + trace.table().name()
            + "' but the proving key expects table '" + table.name() + "' there"
            + (trace.table().name().equals(table.name()) ? " (same name, other shape or preprocessed values)" : ""));
      }
      int logH = Integer.numberOfTrailingZeros(trace.height());
      if (logH > maxLog) {
        throw new IllegalArgumentException("table '" + table.name() + "': height 2^" + logH + " exceeds 2^" + maxLog
            + ", the largest this blowup supports");
      }
      largest = Math.max(largest, logH);
    }
    int minLargest = vk.config().security().logFinalPolyLen();
    if (largest < minLargest) {
      throw new IllegalArgumentException("the largest table has 2^" + largest + " rows, below 2^" + minLargest
          + ", the least FRI's final polynomial of 2^" + minLargest + " coefficients allows");
    }
  }

  private static int[][] prepTrace(ProvingKey pk, int t) {
    return pk.preprocessedTraces[t] == null ? new int[0][] : pk.preprocessedTraces[t];
  }

  private static int[][] prepLde(ProvingKey pk, int t) {
    return pk.preprocessedLdes[t] == null ? new int[0][] : pk.preprocessedLdes[t];
  }

  static int[][] concat(int[][]... parts) {
    int w = 0;
    for (int[][] p : parts) {
      w += p == null ? 0 : p.length;
    }
    int[][] out = new int[w][];
    int i = 0;
    for (int[][] p : parts) {
      if (p != null) {
        for (int[] c : p) {
          out[i++] = c;
        }
      }
    }
    return out;
  }

  /**
   * Table t's out-of-domain point: ζ<sup>m<sub>t</sub></sup>, m<sub>t</sub> = N/n<sub>t</sub>. Reading a table's
   * polynomials at x<sup>m<sub>t</sub></sup> lifts it to the largest height N: the map x ↦ x<sup>m<sub>t</sub></sup>
   * takes H<sub>N</sub> onto H<sub>t</sub> and each LDE or quotient coset of the largest size onto the table's
   * ({@link Cosets}).
   */
  static Ext4[] liftedPoints(Ext4 zeta, int[] logHeights) {
    int logTop = IntStream.of(logHeights).max().getAsInt();
    Ext4[] out = new Ext4[logHeights.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = zeta.pow(1L << (logTop - logHeights[t]));
    }
    return out;
  }

  /** The point of the next row: z·ω for the generator ω of the trace domain of 2<sup>logHeight</sup> rows. */
  static Ext4 nextRow(Ext4 z, int logHeight) {
    return z.times(BabyBear.twoAdicGenerator(logHeight));
  }

  /**
   * Adds a table's quotient (packed values on its coset of {@code size} points) to the lifted sum, whose first
   * {@code filled} points hold the sum of the smaller tables' so far. Index i of the largest quotient coset maps to
   * index i mod size of this one under x ↦ x<sup>m</sup>, so a lifted sum repeats with the period of its largest
   * term: tables come smallest first, and the sum is copied out to the table's size before it is added, O(Σ sizes)
   * in all. Returns the new filled length.
   */
  private static int accumulate(int[] lifted, int filled, int[] q) {
    int size = q.length / 4;
    if (filled == 0) {
      System.arraycopy(q, 0, lifted, 0, q.length);
      return size;
    }
    for (; filled < size; filled *= 2) {
      System.arraycopy(lifted, 0, lifted, 4 * filled, 4 * filled);
    }
    int block = Math.min(q.length, 1 << 14);
    IntStream.range(0, q.length / block).parallel().forEach(b -> {
      for (int i = b * block, end = i + block; i < end; i++) {
        lifted[i] = BabyBear.add(lifted[i], q[i]);
      }
    });
    return size;
  }

  /**
   * Splits Q (packed values on shift·H<sub>qn</sub>) into its q chunks' coefficients: four base columns per chunk,
   * chunk j holding coefficients jn … jn + n − 1 of each coordinate, so Q(x) = Σ x<sup>jn</sup>·Q<sub>j</sub>(x).
   */
  private static int[][] quotientChunks(int[] packed, int logN, int logQ, int shift) {
    int n = 1 << logN;
    int qn = n << logQ;
    int chunks = 1 << logQ;
    int[][] out = new int[4 * chunks][];
    IntStream.range(0, 4).parallel().forEach(c -> {
      int[] coordinate = ScratchInts.take(qn); // written in full below
      for (int i = 0; i < qn; i++) {
        coordinate[i] = packed[4 * i + c];
      }
      Ntt.cosetInverse(coordinate, shift);
      for (int j = 0; j < chunks; j++) {
        out[4 * j + c] = java.util.Arrays.copyOfRange(coordinate, j * n, (j + 1) * n);
      }
      ScratchInts.give(coordinate);
    });
    return out;
  }

  /** Evaluates coefficient columns (each of length n) on shift·H<sub>2^logLde</sub>. */
  private static int[][] extendCoefficients(int[][] coeffs, int logLde, int shift) {
    int[][] out = new int[coeffs.length][];
    IntStream.range(0, coeffs.length).parallel().forEach(c -> {
      int[] a = java.util.Arrays.copyOf(coeffs[c], 1 << logLde);
      Ntt.cosetForward(a, shift);
      out[c] = a;
    });
    return out;
  }

  /** Every trace column's value at z, by barycentric evaluation over the trace domain. */
  private static Ext4[] openAt(int[][] traceColumns, int logN, Ext4 z) {
    int[] w = Barycentric.weights(logN, 1, z);
    Ext4[] out = new Ext4[traceColumns.length];
    IntStream.range(0, out.length).parallel().forEach(i -> out[i] = Barycentric.evaluate(traceColumns[i], w));
    return out;
  }
}
