package dev.rivet.examples;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A host written in Java: loads the prebuilt Fibonacci guest, gives it n as private input, runs it and reads
 * F(n) back from the journal. Run with {@code java ... dev.rivet.examples.JavaHost [n]} from the repository root.
 */
public final class JavaHost {
  private JavaHost() {}

  /** F(n) mod 2^64 as the guest committed it, with the guest's console output captured in {@code console}. */
  public static long fibonacci(Path guests, int n, ByteArrayOutputStream console) throws IOException {
    Program program = Program.load(guests.resolve("fibonacci.elf"));
    byte[] input = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
    ExecutionResult result = Executor.of(program).input(input).stdout(console).run();
    if (result.exitCode() != 0) {
      throw new IllegalStateException("the guest exited with code " + result.exitCode());
    }
    // journal: n (4 bytes) then F(n) (8 bytes), little-endian
    return ByteBuffer.wrap(result.journal()).order(ByteOrder.LITTLE_ENDIAN).getLong(4);
  }

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 90;
    Path guests = Path.of("examples/guests/prebuilt");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    long f = fibonacci(guests, n, console);
    System.out.print(console);
    System.out.println("image " + Program.load(guests.resolve("fibonacci.elf")).imageId() + ": F(" + n + ") = "
        + Long.toUnsignedString(f));
  }
}
