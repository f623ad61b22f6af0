package dev.rivet.cli;

import dev.rivet.receipt.ImageId;
import dev.rivet.receipt.Receipt;
import dev.rivet.receipt.VerifyOptions;
import dev.rivet.stark.VerificationException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rivet verify RECEIPT --image-id HEX}: checks a receipt against the image ID the verifier expects. Exit
 * status 0 only for a valid receipt of that image with exit code 0 (or any exit code with
 * {@code --allow-nonzero-exit}); otherwise one line on stderr with the reason and exit status 1, whatever the
 * reason: an unreadable or malformed receipt, another image, a rejected seal.
 *
 * <p>Verifying loads no circuit class: the receipt carries the verifying key, whose digest the image ID binds.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a receipt against the expected image ID (exit status 0 only if it is valid).")
public final class VerifyCommand implements Callable<Integer> {
  /** Receipts larger than this are refused unread: a seal is a few megabytes at most. */
  static final int MAX_RECEIPT_BYTES = 1 << 30;

  @Parameters(paramLabel = "RECEIPT", description = "The receipt file (`rivet prove -o`).")
  Path receipt;

  @Option(names = "--image-id", required = true, paramLabel = "HEX",
      description = "The image ID the receipt must be for (64 hex digits, `rivet image-id`).")
  String imageId;

  @Option(names = "--allow-nonzero-exit", description = "Accept a guest that halted with a nonzero exit code.")
  boolean allowNonzeroExit;

  @Option(names = "--required-bits", paramLabel = "BITS", defaultValue = "100",
      description = "The least soundness accepted, in bits (default: ${DEFAULT-VALUE}).")
  double requiredBits;

  @Override
  public Integer call() {
    try {
      ImageId expected = ImageId.parse(imageId.trim().toLowerCase(Locale.ROOT));
      if (!(requiredBits >= 0) || Double.isInfinite(requiredBits)) {
        return rejected("--required-bits must be a finite number ≥ 0, not " + requiredBits);
      }
      Receipt r = Receipt.fromBytes(CliFiles.read(receipt, MAX_RECEIPT_BYTES, "a receipt"));
      VerifyOptions options = VerifyOptions.DEFAULT.withRequiredBits(requiredBits);
      r.verify(expected, allowNonzeroExit ? options.allowingNonzeroExit() : options);
      System.out.println("verified: " + receipt + " (image " + expected + ", exit code " + r.claim().exitCode()
          + ", journal " + r.claim().journalLength() + " bytes)");
      return 0;
    } catch (CliFiles.Refusal | IllegalArgumentException e) {
      return rejected(e.getMessage());
    } catch (VerificationException e) {
      return rejected(e.getMessage());
    }
  }

  private int rejected(String reason) {
    System.err.println("rivet: receipt rejected: " + reason);
    return 1;
  }
}
