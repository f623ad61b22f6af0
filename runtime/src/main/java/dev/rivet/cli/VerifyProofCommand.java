package dev.rivet.cli;

import dev.rivet.stark.MalformedProofException;
import dev.rivet.stark.VerificationException;
import dev.rivet.stark.Verifier;
import dev.rivet.stark.VerifyingKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivet verify-proof}: verifies a proof file against a verifying key file and a public values file (see
 * {@link PublicValuesFile}), from their bytes alone: no circuit code is loaded, so a verifier can run with the
 * dsl and runtime modules only. Exit status 0 when the proof verifies, 1 when it is rejected, 2 when an input
 * cannot be read as what it should be (a missing, empty, truncated or padded file, another format version, a
 * malformed key or public values file), each with one line on stderr.
 *
 * <p>{@link #main} runs the command on its own, for a verifier with only the dsl, runtime and picocli jars on its
 * class path ({@code java -cp … dev.rivet.cli.VerifyProofCommand --key …}): {@code rivet}'s other commands
 * reference the circuits, which such a class path lacks.
 */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
    description = "Verify a proof against a verifying key and public values (files as `rivet demo-tables --out` writes).")
public final class VerifyProofCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The verifying key.")
  Path key;

  @Option(names = "--proof", required = true, paramLabel = "FILE", description = "The proof.")
  Path proof;

  @Option(names = "--publics", paramLabel = "FILE",
      description = "The public values, one line per table (needed if any table takes public values).")
  Path publics;

  @Option(names = "--required-bits", paramLabel = "BITS", defaultValue = "100",
      description = "The least soundness accepted, in bits, of every term (default: ${DEFAULT-VALUE}).")
  double requiredBits;

  @Override
  public Integer call() {
    VerifyingKey vk;
    List<int[]> values;
    byte[] bytes;
    try {
      try {
        vk = VerifyingKey.fromBytes(Files.readAllBytes(key));
      } catch (IllegalArgumentException e) {
        return error(key + ": " + e.getMessage());
      }
      try {
        values = PublicValuesFile.read(vk, publics == null ? null : Files.readString(publics));
      } catch (IllegalArgumentException e) {
        return error((publics == null ? "" : publics + ": ") + e.getMessage());
      }
      bytes = Files.readAllBytes(proof);
    } catch (NoSuchFileException e) {
      return error("no such file: " + e.getFile());
    } catch (IOException e) {
      return error(e.toString());
    }
    if (!(requiredBits >= 0) || Double.isInfinite(requiredBits)) {
      return error("--required-bits must be a finite number ≥ 0, not " + requiredBits);
    }
    try {
      Verifier.verify(vk, values, bytes, requiredBits);
    } catch (MalformedProofException e) {
      return error(proof + ": " + e.getMessage());
    } catch (VerificationException e) {
      System.err.println("rivet: proof rejected: " + e.getMessage());
      return 1;
    }
    System.out.println("verified: " + proof + " (key " + vk.digestHex() + ")");
    return 0;
  }

  /** Runs {@code verify-proof} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyProofCommand()).execute(args));
  }

  private static int error(String message) {
    System.err.println("rivet: error: " + message);
    return 2;
  }
}
