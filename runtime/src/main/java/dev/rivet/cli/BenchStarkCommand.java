package dev.rivet.cli;

import dev.rivet.air.AirTable;
import dev.rivet.circuits.demo.Synthetic;
import dev.rivet.circuits.demo.SyntheticMachine;
import dev.rivet.dsl.Chip;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.hash.Poseidon2Hash;
import dev.rivet.stark.hash.Sha256Hash;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rivet bench-stark}: proves a synthetic AIR of the given width and height (degree-3 constraints, one bus),
 * or with {@code --machine} the 20-table {@link SyntheticMachine}, and prints prove time with its phases, verify
 * time, proof size, peak heap and the columns committed per phase. A benchmark, not a test: run it on a quiet
 * machine and quote the command with the figures.
 */
@Command(name = "bench-stark", mixinStandardHelpOptions = true,
    description = "Benchmark the STARK prover on a synthetic AIR (degree-3 constraints, one bus), or on a synthetic "
        + "machine of 20 tables (--machine).")
final class BenchStarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--machine", description = "prove the synthetic machine: 20 tables of 2^10 to 2^20 rows, 298 "
      + "interactions on 4 buses, degree 3 (instead of one table of --log-rows x --width)")
  boolean machine;

  @Option(names = "--log-rows", defaultValue = "16", description = "log2 of the height (default: ${DEFAULT-VALUE})")
  int logRows;

  @Option(names = "--width", defaultValue = "100", description = "columns (default: ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--hash", defaultValue = "sha256", description = "sha256 or poseidon2 (default: ${DEFAULT-VALUE})")
  String hash;

  @Mixin ProofBenchmark.Options bench;

  @Override
  public Integer call() throws VerificationException {
    if (machine && (spec.commandLine().getParseResult().hasMatchedOption("--log-rows")
        || spec.commandLine().getParseResult().hasMatchedOption("--width"))) {
      System.err.println("rivet bench-stark: --machine has its own heights and widths; drop --log-rows and --width");
      return 2;
    }
    // the one table is the largest, so it must reach FRI's final polynomial
    int minLogRows = Math.max(4, bench.security().logFinalPolyLen());
    if (logRows < minLogRows || logRows > 24 || width < 4 || width > 10_000 || bench.runs < 1) {
      System.err.println("rivet bench-stark: need " + minLogRows
          + " <= --log-rows <= 24, 4 <= --width <= 10000, --runs >= 1");
      return 2;
    }
    StarkConfig config = new StarkConfig(bench.security(),
        switch (hash) {
          case "sha256" -> Sha256Hash.INSTANCE;
          case "poseidon2" -> Poseidon2Hash.INSTANCE;
          default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
              "unknown --hash " + hash + " (sha256 or poseidon2)");
        });
    if (machine) {
      SyntheticMachine m = new SyntheticMachine();
      List<AirTable> tables = m.chips().stream().map(Chip::table).toList();
      ProvingKey pk = ProvingKey.setup(config, tables);
      System.out.printf("synthetic machine: %d tables of 2^10 to 2^20 rows, %d interactions on 4 buses, degree "
          + "%d%n", tables.size(), m.interactions(), tables.stream().mapToInt(AirTable::degree).max().orElse(0));
      ProofBenchmark.run("machine", config, pk, m::fill, bench.runs, bench.requiredBits());
      return 0;
    }
    Synthetic chip = new Synthetic(width);
    ProvingKey pk = ProvingKey.setup(config, List.of(chip.table()));
    System.out.printf("synthetic AIR: 2^%d rows x %d columns (degree-3 constraints, one bus)%n", logRows, width);
    ProofBenchmark.run("synthetic-2^" + logRows + "x" + width, config, pk,
        run -> List.of(chip.fill(1 << logRows, run)), bench.runs, bench.requiredBits());
    return 0;
  }
}
