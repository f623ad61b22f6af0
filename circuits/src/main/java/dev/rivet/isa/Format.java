package dev.rivet.isa;

/**
 * The six RV32I instruction encodings. The format says which register fields an instruction
 * reads and writes and where its immediate bits live, which is what both the interpreter and the
 * register part of the memory argument need to know.
 */
public enum Format {
  /** Register–register: reads rs1 and rs2, writes rd. */
  R(true, true, true),
  /** Immediate: reads rs1, writes rd (loads, JALR, ALU-immediate, FENCE and the system ops). */
  I(true, false, true),
  /** Store: reads rs1 (base) and rs2 (value), writes no register. */
  S(true, true, false),
  /** Branch: reads rs1 and rs2, writes no register. */
  B(true, true, false),
  /** Upper immediate: writes rd only. */
  U(false, false, true),
  /** Jump: writes rd only. */
  J(false, false, true);

  private final boolean readsRs1;
  private final boolean readsRs2;
  private final boolean writesRd;

  Format(boolean readsRs1, boolean readsRs2, boolean writesRd) {
    this.readsRs1 = readsRs1;
    this.readsRs2 = readsRs2;
    this.writesRd = writesRd;
  }

  public boolean readsRs1() {
    return readsRs1;
  }

  public boolean readsRs2() {
    return readsRs2;
  }

  public boolean writesRd() {
    return writesRd;
  }
}
