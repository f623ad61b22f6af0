package dev.rivet.exec;

/** Why a guest stopped without halting. Each cause ends execution; there are no trap handlers. */
public enum TrapCause {
  ILLEGAL_INSTRUCTION("illegal instruction"),
  /** The pc left the code region: a jump into data, or running off the end of the code. */
  FETCH_OUTSIDE_CODE("instruction fetch outside the code region"),
  MISALIGNED_JUMP("misaligned jump target"),
  MISALIGNED_LOAD("misaligned load"),
  MISALIGNED_STORE("misaligned store"),
  /** A load from the invalid page or kernel memory. */
  LOAD_OUTSIDE_USER_MEMORY("load outside user memory"),
  /** A store to the invalid page or kernel memory. */
  STORE_OUTSIDE_USER_MEMORY("store outside user memory"),
  /** Code is read-only: see {@link Program}. */
  STORE_TO_CODE("store to the read-only code region"),
  EBREAK("breakpoint (EBREAK)"),
  UNKNOWN_ECALL("unknown ECALL"),
  /** An ECALL whose arguments its handler refused (e.g. a buffer outside user memory). */
  ECALL_FAULT("bad ECALL arguments"),
  /**
   * An ECALL handler that threw instead of returning or refusing its arguments (a bug in the
   * handler, or a host failure such as output that could not be written).
   */
  ECALL_FAILED("ECALL handler failed"),
  CYCLE_LIMIT("cycle limit reached");

  private final String description;

  TrapCause(String description) {
    this.description = description;
  }

  /** A short phrase for messages, e.g. "misaligned load". */
  public String description() {
    return description;
  }
}
