package dev.rivet.stark;

import dev.rivet.field.BabyBear;
import dev.rivet.field.Ntt;
import dev.rivet.stark.fri.FriProver;
import dev.rivet.stark.hash.HashFunction;
import dev.rivet.stark.hash.Poseidon2Hash;
import dev.rivet.stark.hash.Sha256Hash;
import dev.rivet.stark.merkle.MerkleTree;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wall-clock figures for the STARK primitives at the prover's target size (2<sup>20</sup> rows × 100 columns,
 * blowup 2). Not a test: run it by hand and record the output in docs/benchmarks.md.
 *
 * <pre>
 * mvn -B -q -o -pl runtime -am test-compile
 * java -Xmx12g -XX:+UseParallelGC \
 *   -cp runtime/target/test-classes:runtime/target/classes:dsl/target/classes \
 *   dev.rivet.stark.PrimitivesBenchmark [logRows] [columns]
 * </pre>
 * Each figure is the best of several runs after a warm-up: wall-clock time, and CPU time, which a shared
 * machine disturbs much less: the calling thread's for the one-core NTTs, the whole process's (all cores, GC
 * included) for the parallel steps. The load average is printed with each line.
 */
public final class PrimitivesBenchmark {
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  /** The Keccak AIR's shape: 2633 columns of 2^15 rows. */
  private static final int KECCAK_LOG_ROWS = 15;
  private static final int KECCAK_COLUMNS = 2633;

  private PrimitivesBenchmark() {}

  public static void main(String[] args) {
    int logRows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int n = 1 << logRows;
    SplittableRandom rng = new SplittableRandom(1);
    System.out.printf("cores: %d, rows 2^%d, columns %d%n", Runtime.getRuntime().availableProcessors(), logRows, width);

    int[] one = random(rng, n);
    reportOneCore("NTT forward 2^" + logRows + " (one core)", 9, () -> Ntt.forward(one.clone()));
    reportOneCore("NTT inverse 2^" + logRows + " (one core)", 9, () -> Ntt.inverse(one.clone()));
    reportOneCore("LDE 2^" + logRows + " x 1 -> 2^" + (logRows + 1) + " (one core)", 9,
        () -> Ntt.lde(one, 1, BabyBear.GENERATOR));

    int[][] trace = new int[width][];
    for (int c = 0; c < width; c++) {
      trace[c] = random(rng, n);
    }
    int[][][] lde = new int[1][][];
    report("LDE 2^" + logRows + " x " + width + " -> 2^" + (logRows + 1) + " (all cores)", 3,
        () -> lde[0] = Ntt.lde(trace, 1, BabyBear.GENERATOR));

    keccakLde(rng);

    report("Merkle commit SHA-256 2^" + (logRows + 1) + " x " + width + " (all cores)", 3,
        () -> MerkleTree.commit(Sha256Hash.INSTANCE, 0, java.util.List.<int[][]>of(lde[0])));
    int[][] small = new int[width][];
    for (int c = 0; c < width; c++) {
      small[c] = java.util.Arrays.copyOf(lde[0][c], 1 << 14);
    }
    report("Merkle commit Poseidon2 2^14 x " + width + " (all cores)", 3,
        () -> MerkleTree.commit(Poseidon2Hash.INSTANCE, 0, java.util.List.<int[][]>of(small)));

    int[] friInput = new int[4 << (logRows + 1)];
    for (int c = 0; c < 4; c++) {
      int[] coeffs = new int[2 * n];
      System.arraycopy(random(rng, n), 0, coeffs, 0, n);
      Ntt.cosetForward(coeffs, BabyBear.GENERATOR);
      for (int i = 0; i < 2 * n; i++) {
        friInput[4 * i + c] = coeffs[i];
      }
    }
    for (HashFunction hash : List.of(Sha256Hash.INSTANCE)) {
      report("FRI prove 2^" + (logRows + 1) + " Ext4, DEFAULT preset, " + hash.name(), 3,
          () -> FriProver.prove(SecurityParameters.DEFAULT, new Transcript(hash, "bench"), List.of(friInput)));
    }
  }

  /** The LDE of the Keccak AIR's trace shape; its columns are garbage once this returns. */
  private static void keccakLde(SplittableRandom rng) {
    int[][] keccak = new int[KECCAK_COLUMNS][];
    for (int c = 0; c < KECCAK_COLUMNS; c++) {
      keccak[c] = random(rng, 1 << KECCAK_LOG_ROWS);
    }
    report("LDE 2^" + KECCAK_LOG_ROWS + " x " + KECCAK_COLUMNS + " -> 2^" + (KECCAK_LOG_ROWS + 1) + " (all cores)", 3,
        () -> Ntt.lde(keccak, 1, BabyBear.GENERATOR));
  }

  private static int[] random(SplittableRandom rng, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextInt(BabyBear.P);
    }
    return a;
  }

  private static void report(String what, int runs, Runnable body) {
    report(what, runs, body, CPU::getProcessCpuTime);
  }

  private static void reportOneCore(String what, int runs, Runnable body) {
    report(what, runs, body, THREADS::getCurrentThreadCpuTime);
  }

  private static void report(String what, int runs, Runnable body, java.util.function.LongSupplier cpuClock) {
    body.run(); // warm-up
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long c0 = cpuClock.getAsLong();
      long t0 = System.nanoTime();
      body.run();
      bestWall = Math.min(bestWall, System.nanoTime() - t0);
      bestCpu = Math.min(bestCpu, cpuClock.getAsLong() - c0);
    }
    // on a shared machine wall time depends on the neighbours; CPU time does much less
    System.out.printf("%-56s wall %9.1f ms   cpu %9.1f ms   (load %.1f)%n", what, bestWall / 1e6, bestCpu / 1e6,
        CPU.getSystemLoadAverage());
  }
}
