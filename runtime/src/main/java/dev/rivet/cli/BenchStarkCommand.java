package dev.rivet.cli;

import dev.rivet.circuits.examples.Synthetic;
import dev.rivet.dsl.Trace;
import dev.rivet.stark.Proof;
import dev.rivet.stark.Prover;
import dev.rivet.stark.ProverTimings;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import dev.rivet.stark.hash.Poseidon2Hash;
import dev.rivet.stark.hash.Sha256Hash;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet bench-stark}: proves a synthetic AIR of the given width and height (degree-3 constraints, one bus)
 * and prints prove time with its phases, verify time, proof size and peak heap. A benchmark, not a test: run it on
 * a quiet machine and quote the command with the figures.
 */
@Command(name = "bench-stark", mixinStandardHelpOptions = true,
    description = "Benchmark the STARK prover on a synthetic AIR (degree-3 constraints, one bus).")
final class BenchStarkCommand implements Callable<Integer> {
  @Option(names = "--log-rows", defaultValue = "16", description = "log2 of the height (default: ${DEFAULT-VALUE})")
  int logRows;

  @Option(names = "--width", defaultValue = "100", description = "columns (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--runs", defaultValue = "2", description = "proofs to make; the first warms the JIT (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--hash", defaultValue = "sha256", description = "sha256 or poseidon2 (default: ${DEFAULT-VALUE})")
  String hash;

  @Option(names = "--insecure", description = "use the INSECURE test preset instead of the default 100-bit one")
  boolean insecure;

  @Override
  public Integer call() throws VerificationException {
    if (logRows < 4 || logRows > 24 || width < 4 || width > 10_000 || runs < 1) {
      System.err.println("rivet bench-stark: need 4 <= --log-rows <= 24, 4 <= --width <= 10000, --runs >= 1");
      return 2;
    }
    StarkConfig config = new StarkConfig(insecure ? SecurityParameters.INSECURE_TEST : SecurityParameters.DEFAULT,
        switch (hash) {
          case "sha256" -> Sha256Hash.INSTANCE;
          case "poseidon2" -> Poseidon2Hash.INSTANCE;
          default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "unknown --hash " + hash + " (sha256 or poseidon2)");
        });
    Synthetic chip = new Synthetic(width);
    ProvingKey pk = ProvingKey.setup(config, List.of(chip.table()));
    System.out.printf("synthetic AIR: 2^%d rows x %d columns, %s, %.1f provable bits, %d cores, max heap %d MiB%n",
        logRows, width, config.hash().name(), config.security().provableBits(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    for (int run = 1; run <= runs; run++) {
      long w0 = System.nanoTime();
      Trace trace = chip.fill(1 << logRows, run);
      long w1 = System.nanoTime();
      System.gc();
      resetPeaks();
      ProverTimings timings = new ProverTimings();
      long p0 = System.nanoTime();
      Proof proof = Prover.prove(pk, List.of(trace), timings);
      long p1 = System.nanoTime();
      long peak = peakHeap();
      byte[] bytes = proof.toBytes();
      long v0 = System.nanoTime();
      Verifier.verify(pk.verifyingKey(), List.of(trace.publicValues()), bytes, insecure ? 0 : 100);
      long v1 = System.nanoTime();
      double proveS = (p1 - p0) / 1e9;
      System.out.printf("run %d: witness %.2f s, prove %.2f s, verify %.3f s, proof %,d bytes, peak heap %,d MiB, "
          + "%.1f M trace cells/s%n", run, (w1 - w0) / 1e9, proveS, (v1 - v0) / 1e9, bytes.length, peak >> 20,
          ((double) width * (1L << logRows)) / proveS / 1e6);
      if (run == runs) {
        timings.millis().forEach((phase, ms) -> System.out.printf("    %-28s %8.0f ms  %4.1f%%%n", phase, ms,
            100 * ms / ((p1 - p0) / 1e6)));
      }
    }
    return 0;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks: an upper bound on the live peak, the figure a heap limit must cover. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
