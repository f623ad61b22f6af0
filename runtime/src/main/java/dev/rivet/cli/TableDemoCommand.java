package dev.rivet.cli;

import dev.rivet.check.CheckReport;
import dev.rivet.check.Checker;
import dev.rivet.circuits.demo.ByteAdd;
import dev.rivet.circuits.demo.Fibonacci;
import dev.rivet.dsl.Trace;
import dev.rivet.dsl.gadgets.ByteRangeTable;
import dev.rivet.stark.Proof;
import dev.rivet.stark.Prover;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.SecurityParameters;
import dev.rivet.stark.SoundnessBudget;
import dev.rivet.stark.StarkConfig;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import dev.rivet.stark.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet demo-tables}: compiles the example circuits of the DSL (no RISC-V), fills and checks their traces,
 * proves them at the default (≥ 100-bit) preset and verifies the proofs: the framework's pipeline on its own, for
 * circuit authors. With {@code --out DIR} it also writes each proof's verifying key, proof and public values
 * ({@code NAME.key}, {@code NAME.proof}, {@code NAME.publics}) for {@code rivet verify-proof}.
 */
@Command(name = "demo-tables", mixinStandardHelpOptions = true,
    description = "Prove and verify the example circuits (Fibonacci; byte addition with a range-check table).")
final class TableDemoCommand implements Callable<Integer> {
  /** What the demo's verifier demands of every term of the soundness budget. */
  private static final double REQUIRED_BITS = 100;

  @Option(names = "--log-rows", defaultValue = "12", description = "log2 of the trace heights (default: ${DEFAULT-VALUE})")
  int logRows;

  @Option(names = "--dump", description = "print each table's AIR (columns, constraints with degrees, buses)")
  boolean dump;

  @Option(names = "--out", paramLabel = "DIR",
      description = "also write each proof's key, proof and public values into DIR, for `rivet verify-proof`")
  Path out;

  @Override
  public Integer call() {
    if (logRows < 8 || logRows > 24) {
      System.err.println("rivet demo-tables: --log-rows must be within 8..24, not " + logRows);
      return 2;
    }
    int rows = 1 << logRows;
    StarkConfig config = StarkConfig.standard();
    SecurityParameters p = config.security();
    System.out.printf("security: log blowup %d, %d queries, %d bits of query proof of work, %d bits before the "
        + "LogUp, out-of-domain, batching and folding challenges, %s; verified requiring %.0f bits of every "
        + "soundness term%n", p.logBlowup(), p.numQueries(), p.powBits(), p.challengePowBits(),
        config.hash().name(), REQUIRED_BITS);

    Fibonacci fib = new Fibonacci();
    Trace fibTrace = fib.fill(rows, 0, 1);
    boolean ok = run("fibonacci", "Fibonacci, " + rows + " rows", config, List.of(fibTrace));

    ByteAdd adder = new ByteAdd();
    ByteRangeTable bytes = new ByteRangeTable();
    ok &= run("byte-addition", "byte addition, " + rows + " rows, with a 256-row preprocessed byte table", config,
        ByteAdd.example(adder, bytes, rows, 1));
    return ok ? 0 : 1;
  }

  private boolean run(String name, String what, StarkConfig config, List<Trace> traces) {
    System.out.println("== " + what);
    if (dump) {
      traces.forEach(t -> System.out.println(t.table().dump()));
    }
    CheckReport report = Checker.check(traces);
    if (!report.ok()) {
      System.out.println("  check FAILED:\n" + report);
      return false;
    }
    long t0 = System.nanoTime();
    ProvingKey pk = ProvingKey.setup(config, traces.stream().map(Trace::table).toList());
    long t1 = System.nanoTime();
    Proof proof = Prover.prove(pk, traces);
    long t2 = System.nanoTime();
    byte[] bytes = proof.toBytes();
    List<int[]> publics = traces.stream().map(t -> t.publicValues().clone()).toList();
    try {
      Verifier.verify(pk.verifyingKey(), publics, bytes, REQUIRED_BITS);
    } catch (VerificationException e) {
      System.out.println("  verification FAILED: " + e.getMessage());
      return false;
    }
    long t3 = System.nanoTime();
    SoundnessBudget budget = SoundnessBudget.of(pk.verifyingKey(), proof);
    System.out.printf("  checked, proved and verified at %.1f bits (weakest term: %s): setup %.0f ms, prove %.0f ms, "
        + "verify %.0f ms, proof %,d bytes%n", budget.bits(), budget.weakest().name(), (t1 - t0) / 1e6,
        (t2 - t1) / 1e6, (t3 - t2) / 1e6, bytes.length);
    return out == null || write(name, pk.verifyingKey(), bytes, publics);
  }

  private boolean write(String name, VerifyingKey vk, byte[] proof, List<int[]> publics) {
    try {
      Files.createDirectories(out);
      Files.write(out.resolve(name + ".key"), vk.toBytes());
      Files.write(out.resolve(name + ".proof"), proof);
      Files.writeString(out.resolve(name + ".publics"), PublicValuesFile.write(vk, publics));
    } catch (IOException e) {
      System.err.println("rivet: error: cannot write into " + out + ": " + e);
      return false;
    }
    System.out.printf("  wrote %s.key (key %s), %s.proof, %s.publics to %s%n", name, vk.digestHex(), name, name, out);
    return true;
  }
}
