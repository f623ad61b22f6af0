package dev.rivet.cli;

import dev.rivet.circuits.rv32im.Rv32imMachine;
import dev.rivet.dsl.PublicMessage;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import dev.rivet.host.ProverOptions;
import dev.rivet.stark.CommittedColumns;
import dev.rivet.stark.Prover;
import dev.rivet.stark.ProverTimings;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import dev.rivet.stark.VerifyingKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet bench-prove --log-cycles N}: proves the bundled benchmark guest (examples/guests/src/bench.c, a loop
 * mixing the instruction families) for as many rounds as fit 2^N cycles, and prints per run
 * <pre>
 * 2^N cycles: X kHz, peak heap Y GB, proof Z KB, verify W ms, C cells/cycle
 * </pre>
 * then the time split: execute (recording), trace, setup, and each prover phase. X is cycles over the time of
 * execute + trace + prove; setup (the commitment to the program's preprocessed tables, made once per program, as
 * the image ID needs it anyway) is printed apart and not counted. C is the committed main and LogUp cells of every
 * table over the cycles. Y is the heap pools' summed peak during trace and prove. A benchmark, not a test: it
 * asserts nothing about time.
 */
@Command(name = "bench-prove", mixinStandardHelpOptions = true,
    description = "Benchmark: prove the bundled mixed-instruction guest at 2^N cycles.")
public final class BenchProveCommand implements Callable<Integer> {
  @Option(names = "--log-cycles", defaultValue = "16", paramLabel = "N",
      description = "log2 of the cycles to prove, 10 to 22 (default: ${DEFAULT-VALUE})")
  int logCycles;

  @Option(names = "--runs", defaultValue = "1", description = "runs to make (default: ${DEFAULT-VALUE})")
  int runs;

  @Override
  public Integer call() {
    if (logCycles < 10 || logCycles > 22 || runs < 1) {
      System.err.println("rivet: error: --log-cycles must be 10 to 22 and --runs at least 1");
      return 2;
    }
    Program program = BundledGuests.load("bench");
    long target = Math.min(1L << logCycles, ProverOptions.SEGMENT_LIMIT);
    int rounds = roundsFor(program, target);
    byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(rounds).array();
    StarkConfig config = StarkConfig.standard();
    for (int run = 1; run <= runs; run++) {
      ProofBenchmark.resetPeakHeap();
      long t0 = System.nanoTime();
      ExecutionResult result = Executor.of(program).input(input).cycleLimit(ProverOptions.SEGMENT_LIMIT)
          .recording(true).run();
      long t1 = System.nanoTime();
      Rv32imMachine machine = new Rv32imMachine(program);
      List<Trace> traces = machine.traces(result);
      result.record().release();
      long t2 = System.nanoTime();
      ProvingKey pk = ProvingKey.setup(config, machine.tables());
      long t3 = System.nanoTime();
      List<PublicMessage> messages = Rv32imMachine.publicMessages(program.entry(), result.exitCode(), result.journal());
      ProverTimings timings = new ProverTimings();
      byte[] proof = Prover.prove(pk, traces, messages, timings).toBytes();
      long t4 = System.nanoTime();
      long peak = ProofBenchmark.peakHeap();
      try {
        Verifier.verify(pk.verifyingKey(), machine.publicValues(), messages, proof, 100);
      } catch (VerificationException e) {
        System.err.println("rivet: error: the proof did not verify: " + e.getMessage());
        return 1;
      }
      long t5 = System.nanoTime();
      long cycles = result.cycles();
      double seconds = ((t2 - t0) + (t4 - t3)) / 1e9;
      System.out.printf("2^%d cycles: %.1f kHz, peak heap %.2f GB, proof %d KB, verify %d ms, %.1f cells/cycle%n",
          logCycles, cycles / seconds / 1e3, peak / 1e9, proof.length / 1000, (t5 - t4) / 1_000_000,
          cells(pk.verifyingKey(), traces) / (double) cycles);
      System.out.printf("    %,d cycles (%,d rounds); execute %.2f s, trace %.2f s, setup %.2f s (not counted), "
          + "prove %.2f s%n", cycles, rounds, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
      timings.millis().forEach((phase, ms) -> System.out.printf("    %-28s %8.0f ms%n", phase, ms));
    }
    return 0;
  }

  /**
   * Rounds of the guest's loop whose run takes at most {@code target} cycles, from two calibration runs; rounds
   * differ a little in length (a division every 16), so the estimate is rounded down and checked.
   */
  private static int roundsFor(Program program, long target) {
    long small = cycles(program, 100);
    double perRound = (cycles(program, 1100) - small) / 1000.0;
    int rounds = (int) Math.max(1, (target - small) / perRound + 100);
    while (rounds > 1 && cycles(program, rounds) > target) {
      rounds -= 16;
    }
    return rounds;
  }

  private static long cycles(Program program, int rounds) {
    byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(rounds).array();
    return Executor.of(program).input(input).run().cycles();
  }

  /** Committed main and LogUp cells of every table. */
  private static long cells(VerifyingKey vk, List<Trace> traces) {
    long sum = 0;
    for (int t = 0; t < traces.size(); t++) {
      CommittedColumns c = CommittedColumns.ofTable(vk, t);
      sum += (long) traces.get(t).height() * (c.main() + c.logUp());
    }
    return sum;
  }
}
