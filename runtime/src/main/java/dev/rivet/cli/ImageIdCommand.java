package dev.rivet.cli;

import dev.rivet.exec.elf.ElfException;
import dev.rivet.host.GuestProver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rivet image-id GUEST.elf}: prints the guest's image ID, the 64 hex digits a verifier expects a receipt
 * of this guest to carry. Exit status 2, with one line, for an unreadable or malformed ELF.
 */
@Command(name = "image-id", mixinStandardHelpOptions = true,
    description = "Print a guest's image ID (what `rivet verify --image-id` expects).")
public final class ImageIdCommand implements Callable<Integer> {
  @Parameters(paramLabel = "GUEST.elf", description = "The guest executable (32-bit RISC-V ELF).")
  Path guest;

  @Override
  public Integer call() {
    try {
      System.out.println(new GuestProver().imageId(CliFiles.load(guest)));
      return 0;
    } catch (CliFiles.Refusal | ElfException | IllegalArgumentException e) {
      System.err.println("rivet: error: " + e.getMessage());
      return 2;
    }
  }
}
