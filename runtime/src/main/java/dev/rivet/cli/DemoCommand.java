package dev.rivet.cli;

import dev.rivet.check.CheckReport;
import dev.rivet.check.Checker;
import dev.rivet.circuits.examples.ByteAdd;
import dev.rivet.circuits.examples.ByteTable;
import dev.rivet.circuits.examples.Fibonacci;
import dev.rivet.dsl.Trace;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet demo}: compiles the example circuits, fills their traces, checks them and prints their AIR dumps.
 * The README's first command, so a newcomer sees the whole pipeline on defaults.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Compile, fill and check the example circuits (Fibonacci; byte addition with a range-check table).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--log-rows", defaultValue = "10", description = "log2 of the trace heights (default: ${DEFAULT-VALUE})")
  int logRows;

  @Override
  public Integer call() {
    if (logRows < 1 || logRows > 24) {
      System.err.println("rivet demo: --log-rows must be within 1..24, not " + logRows);
      return 2;
    }
    int rows = 1 << logRows;
    Fibonacci fib = new Fibonacci();
    Trace fibTrace = fib.fill(rows, 0, 1);
    boolean ok = report("Fibonacci, " + rows + " rows", List.of(fibTrace));
    System.out.println("  result F(" + rows + ") mod p = " + fibTrace.getPublic(fib.result));
    System.out.println(fib.table().dump());

    ByteAdd adder = new ByteAdd();
    ByteTable bytes = new ByteTable();
    List<Trace> traces = ByteAdd.example(adder, bytes, rows, 1);
    ok &= report("byte addition (" + rows + " rows) with a 256-row byte table", traces);
    System.out.println(adder.table().dump());
    System.out.println(bytes.table().dump());
    return ok ? 0 : 1;
  }

  private static boolean report(String what, List<Trace> traces) {
    long start = System.nanoTime();
    CheckReport report = Checker.check(traces);
    long micros = (System.nanoTime() - start) / 1000;
    System.out.println("== " + what + ": " + (report.ok() ? "all constraints hold, all buses balance" : "FAILED")
        + " (checked in " + micros / 1000.0 + " ms)");
    if (!report.ok()) {
      System.out.println(report);
    }
    return report.ok();
  }
}
