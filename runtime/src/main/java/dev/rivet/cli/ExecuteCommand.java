package dev.rivet.cli;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import dev.rivet.exec.TrapException;
import dev.rivet.exec.ecall.EcallRegistry;
import dev.rivet.exec.elf.ElfException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rivet execute GUEST.elf}: runs a guest and reports how it ended.
 *
 * <p>The guest's stdout and stderr pass through to ours; the report (journal, exit code, cycles,
 * speed) goes to stderr, so that redirecting stdout captures exactly the guest's output. The exit
 * status is 0 when the guest halted with code 0, 1 when it halted with another code, and 2 when
 * it could not run (unreadable or malformed ELF, trap, cycle limit), in which case one line names
 * the problem.
 */
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    description = "Run a guest ELF in the RV32IM executor (no proof).")
public final class ExecuteCommand implements Callable<Integer> {

  @Parameters(paramLabel = "GUEST.elf", description = "The guest executable (32-bit RISC-V ELF).")
  Path guest;

  @Option(names = "--input", paramLabel = "FILE", description = "Private input the guest reads.")
  Path input;

  @Option(names = "--cycle-limit", paramLabel = "N",
      description = "Stop with an error after N instructions (default: ${DEFAULT-VALUE}).")
  long cycleLimit = Executor.DEFAULT_CYCLE_LIMIT;

  @Option(names = "--record", description = "Also keep the execution record proving needs.")
  boolean record;

  @Option(names = "--bench",
      description = "Benchmark: run repeatedly (guest output discarded) and report MIPS without"
          + " and with recording.")
  boolean bench;

  private final EcallRegistry ecalls;

  /** The command as {@code rivet} runs it: guests get Rivet's standard ECALLs. */
  public ExecuteCommand() {
    this(EcallRegistry.standard());
  }

  /** The command with other ECALLs; tests use it to show how a failing handler is reported. */
  ExecuteCommand(EcallRegistry ecalls) {
    this.ecalls = ecalls;
  }

  @Override
  public Integer call() {
    PrintStream err = System.err;
    try {
      if (cycleLimit < 0) {
        throw new CliFiles.Refusal("--cycle-limit is " + cycleLimit + "; it must be 0 or more");
      }
      Program program = CliFiles.load(guest);
      byte[] in = input == null ? new byte[0] : CliFiles.readInput(input);
      if (bench) {
        new ExecutorBenchmark(program, in, cycleLimit, err).run();
        return 0;
      }
      Executor executor = Executor.of(program).input(in).cycleLimit(cycleLimit).recording(record)
          .ecalls(ecalls).stdout(System.out).stderr(err);
      long start = System.nanoTime();
      ExecutionResult result = executor.run();
      long nanos = System.nanoTime() - start;
      System.out.flush();
      report(result, nanos, err);
      return result.exitCode() == 0 ? 0 : 1;
    } catch (CliFiles.Refusal | ElfException | TrapException e) {
      System.out.flush();
      err.println("rivet: error: " + e.getMessage());
      return 2;
    }
  }

  private void report(ExecutionResult result, long nanos, PrintStream err) {
    byte[] journal = result.journal();
    err.printf("rivet: journal: %d bytes%s%n", journal.length,
        journal.length == 0 ? "" : ": " + HexFormat.of().formatHex(journal));
    if (journal.length > 0 && CliFiles.isPrintable(journal)) {
      err.printf("rivet: journal text: %s%n", new String(journal, StandardCharsets.UTF_8));
    }
    err.printf("rivet: exit code: %d%n", result.exitCode());
    err.printf("rivet: %,d cycles in %.3f s (%.1f MIPS)%s%n", result.cycles(), nanos / 1e9,
        result.cycles() * 1e3 / Math.max(nanos, 1), record ? ", recorded" : "");
  }
}
