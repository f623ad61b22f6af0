package dev.rivet.cli;

import dev.rivet.dsl.Trace;
import dev.rivet.stark.CommittedColumns;
import dev.rivet.stark.Proof;
import dev.rivet.stark.Prover;
import dev.rivet.stark.ProverTimings;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.SoundnessBudget;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.function.IntFunction;
import picocli.CommandLine.Option;

/**
 * The measurement shared by the proving benchmarks: witness, prove (with phases), verify, proof size, peak heap
 * and trace cells per second, over several runs of which the first warms the JIT. Each run also prints the
 * process's CPU time and the collector's time during the proof: on a shared machine those are steadier than wall
 * time. The first proof (what one {@code ./rivet} invocation meets: a fresh JVM) and the best later proof are
 * reported apart, and the last line is a summary of {@code key=value} pairs for scripts:
 * <pre>
 * summary: workload=W first_prove_s=F best_prove_s=B verify_s=V proof_bytes=P peak_heap_mib=H main_columns=M
 *     prep_columns=R logup_columns=L quotient_columns=Q
 * </pre>
 * (one line), where B is the best of runs 2… (F when there is one run), V and H the maxima over all runs.
 */
final class ProofBenchmark {
  private ProofBenchmark() {}

  /** The options every proving benchmark takes (a picocli mixin). */
  static final class Options {
    @Option(names = "--runs", defaultValue = "2",
        description = "proofs to make; the first warms the JIT (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--insecure", description = "use the INSECURE test preset instead of the default 100-bit one")
    boolean insecure;

    SecurityParameters security() {
      return insecure ? SecurityParameters.INSECURE_TEST : SecurityParameters.DEFAULT;
    }

    /** What the verifier demands: 100 bits, or nothing for the insecure preset. */
    double requiredBits() {
      return insecure ? 0 : 100;
    }
  }

  /**
   * @param witness builds the traces for run r (1-based)
   * @param requiredBits what the verifier demands
   */
  static void run(String workload, StarkConfig config, ProvingKey pk, IntFunction<List<Trace>> witness, int runs,
      double requiredBits) throws VerificationException {
    SecurityParameters p = config.security();
    CommittedColumns columns = CommittedColumns.of(pk.verifyingKey());
    System.out.printf("committed columns: main %d, preprocessed %d, LogUp %d, quotient %d%n", columns.main(),
        columns.preprocessed(), columns.logUp(), columns.quotient());
    double first = 0;
    double best = Double.MAX_VALUE;
    double verifyMax = 0;
    long peakMax = 0;
    int proofBytes = 0;
    System.out.printf("%s, log blowup %d, %d queries, %d query PoW bits, %d challenge PoW bits; %d cores, max heap "
        + "%d MiB%n", config.hash().name(), p.logBlowup(), p.numQueries(), p.powBits(), p.challengePowBits(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    for (int run = 1; run <= runs; run++) {
      long w0 = System.nanoTime();
      List<Trace> traces = witness.apply(run);
      long w1 = System.nanoTime();
      long cells = 0;
      for (Trace t : traces) {
        cells += (long) t.height() * t.table().width();
      }
      resetPeakHeap();
      ProverTimings timings = new ProverTimings();
      long cpu0 = processCpuNanos();
      long gc0 = gcMillis();
      long p0 = System.nanoTime();
      Proof proof = Prover.prove(pk, traces, timings);
      long p1 = System.nanoTime();
      long cpu1 = processCpuNanos();
      long gc1 = gcMillis();
      long peak = peakHeap();
      byte[] bytes = proof.toBytes();
      long v0 = System.nanoTime();
      Verifier.verify(pk.verifyingKey(), traces.stream().map(t -> t.publicValues().clone()).toList(), bytes,
          requiredBits);
      long v1 = System.nanoTime();
      double proveS = (p1 - p0) / 1e9;
      System.out.printf("run %d: witness %.2f s, prove %.2f s (CPU %.2f s, GC %.2f s), verify %.3f s, proof %,d "
          + "bytes, peak heap %,d MiB, %.2f M trace cells/s%n", run, (w1 - w0) / 1e9, proveS, (cpu1 - cpu0) / 1e9,
          (gc1 - gc0) / 1e3, (v1 - v0) / 1e9, bytes.length, peak >> 20, cells / proveS / 1e6);
      if (run == 1) {
        first = proveS;
      }
      if (run > 1 || runs == 1) {
        best = Math.min(best, proveS);
      }
      verifyMax = Math.max(verifyMax, (v1 - v0) / 1e9);
      peakMax = Math.max(peakMax, peak);
      proofBytes = bytes.length;
      if (run == runs) {
        SoundnessBudget budget = SoundnessBudget.of(pk.verifyingKey(), proof);
        System.out.printf("    soundness %.1f bits, weakest term %s (verified requiring %.0f)%n", budget.bits(),
            budget.weakest().name(), requiredBits);
        timings.millis().forEach((phase, ms) -> System.out.printf("    %-28s %8.0f ms  %4.1f%%%n", phase, ms,
            100 * ms / ((p1 - p0) / 1e6)));
      }
    }
    System.out.printf("first proof %.2f s, best later proof %.2f s%n", first, best);
    System.out.printf("summary: workload=%s first_prove_s=%.3f best_prove_s=%.3f verify_s=%.3f proof_bytes=%d "
        + "peak_heap_mib=%d main_columns=%d prep_columns=%d logup_columns=%d quotient_columns=%d%n", workload, first,
        best, verifyMax, proofBytes, peakMax >> 20, columns.main(), columns.preprocessed(), columns.logUp(),
        columns.quotient());
  }

  /** Collects, then starts {@link #peakHeap()} afresh. */
  static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** CPU time of every thread of the process, JIT and collector included. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Accumulated collection time of every collector. */
  static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += gc.getCollectionTime();
    }
    return sum;
  }

  /**
   * Sum of the heap pools' peak usage ({@link MemoryPoolMXBean#getPeakUsage()}) since the last reset: an upper
   * bound on the peak heap, as the pools may peak at different moments; it includes garbage not yet collected.
   */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
