package dev.rivet.cli;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The executor benchmark behind {@code rivet execute --bench}: runs the guest repeatedly without
 * and with recording, after a warm-up that lets the JIT compile the interpreter loop, and reports
 * the best and median speed in MIPS (millions of guest instructions per second). Guest output is
 * discarded. docs/benchmarks.md records the figures measured with it.
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
    double[] mips = new double[MEASURED_RUNS];
    for (int i = 0; i < MEASURED_RUNS; i++) {
      long start = System.nanoTime();
      ExecutionResult result = executor.run();
      mips[i] = result.cycles() * 1e3 / (System.nanoTime() - start);
    }
    Arrays.sort(mips);
    out.printf("rivet: %-17s %,d cycles per run: median %.1f MIPS, best %.1f MIPS%n",
        recording ? "with recording:" : "without recording:", cycles, mips[MEASURED_RUNS / 2],
        mips[MEASURED_RUNS - 1]);
  }
}
