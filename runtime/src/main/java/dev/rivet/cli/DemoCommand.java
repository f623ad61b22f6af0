package dev.rivet.cli;

import dev.rivet.exec.Program;
import dev.rivet.host.GuestProver;
import dev.rivet.host.UnprovableRunException;
import dev.rivet.receipt.ImageId;
import dev.rivet.receipt.Receipt;
import dev.rivet.stark.VerificationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet demo}: the product's main job on defaults, in one command. It proves a bundled example guest
 * (examples/guests/src), computes the guest's image ID separately, and verifies the receipt's bytes against it as
 * a verifier holding only those two would. The README's first command. Exit status 0 when the receipt verifies.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Prove an example guest (fibonacci by default) and verify its receipt against its image ID.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--guest", defaultValue = "fibonacci", paramLabel = "NAME",
      description = "the bundled guest: hello, fibonacci, sort, sieve, sha256 or bench (default: ${DEFAULT-VALUE})")
  String guest;

  @Override
  public Integer call() {
    Program program;
    try {
      program = BundledGuests.load(guest);
    } catch (IllegalStateException e) {
      System.err.println("rivet: error: no bundled guest '" + guest + "'");
      return 2;
    }
    GuestProver prover = new GuestProver();
    System.out.println("proving " + guest + " (examples/guests/src/" + guest + ".c) at the default preset");
    Receipt receipt;
    try {
      receipt = prover.prove(program, new byte[0], event -> System.out.printf("  [%3d%%] %-28s %7.1f s%n",
          Math.round(event.fraction() * 100), event.phase(), event.elapsedMillis() / 1e3));
    } catch (UnprovableRunException e) {
      System.err.println("rivet: error: " + e.getMessage());
      return 2;
    }
    byte[] bytes = receipt.toBytes();
    ReceiptCommand.describe(receipt, bytes.length, System.out);
    ImageId expected = prover.imageId(program);
    long start = System.nanoTime();
    try {
      Receipt.fromBytes(bytes).verify(expected);
    } catch (VerificationException e) {
      System.out.println("receipt REJECTED: " + e.getMessage());
      return 1;
    }
    System.out.printf("verified against image id %s in %d ms%n", expected, (System.nanoTime() - start) / 1_000_000);
    return 0;
  }
}
