package dev.rivet.cli;

import dev.rivet.exec.Program;
import dev.rivet.exec.elf.ElfException;
import dev.rivet.host.GuestProver;
import dev.rivet.host.ProgressEvent;
import dev.rivet.host.UnprovableRunException;
import dev.rivet.receipt.Receipt;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rivet prove GUEST.elf [--input FILE] -o RECEIPT}: runs a guest, proves the run and writes its receipt.
 *
 * <p>Progress goes to stderr, one line per phase (phase, percent, elapsed), unless {@code --quiet}; the summary
 * (image ID, exit code, journal, cycles, sizes) goes to stderr too. Exit status 0 with a receipt written; 2, with
 * one line, when there is none: an unreadable or malformed ELF or input, a guest that trapped, ran past the cycle
 * limit or made an ECALL that has no circuit. The receipt file is written only when the proof is complete.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Run a guest and prove it: write a receipt (image ID, exit code, journal and seal).")
public final class ProveCommand implements Callable<Integer> {
  @Parameters(paramLabel = "GUEST.elf", description = "The guest executable (32-bit RISC-V ELF).")
  Path guest;

  @Option(names = "--input", paramLabel = "FILE", description = "Private input the guest reads.")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "RECEIPT", description = "Where to write the receipt.")
  Path output;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    try {
      Program program = CliFiles.load(guest);
      byte[] in = input == null ? new byte[0] : CliFiles.readInput(input);
      GuestProver prover = new GuestProver();
      Receipt receipt = prover.prove(program, in, quiet ? event -> { } : event -> progress(err, event));
      byte[] bytes = receipt.toBytes();
      Path tmp = output.resolveSibling(output.getFileName() + ".partial");
      Files.write(tmp, bytes);
      Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      ReceiptCommand.describe(receipt, bytes.length, err);
      err.println("rivet: receipt written to " + output);
      return 0;
    } catch (CliFiles.Refusal | ElfException | UnprovableRunException e) {
      err.println("rivet: error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("rivet: error: " + CliFiles.cannotRead(output, e));
      return 2;
    }
  }

  private static void progress(PrintStream err, ProgressEvent event) {
    err.printf("rivet: [%3d%%] %-28s %7.1f s%n", Math.round(event.fraction() * 100), event.phase(),
        event.elapsedMillis() / 1e3);
  }
}
