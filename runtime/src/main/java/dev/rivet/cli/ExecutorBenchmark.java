package dev.rivet.cli;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import java.io.PrintStream;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The executor benchmark behind {@code rivet execute --bench}: runs the guest repeatedly without
 * and with recording, after a warm-up that lets the JIT compile the interpreter loop, and reports
 * the median and best speed in MIPS (millions of guest instructions per second). Guest output is
 * discarded. docs/benchmarks.md records the figures measured with it.
 *
 * <p>Recording is measured twice. "Fresh" keeps every record until it is garbage, so each run
 * writes its record into memory the JVM must zero and the system must map: the cost of a
 * one-off {@code rivet execute --record}. "Released" gives each record back ({@link
 * dev.rivet.exec.ExecutionRecord#release()}) before the next run, as a prover does once it has
 * filled a segment's traces, so the run writes over warm memory: the cost inside a prover.
 *
 * <p>Speed is given by wall-clock time, what a user waits for. Next to it is the CPU time the
 * process used per run, in all its threads, which shows how much of a second core recording
 * takes (it completes cycle rows there) and, for the fresh runs, the garbage collector's share.
 */
final class ExecutorBenchmark {
  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final int MEASURED_RUNS = 5;

  private final Program program;
  private final byte[] input;
  private final long cycleLimit;
  private final PrintStream out;

  ExecutorBenchmark(Program program, byte[] input, long cycleLimit, PrintStream out) {
    this.program = program;
    this.input = input;
    this.cycleLimit = cycleLimit;
    this.out = out;
  }

  void run() {
    out.printf("rivet: benchmarking %s (image %s)%n", program, program.digest());
    measure("without recording:", false, false);
    measure("recording, fresh:", true, false);
    measure("recording, released:", true, true);
  }

  private void measure(String label, boolean recording, boolean release) {
    Executor executor = Executor.of(program).input(input).cycleLimit(cycleLimit).recording(recording);
    long warmupEnd = System.nanoTime() + WARMUP_NANOS;
    long cycles = 0;
    do {
      cycles = run(executor, release).cycles();
    } while (System.nanoTime() < warmupEnd);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] wall = new double[MEASURED_RUNS];
    double[] cpu = new double[MEASURED_RUNS];
    for (int i = 0; i < MEASURED_RUNS; i++) {
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      ExecutionResult result = run(executor, release);
      long nanos = System.nanoTime() - start;
      wall[i] = result.cycles() * 1e3 / nanos;
      cpu[i] = (double) (os.getProcessCpuTime() - cpuStart) / nanos;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    out.printf("rivet: %-21s %,d cycles per run: median %.1f MIPS (best %.1f), %.2f cores busy%n",
        label, cycles, wall[MEASURED_RUNS / 2], wall[MEASURED_RUNS - 1], cpu[MEASURED_RUNS / 2]);
  }

  /** One timed run; the release, which is part of what a prover does per segment, is timed too. */
  private static ExecutionResult run(Executor executor, boolean release) {
    ExecutionResult result = executor.run();
    if (release) {
      result.record().release();
    }
    return result;
  }
}
