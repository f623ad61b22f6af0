package dev.rivet.cli;

import dev.rivet.circuits.demo.Synthetic;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.Poseidon2Hash;
import dev.rivet.stark.hash.Sha256Hash;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--hash", defaultValue = "sha256", description = "sha256 or poseidon2 (default: ${DEFAULT-VALUE})")
  String hash;

  @Mixin ProofBenchmark.Options bench;

  @Override
  public Integer call() throws VerificationException {
    if (logRows < 4 || logRows > 24 || width < 4 || width > 10_000 || bench.runs < 1) {
      System.err.println("rivet bench-stark: need 4 <= --log-rows <= 24, 4 <= --width <= 10000, --runs >= 1");
      return 2;
    }
    StarkConfig config = new StarkConfig(bench.security(),
        switch (hash) {
          case "sha256" -> Sha256Hash.INSTANCE;
          case "poseidon2" -> Poseidon2Hash.INSTANCE;
          default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "unknown --hash " + hash + " (sha256 or poseidon2)");
        });
    Synthetic chip = new Synthetic(width);
    ProvingKey pk = ProvingKey.setup(config, List.of(chip.table()));
    System.out.printf("synthetic AIR: 2^%d rows x %d columns (degree-3 constraints, one bus)%n", logRows, width);
    ProofBenchmark.run(config, pk, run -> List.of(chip.fill(1 << logRows, run)), bench.runs, bench.requiredBits());
    return 0;
  }
}
