package dev.rivet.cli;

import dev.rivet.receipt.Claim;
import dev.rivet.receipt.Receipt;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rivet receipt RECEIPT}: prints what a receipt claims (image ID, exit code, journal in hex and, where
 * printable, as text), its cycles and its sizes. It does not verify: {@code rivet verify} does. Exit status 2 with
 * one line for an unreadable or malformed receipt.
 */
@Command(name = "receipt", mixinStandardHelpOptions = true,
    description = "Print a receipt's claim (image ID, exit code, journal), cycles and proof size; no verification.")
public final class ReceiptCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RECEIPT", description = "The receipt file (`rivet prove -o`).")
  Path receipt;

  @Override
  public Integer call() {
    try {
      byte[] bytes = CliFiles.read(receipt, VerifyCommand.MAX_RECEIPT_BYTES, "a receipt");
      describe(Receipt.fromBytes(bytes), bytes.length, System.out);
      return 0;
    } catch (CliFiles.Refusal | IllegalArgumentException e) {
      System.err.println("rivet: error: " + receipt + ": " + e.getMessage());
      return 2;
    }
  }

  /** Writes the receipt's claim and sizes, one field per line. */
  static void describe(Receipt receipt, int size, PrintStream out) {
    Claim claim = receipt.claim();
    byte[] journal = claim.journal();
    out.println("image id:     " + claim.imageId());
    out.println("exit code:    " + claim.exitCode());
    out.println("journal:      " + journal.length + " bytes" + (journal.length == 0 ? ""
        : ": " + HexFormat.of().formatHex(journal)));
    if (journal.length > 0 && CliFiles.isPrintable(journal)) {
      out.println("journal text: " + new String(journal, StandardCharsets.US_ASCII));
    }
    out.printf("cycles:       %,d%n", receipt.cycles());
    out.printf("proof size:   %,d bytes (receipt %,d bytes)%n", receipt.seal().length, size);
  }
}
