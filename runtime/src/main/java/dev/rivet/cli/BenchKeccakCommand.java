package dev.rivet.cli;

import dev.rivet.circuits.keccak.KeccakCaller;
import dev.rivet.circuits.keccak.KeccakChip;
import dev.rivet.dsl.Trace;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.Sha256Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rivet bench-keccak}: proves N Keccak-f[1600] permutations (the chip plus the table of calls that
 * receives them) and prints rows, columns, witness, prove (with phases) and verify times, proof size, peak heap and
 * trace cells per second, the first proof (a cold JVM's) apart from the best later one. A benchmark, not a test: quote the command and the machine with the figures.
 */
@Command(name = "bench-keccak", mixinStandardHelpOptions = true,
    description = "Benchmark proving N Keccak-f[1600] permutations.")
final class BenchKeccakCommand implements Callable<Integer> {
  @Option(names = "--permutations", defaultValue = "1365", description = "N (default: ${DEFAULT-VALUE}, 2^15 rows)")
  int permutations;

  @Mixin ProofBenchmark.Options bench;

  @Override
  public Integer call() throws VerificationException {
    if (permutations < 1 || permutations > 10_000 || bench.runs < 1) {
      System.err.println("rivet bench-keccak: need 1 <= --permutations <= 10000 (up to 2^19 rows, where DEFAULT keeps 100 bits; see docs/soundness.md) and --runs >= 1");
      return 2;
    }
    StarkConfig config = new StarkConfig(bench.security(),
        Sha256Hash.INSTANCE);
    KeccakChip chip = new KeccakChip();
    KeccakCaller caller = new KeccakCaller();
    ProvingKey pk = ProvingKey.setup(config, List.of(chip.table(), caller.table()));
    System.out.printf("Keccak-f[1600] x %d: %d rows x %d columns (max degree %d), caller %d columns%n", permutations,
        KeccakChip.Companion.heightFor(permutations), chip.table().width(), chip.table().degree(),
        caller.table().width());
    ProofBenchmark.run("keccak-" + permutations, config, pk, run -> {
      SplittableRandom rng = new SplittableRandom(run);
      List<long[]> inputs = new ArrayList<>();
      for (int p = 0; p < permutations; p++) {
        long[] state = new long[25];
        for (int i = 0; i < 25; i++) {
          state[i] = rng.nextLong();
        }
        inputs.add(state);
      }
      Trace trace = chip.fill(inputs);
      List<long[]> outputs = new ArrayList<>();
      for (int p = 0; p < permutations; p++) {
        outputs.add(chip.output(trace, p));
      }
      return List.of(trace, caller.fill(inputs, outputs));
    }, bench.runs, bench.requiredBits());
    return 0;
  }
}
