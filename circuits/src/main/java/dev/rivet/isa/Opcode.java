package dev.rivet.isa;

/**
 * The 48 RV32IM operations, numbered densely from 0.
 *
 * <p>They are plain {@code int} constants rather than an enum because the number is what the
 * machine works with: the interpreter switches on it in its hot loop (a {@code switch} needs
 * compile-time constants) and the circuits put it in a trace column as a field element. The
 * numbering is part of the circuits' format: append new operations, never renumber.
 *
 * <p>FENCE, ECALL and EBREAK are operations like the others; ECALL's meaning is Rivet's (see
 * docs/ecalls.md), FENCE does nothing on a single-threaded machine without caches.
 */
public final class Opcode {
  public static final int LUI = 0;
  public static final int AUIPC = 1;
  public static final int JAL = 2;
  public static final int JALR = 3;
  public static final int BEQ = 4;
  public static final int BNE = 5;
  public static final int BLT = 6;
  public static final int BGE = 7;
  public static final int BLTU = 8;
  public static final int BGEU = 9;
  public static final int LB = 10;
  public static final int LH = 11;
  public static final int LW = 12;
  public static final int LBU = 13;
  public static final int LHU = 14;
  public static final int SB = 15;
  public static final int SH = 16;
  public static final int SW = 17;
  public static final int ADDI = 18;
  public static final int SLTI = 19;
  public static final int SLTIU = 20;
  public static final int XORI = 21;
  public static final int ORI = 22;
  public static final int ANDI = 23;
  public static final int SLLI = 24;
  public static final int SRLI = 25;
  public static final int SRAI = 26;
  public static final int ADD = 27;
  public static final int SUB = 28;
  public static final int SLL = 29;
  public static final int SLT = 30;
  public static final int SLTU = 31;
  public static final int XOR = 32;
  public static final int SRL = 33;
  public static final int SRA = 34;
  public static final int OR = 35;
  public static final int AND = 36;
  public static final int FENCE = 37;
  public static final int ECALL = 38;
  public static final int EBREAK = 39;
  public static final int MUL = 40;
  public static final int MULH = 41;
  public static final int MULHSU = 42;
  public static final int MULHU = 43;
  public static final int DIV = 44;
  public static final int DIVU = 45;
  public static final int REM = 46;
  public static final int REMU = 47;

  /** The number of operations; valid opcodes are {@code 0 <= op < COUNT}. */
  public static final int COUNT = 48;

  private static final String[] MNEMONICS = {
    "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu",
    "lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw",
    "addi", "slti", "sltiu", "xori", "ori", "andi", "slli", "srli", "srai",
    "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
    "fence", "ecall", "ebreak",
    "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"
  };

  private static final Format[] FORMATS = new Format[COUNT];

  static {
    for (int op = 0; op < COUNT; op++) {
      FORMATS[op] = Format.I;
    }
    FORMATS[LUI] = Format.U;
    FORMATS[AUIPC] = Format.U;
    FORMATS[JAL] = Format.J;
    for (int op = BEQ; op <= BGEU; op++) {
      FORMATS[op] = Format.B;
    }
    for (int op = SB; op <= SW; op++) {
      FORMATS[op] = Format.S;
    }
    for (int op = ADD; op <= AND; op++) {
      FORMATS[op] = Format.R;
    }
    for (int op = MUL; op <= REMU; op++) {
      FORMATS[op] = Format.R;
    }
  }

  private Opcode() {}

  /** The assembler mnemonic, e.g. {@code "mulhsu"}. */
  public static String mnemonic(int op) {
    checkOpcode(op);
    return MNEMONICS[op];
  }

  /** The encoding format, which says which registers the operation reads and writes. */
  public static Format format(int op) {
    checkOpcode(op);
    return FORMATS[op];
  }

  /**
   * Whether the operation reads register rs1. FENCE, ECALL and EBREAK are I-format encodings but
   * use no register fields (an ECALL handler reads the registers it needs by itself).
   */
  public static boolean readsRs1(int op) {
    return !isSystem(op) && format(op).readsRs1();
  }

  /** Whether the operation reads register rs2. */
  public static boolean readsRs2(int op) {
    return format(op).readsRs2();
  }

  /** Whether the operation writes register rd (a write to x0 is discarded). */
  public static boolean writesRd(int op) {
    return !isSystem(op) && format(op).writesRd();
  }

  private static boolean isSystem(int op) {
    return op == FENCE || op == ECALL || op == EBREAK;
  }

  /** Whether the operation reads or writes data memory (loads and stores). */
  public static boolean accessesMemory(int op) {
    return op >= LB && op <= SW;
  }

  private static void checkOpcode(int op) {
    if (op < 0 || op >= COUNT) {
      throw new IllegalArgumentException("not an opcode: " + op);
    }
  }
}
