package dev.rivet.exec;

import dev.rivet.exec.ecall.EcallRegistry;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Runs a {@link Program}: the entry point of the executor.
 *
 * <pre>{@code
 * ExecutionResult result = Executor.of(Program.load(Path.of("guest.elf")))
 *     .input(bytes)
 *     .stdout(System.out)
 *     .recording(true)
 *     .run();
 * }</pre>
 *
 * <p>Each {@link #run()} starts from the program's initial state, so one executor may run
 * several times (benchmarks do). The guest starts at the entry point with every register 0; the
 * guest's crt0 sets up its own stack. Output the guest writes to stdout or stderr is discarded
 * unless streams are given.
 */
public final class Executor {
  /** The default cycle limit: 2^32 instructions, a few seconds to minutes of guest time. */
  public static final long DEFAULT_CYCLE_LIMIT = 1L << 32;

  /**
   * The largest private input, 1 GiB. A Java array holds under 2 GiB, and the executor keeps its
   * own copy of the input besides the caller's, so a larger input would fail with an {@link
   * OutOfMemoryError} (or need several GiB of heap) instead of a message; and a guest has at
   * most 3 GiB of user memory to hold what it reads.
   */
  public static final int MAX_INPUT_BYTES = 1 << 30;

  private final Program program;
  private byte[] input = new byte[0];
  private OutputStream stdout = OutputStream.nullOutputStream();
  private OutputStream stderr = OutputStream.nullOutputStream();
  private EcallRegistry ecalls = EcallRegistry.standard();
  private long cycleLimit = DEFAULT_CYCLE_LIMIT;
  private boolean recording;
  private final ChunkPool recordMemory = new ChunkPool();

  private Executor(Program program) {
    this.program = Objects.requireNonNull(program, "program");
  }

  public static Executor of(Program program) {
    return new Executor(program);
  }

  /**
   * The private input the guest reads with the read ECALL.
   *
   * @throws IllegalArgumentException if it is longer than {@link #MAX_INPUT_BYTES}
   */
  public Executor input(byte[] input) {
    if (input.length > MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(String.format(
          "the input is %,d bytes, more than the executor's limit of %,d (1 GiB)", input.length,
          MAX_INPUT_BYTES));
    }
    this.input = input.clone();
    return this;
  }

  public Executor stdout(OutputStream stdout) {
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    return this;
  }

  public Executor stderr(OutputStream stderr) {
    this.stderr = Objects.requireNonNull(stderr, "stderr");
    return this;
  }

  /** The ECALLs the guest may use; {@link EcallRegistry#standard()} by default. */
  public Executor ecalls(EcallRegistry ecalls) {
    this.ecalls = Objects.requireNonNull(ecalls, "ecalls");
    return this;
  }

  /** The most instructions to execute before stopping with a {@link TrapCause#CYCLE_LIMIT} trap. */
  public Executor cycleLimit(long cycleLimit) {
    if (cycleLimit < 0) {
      throw new IllegalArgumentException("cycle limit " + cycleLimit + " is negative");
    }
    this.cycleLimit = cycleLimit;
    return this;
  }

  /**
   * Whether to keep an {@link ExecutionRecord}. Off by default: recording costs time and memory
   * (32 bytes per cycle plus 24 per memory access), and only proving needs it. A record that is
   * {@linkplain ExecutionRecord#release() released} lends its memory to this executor's next
   * recorded run, which then writes over warm memory instead of asking the system for more; the
   * executor keeps released memory until it is itself garbage.
   */
  public Executor recording(boolean recording) {
    this.recording = recording;
    return this;
  }

  /**
   * Runs the program until it halts.
   *
   * <p>Interrupting the calling thread cancels the run: within 2<sup>22</sup> cycles (a few tens
   * of milliseconds) it throws a {@link java.util.concurrent.CancellationException} naming the
   * pc, and leaves the thread's interrupt status set.
   *
   * @throws TrapException if the guest traps (including reaching the cycle limit)
   */
  public ExecutionResult run() {
    EcallDispatcher.Host host = new EcallDispatcher.Host(input, stdout, stderr, ecalls);
    Interpreter machine =
        new Interpreter(program, cycleLimit, recording ? recordMemory : null, host);
    try {
      machine.run();
    } catch (RuntimeException | Error e) {
      machine.abandonRecord();
      throw e;
    }
    return new ExecutionResult(machine.exitCode(), machine.cycle, machine.journal(),
        machine.x.clone(), machine.pc, machine.memory,
        recording ? machine.finishRecord() : null);
  }
}
