package dev.rivet.isa;

/**
 * One decoded instruction: the operation and its fields, with the immediate already assembled and
 * sign-extended (for shifts by an immediate, the 5-bit shift amount).
 *
 * <p>Register fields an operation does not use (see {@link Opcode#readsRs1}) are 0, so a
 * consumer may read them unconditionally: register x0 always reads as 0.
 *
 * @param opcode one of the {@link Opcode} constants
 * @param rd destination register, 0 when the format has none
 * @param rs1 first source register, 0 when the format has none
 * @param rs2 second source register, 0 when the format has none
 * @param imm the immediate, 0 for R-format operations
 */
public record Instruction(int opcode, int rd, int rs1, int rs2, int imm) {

  public Format format() {
    return Opcode.format(opcode);
  }

  @Override
  public String toString() {
    String m = Opcode.mnemonic(opcode);
    if (opcode == Opcode.FENCE || opcode == Opcode.ECALL || opcode == Opcode.EBREAK) {
      return m;
    }
    if (Opcode.accessesMemory(opcode) || opcode == Opcode.JALR) {
      int data = format() == Format.S ? rs2 : rd;
      return m + " x" + data + ", " + imm + "(x" + rs1 + ")";
    }
    return switch (format()) {
      case R -> m + " x" + rd + ", x" + rs1 + ", x" + rs2;
      case I -> m + " x" + rd + ", x" + rs1 + ", " + imm;
      case S, B -> m + " x" + rs1 + ", x" + rs2 + ", " + imm;
      case U, J -> m + " x" + rd + ", " + imm;
    };
  }
}
