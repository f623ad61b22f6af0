package dev.rivet.host;

import dev.rivet.circuits.rv32im.Rv32imMachine;
import dev.rivet.dsl.Trace;
import dev.rivet.exec.ExecutionResult;
import dev.rivet.exec.Executor;
import dev.rivet.exec.Program;
import dev.rivet.exec.TrapCause;
import dev.rivet.exec.TrapException;
import dev.rivet.receipt.CodeRegion;
import dev.rivet.receipt.ImageId;
import dev.rivet.receipt.Receipt;
import dev.rivet.receipt.VerifyOptions;
import dev.rivet.stark.Proof;
import dev.rivet.stark.Prover;
import dev.rivet.stark.ProverTimings;
import dev.rivet.stark.ProvingKey;
import dev.rivet.stark.SoundnessBudget;
import java.util.List;

/**
 * Proves guests: executes an RV32IM program on its input, refuses a run that cannot have a receipt, proves the run
 * with the program's {@link Rv32imMachine} and returns the {@link Receipt}.
 *
 * <pre>{@code
 * Program program = Program.load(Path.of("hello.elf"));
 * GuestProver prover = new GuestProver();
 * Receipt receipt = prover.prove(program, input);
 * receipt.verify(prover.imageId(program));   // a verifier needs only the receipt and the image ID
 * }</pre>
 *
 * <p><b>Refused runs</b> ({@link UnprovableRunException}, before any proving work): a guest that traps (its
 * executor message is the reason), a run longer than {@link ProverOptions#maxCycles()}, an instruction or ECALL the
 * machine has no circuit for.
 *
 * <p><b>Cancellation.</b> Interrupting the proving thread stops the executor and the prover at their next check
 * (the prover checks at each phase's end) with a {@link java.util.concurrent.CancellationException}.
 *
 * <p>A prover holds no state between proofs; it is safe to share between threads.
 */
public final class GuestProver {
  /** Share of the time spent before the STARK prover starts, for progress estimates. */
  private static final double EXECUTE = 0.05;
  private static final double TRACE = 0.15;
  private static final double SETUP = 0.2;
  /** What a receipt's verifier requires of every soundness term by default. */
  private static final double REQUIRED_BITS = VerifyOptions.DEFAULT.requiredBits();

  private final ProverOptions options;

  /** A prover with {@link ProverOptions#DEFAULT}. */
  public GuestProver() {
    this(ProverOptions.DEFAULT);
  }

  /** A prover with {@code options}. */
  public GuestProver(ProverOptions options) {
    this.options = options;
  }

  /** The options. */
  public ProverOptions options() {
    return options;
  }

  /**
   * The image ID of {@code program} under this prover's configuration: the digest of the machine's verifying key,
   * the commitment to the program's preprocessed tables, the entry pc and the code region. Costs the commitment to
   * the preprocessed tables (about a second).
   */
  public ImageId imageId(Program program) {
    Rv32imMachine machine = new Rv32imMachine(program);
    return ImageId.of(ProvingKey.setup(options.config(), machine.tables()).verifyingKey(), program.entry(),
        codeRegion(program));
  }

  /** Proves {@code program}'s run on {@code input}. */
  public Receipt prove(Program program, byte[] input) {
    return prove(program, input, ProgressListener.NONE);
  }

  /**
   * Proves {@code program}'s run on {@code input}, reporting each phase to {@code listener}.
   *
   * @throws UnprovableRunException if the run cannot have a receipt (see the class comment)
   */
  public Receipt prove(Program program, byte[] input, ProgressListener listener) {
    long start = System.nanoTime();
    Progress progress = new Progress(listener, start);
    ExecutionResult result = execute(program, input);
    progress.ended("execute", EXECUTE);
    Rv32imMachine machine = new Rv32imMachine(program);
    List<Trace> traces;
    try {
      traces = machine.traces(result);
    } catch (IllegalArgumentException e) {
      throw new UnprovableRunException(e.getMessage(), e);
    } finally {
      result.record().release();
    }
    progress.ended("trace", TRACE);
    ProvingKey pk = ProvingKey.setup(options.config(), machine.tables());
    requireSound(pk, traces);
    progress.ended("setup", SETUP);
    ProverTimings timings = new ProverTimings(progress::proverPhaseEnded);
    Proof proof = Prover.prove(pk, traces,
        Rv32imMachine.publicMessages(program.entry(), result.exitCode(), result.journal()), timings);
    Receipt receipt = Receipt.of(pk.verifyingKey(), program.entry(), codeRegion(program), result.exitCode(),
        result.journal(), proof.toBytes(), result.cycles());
    progress.ended("done", 1);
    return receipt;
  }

  private static CodeRegion codeRegion(Program program) {
    return new CodeRegion(program.codeStart(), program.codeEnd());
  }

  /**
   * Refuses to prove a statement whose proof would fall below the bits a receipt's verifier demands by default
   * ({@link VerifyOptions#DEFAULT}): the LogUp and batching terms shrink as the traces grow, so a long enough run could produce a
   * receipt that every default verifier rejects. Better said now, in one line, than after minutes of proving.
   */
  private static void requireSound(ProvingKey pk, List<Trace> traces) {
    int[] logHeights = traces.stream().mapToInt(t -> Integer.numberOfTrailingZeros(t.height())).toArray();
    SoundnessBudget budget = SoundnessBudget.of(pk.verifyingKey(), logHeights);
    if (budget.bits() < REQUIRED_BITS) {
      throw new UnprovableRunException(String.format("a proof of this run would have %.1f bits of soundness (weakest "
          + "term: %s), below the %.0f a receipt's verifier requires; prove with more grinding (ProverOptions)",
          budget.bits(), budget.weakest().name(), REQUIRED_BITS));
    }
  }

  private ExecutionResult execute(Program program, byte[] input) {
    try {
      return Executor.of(program).input(input).cycleLimit(options.maxCycles()).recording(true).run();
    } catch (TrapException e) {
      if (e.trapCause() == TrapCause.CYCLE_LIMIT) {
        throw new UnprovableRunException(String.format("the run takes more than %,d cycles, the most one proof "
            + "holds; it was stopped at pc 0x%08x", options.maxCycles(), e.pc()), e);
      }
      throw new UnprovableRunException("the guest trapped, so its run has no receipt: " + e.getMessage(), e);
    }
  }

  /** Turns phase ends into events with elapsed times. */
  private static final class Progress {
    private final ProgressListener listener;
    private final long start;
    private int proverPhase = -1;

    Progress(ProgressListener listener, long start) {
      this.listener = listener;
      this.start = start;
    }

    void ended(String phase, double fraction) {
      listener.onProgress(new ProgressEvent(phase, fraction, (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * A prover phase ended. Per-table phases end once per table and interleave (each table's LogUp trace, then its
     * LDE), so only a phase later than any reported yet is reported: one event per phase, in order.
     */
    void proverPhaseEnded(String phase) {
      int index = Prover.PHASES.indexOf(phase);
      if (index > proverPhase) {
        proverPhase = index;
        ended(phase, SETUP + (1 - SETUP) * (index + 1) / Prover.PHASES.size());
      }
    }
  }
}
