package dev.rivet.exec;

/**
 * A guest that stopped on an exception rather than halting. The message names the pc, the cycle,
 * the cause and the detail, e.g. {@code trap at pc 0x00010124 (cycle 57): misaligned load:
 * address 0x00020002 is not 4-aligned (lw x5, 2(x6))}. A trap caused by an ECALL handler that
 * threw ({@link TrapCause#ECALL_FAILED}) has that exception as its {@linkplain #getCause() cause}.
 */
public final class TrapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TrapCause cause;
  private final int pc;
  private final long cycle;

  TrapException(TrapCause cause, int pc, long cycle, String detail) {
    this(cause, pc, cycle, detail, null);
  }

  TrapException(TrapCause cause, int pc, long cycle, String detail, Throwable reason) {
    super(String.format("trap at pc 0x%08x (cycle %d): %s%s", pc, cycle, cause.description(),
        detail.isEmpty() ? "" : ": " + detail), reason);
    this.cause = cause;
    this.pc = pc;
    this.cycle = cycle;
  }

  /** Why execution stopped. */
  public TrapCause trapCause() {
    return cause;
  }

  /** The pc of the instruction that trapped. */
  public int pc() {
    return pc;
  }

  /** The number of instructions completed before the one that trapped. */
  public long cycle() {
    return cycle;
  }
}
