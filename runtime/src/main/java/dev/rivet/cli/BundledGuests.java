package dev.rivet.cli;

import dev.rivet.exec.Program;
import dev.rivet.exec.elf.ElfLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The example guests packed into the runnable jar (examples/guests/prebuilt, by runtime's pom), for the commands
 * that prove a guest without being given one: {@code demo} and {@code bench-prove}.
 */
final class BundledGuests {
  private BundledGuests() {}

  /** The bundled guest {@code name} ("fibonacci", "bench", …). */
  static Program load(String name) {
    String resource = name + ".elf";
    try (InputStream in = BundledGuests.class.getResourceAsStream("/dev/rivet/guests/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no bundled guest " + resource + "; rebuild it (mvn package)");
      }
      return Program.of(ElfLoader.load(resource, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
