package dev.rivet.circuits.rv32im;

import dev.rivet.exec.Program;
import dev.rivet.isa.Decoder;
import dev.rivet.isa.Instruction;

/**
 * The program's code decoded once, as parallel arrays indexed by code word, for the trace fillers: they look an
 * executed pc up here instead of decoding its word again on every cycle, which would allocate an
 * {@link Instruction} per cycle in the hot loop. Words that are not instructions have opcode
 * {@link Decoder#ILLEGAL}; the executor never runs them.
 */
public final class DecodedCode {
  private final int codeStart;
  private final int[] opcode;
  private final int[] rd;
  private final int[] rs1;
  private final int[] rs2;
  private final int[] imm;

  /** Decodes {@code program}'s code region. */
  public DecodedCode(Program program) {
    codeStart = program.codeStart();
    int words = (program.codeEnd() - program.codeStart()) >>> 2;
    opcode = new int[words];
    rd = new int[words];
    rs1 = new int[words];
    rs2 = new int[words];
    imm = new int[words];
    for (int i = 0; i < words; i++) {
      int word = program.image().word(codeStart + 4 * i);
      int op = Decoder.opcode(word);
      opcode[i] = op;
      if (op != Decoder.ILLEGAL) {
        Instruction in = Decoder.decode(word);
        rd[i] = in.rd();
        rs1[i] = in.rs1();
        rs2[i] = in.rs2();
        imm[i] = in.imm();
      }
    }
  }

  /** The code region's first byte. */
  public int codeStart() {
    return codeStart;
  }

  /** The first byte past the code region. */
  public int codeEnd() {
    return codeStart + 4 * opcode.length;
  }

  /** The index of the code word at {@code pc} (which the executor ran, so it lies in the code). */
  public int index(int pc) {
    return (pc - codeStart) >>> 2;
  }

  public int opcode(int pc) {
    return opcode[index(pc)];
  }

  /** rd, 0 for operations that write none (as {@link Decoder#decode} gives it). */
  public int rd(int pc) {
    return rd[index(pc)];
  }

  public int rs1(int pc) {
    return rs1[index(pc)];
  }

  public int rs2(int pc) {
    return rs2[index(pc)];
  }

  /** The sign-extended immediate. */
  public int imm(int pc) {
    return imm[index(pc)];
  }
}
