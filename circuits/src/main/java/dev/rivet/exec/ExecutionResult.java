package dev.rivet.exec;

/**
 * How a guest ended: the exit code it halted with, the cycles it took, the journal it committed,
 * its final registers and memory, and the execution record when one was requested.
 */
public final class ExecutionResult {
  private final int exitCode;
  private final long cycles;
  private final byte[] journal;
  private final int[] registers;
  private final int pc;
  private final Memory memory;
  private final ExecutionRecord record;

  ExecutionResult(int exitCode, long cycles, byte[] journal, int[] registers, int pc,
      Memory memory, ExecutionRecord record) {
    this.exitCode = exitCode;
    this.cycles = cycles;
    this.journal = journal;
    this.registers = registers;
    this.pc = pc;
    this.memory = memory;
    this.record = record;
  }

  /** The value the guest passed to the halt ECALL. */
  public int exitCode() {
    return exitCode;
  }

  /** Instructions executed, the halting ECALL included. */
  public long cycles() {
    return cycles;
  }

  /** The bytes the guest committed, in order. */
  public byte[] journal() {
    return journal.clone();
  }

  /** Register {@code x<index>} when the guest halted. */
  public int register(int index) {
    return registers[index];
  }

  /** The pc after the halting ECALL. */
  public int pc() {
    return pc;
  }

  /** User memory when the guest halted. */
  public Memory memory() {
    return memory;
  }

  /**
   * The execution record.
   *
   * @throws IllegalStateException if the execution was not recorded
   */
  public ExecutionRecord record() {
    if (record == null) {
      throw new IllegalStateException("this execution was not recorded; use Executor.recording(true)");
    }
    return record;
  }

  @Override
  public String toString() {
    return "ExecutionResult[exitCode=" + exitCode + ", cycles=" + cycles + ", journal="
        + journal.length + " bytes]";
  }
}
