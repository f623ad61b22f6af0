package dev.rivet.cli;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The executor benchmark behind {@code rivet execute --bench}: runs the guest repeatedly without
 * and with recording, after a warm-up that lets the JIT compile the interpreter loop, and reports
 * the median and best speed in MIPS (millions of guest instructions per second). Guest output is
 * discarded. docs/benchmarks.md records the figures measured with it.
 *
 * <p>Speed is given twice: by wall-clock time, and by the CPU time of the benchmarking thread.
 * On a shared machine the two differ (the interpreter waits for a core); the CPU-time figure is
 * the interpreter's own speed, the wall-clock figure what a user waited for.
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
    out.printf("rivet: benchmarking %s (image %s)%n", program, program.imageId());
    measure(false);
    measure(true);
  }

  private void measure(boolean recording) {
    Executor executor = Executor.of(program).input(input).cycleLimit(cycleLimit).recording(recording);
    long warmupEnd = System.nanoTime() + WARMUP_NANOS;
    long cycles = 0;
    do {
      cycles = executor.run().cycles();
    } while (System.nanoTime() < warmupEnd);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] wall = new double[MEASURED_RUNS];
    double[] cpu = new double[MEASURED_RUNS];
    for (int i = 0; i < MEASURED_RUNS; i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      ExecutionResult result = executor.run();
      wall[i] = result.cycles() * 1e3 / (System.nanoTime() - start);
      cpu[i] = result.cycles() * 1e3 / (threads.getCurrentThreadCpuTime() - cpuStart);
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    out.printf("rivet: %-19s %,d cycles per run: wall clock median %.1f MIPS (best %.1f),"
        + " thread CPU time median %.1f MIPS (best %.1f)%n",
        recording ? "with recording:" : "without recording:", cycles, wall[MEASURED_RUNS / 2],
        wall[MEASURED_RUNS - 1], cpu[MEASURED_RUNS / 2], cpu[MEASURED_RUNS - 1]);
  }
}
