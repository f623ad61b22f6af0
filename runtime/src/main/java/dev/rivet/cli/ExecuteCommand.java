package dev.rivet.cli;

import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import dev.rivet.exec.TrapException;
import dev.rivet.exec.ecall.EcallRegistry;
import dev.rivet.exec.elf.ElfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
        throw new Refusal("--cycle-limit is " + cycleLimit + "; it must be 0 or more");
      }
      Program program = load(guest);
      byte[] in = input == null ? new byte[0] : readInput(input);
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
    } catch (Refusal | ElfException | TrapException e) {
      System.out.flush();
      err.println("rivet: error: " + e.getMessage());
      return 2;
    }
  }

  /** Why the command cannot run, in one line for the user. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  private static Program load(Path elf) {
    try {
      return Program.load(elf);
    } catch (IOException e) {
      throw new Refusal(cannotRead(elf, e));
    }
  }

  /**
   * The bytes of a regular file of at most {@link Executor#MAX_INPUT_BYTES}. Anything else is
   * refused before it is opened: reading a FIFO or a device such as /dev/zero would wait or read
   * forever, and a file over 2 GiB would end in an {@link OutOfMemoryError}.
   */
  private static byte[] readInput(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new FileSystemException(file.toString(), null,
            attributes.isDirectory() ? "is a directory, not a file" : "not a regular file");
      }
      if (attributes.size() > Executor.MAX_INPUT_BYTES) {
        throw new Refusal(tooLarge(file, String.format("%,d bytes", attributes.size())));
      }
      // At most one byte past the limit, not the whole file: the size may be out of date (a file
      // growing meanwhile) or wrong (/proc files report 0).
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(Executor.MAX_INPUT_BYTES + 1);
      }
      if (bytes.length > Executor.MAX_INPUT_BYTES) {
        throw new Refusal(tooLarge(file, String.format("%,d bytes or more", bytes.length)));
      }
      return bytes;
    } catch (IOException e) {
      throw new Refusal(cannotRead(file, e));
    }
  }

  private static String tooLarge(Path file, String size) {
    return String.format("%s: %s; an input may have at most %,d bytes (1 GiB)", file, size,
        Executor.MAX_INPUT_BYTES);
  }

  /** One line naming the file and the problem; the JDK's own messages lack one or the other. */
  private static String cannotRead(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + file;
    }
    if (e instanceof AccessDeniedException) {
      return file + ": permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return file + ": " + fs.getReason();
    }
    return file + ": cannot read: " + (e.getMessage() != null ? e.getMessage() : e);
  }

  private void report(ExecutionResult result, long nanos, PrintStream err) {
    byte[] journal = result.journal();
    err.printf("rivet: journal: %d bytes%s%n", journal.length,
        journal.length == 0 ? "" : ": " + HexFormat.of().formatHex(journal));
    if (journal.length > 0 && isPrintable(journal)) {
      err.printf("rivet: journal text: %s%n", new String(journal, StandardCharsets.UTF_8));
    }
    err.printf("rivet: exit code: %d%n", result.exitCode());
    err.printf("rivet: %,d cycles in %.3f s (%.1f MIPS)%s%n", result.cycles(), nanos / 1e9,
        result.cycles() * 1e3 / Math.max(nanos, 1), record ? ", recorded" : "");
  }

  private static boolean isPrintable(byte[] bytes) {
    for (byte b : bytes) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
