package dev.rivet.isa;

/**
 * Decodes 32-bit RV32IM instruction words.
 *
 * <p>Decoding is strict: every bit the RV32IM specification fixes must match, so a word is either
 * exactly one operation or illegal. In particular shifts by an immediate need bit 25 clear (RV32
 * has 5-bit shift amounts), ECALL and EBREAK must be the exact words {@code 0x00000073} and
 * {@code 0x00100073}, and CSR instructions, FENCE.I and compressed encodings are illegal. FENCE
 * accepts any predecessor/successor sets, which do not matter on a single-threaded machine.
 *
 * <p>The static field extractors let a hot loop decode without allocating; {@link #decode} gives
 * the same information as a record.
 */
public final class Decoder {

  /** The value {@link #opcode} returns for a word that is not an RV32IM instruction. */
  public static final int ILLEGAL = -1;

  private Decoder() {}

  /**
   * Decodes {@code word}.
   *
   * @throws IllegalArgumentException if the word is not an RV32IM instruction
   */
  public static Instruction decode(int word) {
    int op = opcode(word);
    if (op == ILLEGAL) {
      throw new IllegalArgumentException(
          String.format("illegal instruction 0x%08x", word));
    }
    return new Instruction(
        op,
        Opcode.writesRd(op) ? rd(word) : 0,
        Opcode.readsRs1(op) ? rs1(word) : 0,
        Opcode.readsRs2(op) ? rs2(word) : 0,
        immediate(op, word));
  }

  /** The {@link Opcode} of {@code word}, or {@link #ILLEGAL}. */
  public static int opcode(int word) {
    int funct3 = (word >>> 12) & 7;
    int funct7 = word >>> 25;
    switch (word & 0x7f) {
      case 0x37:
        return Opcode.LUI;
      case 0x17:
        return Opcode.AUIPC;
      case 0x6f:
        return Opcode.JAL;
      case 0x67:
        return funct3 == 0 ? Opcode.JALR : ILLEGAL;
      case 0x63:
        return branch(funct3);
      case 0x03:
        return load(funct3);
      case 0x23:
        return funct3 <= 2 ? Opcode.SB + funct3 : ILLEGAL;
      case 0x13:
        return aluImmediate(funct3, funct7);
      case 0x33:
        return aluRegister(funct3, funct7);
      case 0x0f:
        return funct3 == 0 ? Opcode.FENCE : ILLEGAL;
      case 0x73:
        if (word == 0x00000073) {
          return Opcode.ECALL;
        }
        return word == 0x00100073 ? Opcode.EBREAK : ILLEGAL;
      default:
        return ILLEGAL;
    }
  }

  private static int branch(int funct3) {
    switch (funct3) {
      case 0:
        return Opcode.BEQ;
      case 1:
        return Opcode.BNE;
      case 4:
        return Opcode.BLT;
      case 5:
        return Opcode.BGE;
      case 6:
        return Opcode.BLTU;
      case 7:
        return Opcode.BGEU;
      default:
        return ILLEGAL;
    }
  }

  private static int load(int funct3) {
    switch (funct3) {
      case 0:
        return Opcode.LB;
      case 1:
        return Opcode.LH;
      case 2:
        return Opcode.LW;
      case 4:
        return Opcode.LBU;
      case 5:
        return Opcode.LHU;
      default:
        return ILLEGAL;
    }
  }

  private static int aluImmediate(int funct3, int funct7) {
    switch (funct3) {
      case 0:
        return Opcode.ADDI;
      case 1:
        return funct7 == 0 ? Opcode.SLLI : ILLEGAL;
      case 2:
        return Opcode.SLTI;
      case 3:
        return Opcode.SLTIU;
      case 4:
        return Opcode.XORI;
      case 5:
        if (funct7 == 0) {
          return Opcode.SRLI;
        }
        return funct7 == 0x20 ? Opcode.SRAI : ILLEGAL;
      case 6:
        return Opcode.ORI;
      default:
        return Opcode.ANDI;
    }
  }

  private static int aluRegister(int funct3, int funct7) {
    if (funct7 == 1) {
      return Opcode.MUL + funct3;
    }
    if (funct7 == 0x20) {
      if (funct3 == 0) {
        return Opcode.SUB;
      }
      return funct3 == 5 ? Opcode.SRA : ILLEGAL;
    }
    if (funct7 != 0) {
      return ILLEGAL;
    }
    switch (funct3) {
      case 0:
        return Opcode.ADD;
      case 1:
        return Opcode.SLL;
      case 2:
        return Opcode.SLT;
      case 3:
        return Opcode.SLTU;
      case 4:
        return Opcode.XOR;
      case 5:
        return Opcode.SRL;
      case 6:
        return Opcode.OR;
      default:
        return Opcode.AND;
    }
  }

  /** Bits 11:7. */
  public static int rd(int word) {
    return (word >>> 7) & 31;
  }

  /** Bits 19:15. */
  public static int rs1(int word) {
    return (word >>> 15) & 31;
  }

  /** Bits 24:20. */
  public static int rs2(int word) {
    return (word >>> 20) & 31;
  }

  /**
   * The immediate of {@code word} decoded as operation {@code op}: sign-extended for every format
   * but U (whose value is the upper 20 bits in place); the shift amount for SLLI, SRLI and SRAI; 0
   * for R-format operations, FENCE, ECALL and EBREAK.
   */
  public static int immediate(int op, int word) {
    if (op == Opcode.SLLI || op == Opcode.SRLI || op == Opcode.SRAI) {
      return (word >>> 20) & 31;
    }
    if (op == Opcode.FENCE || op == Opcode.ECALL || op == Opcode.EBREAK) {
      return 0;
    }
    switch (Opcode.format(op)) {
      case I:
        return word >> 20;
      case S:
        return ((word >> 25) << 5) | ((word >>> 7) & 0x1f);
      case B:
        return ((word >> 31) << 12)
            | (((word >>> 7) & 1) << 11)
            | (((word >>> 25) & 0x3f) << 5)
            | (((word >>> 8) & 0xf) << 1);
      case U:
        return word & 0xfffff000;
      case J:
        return ((word >> 31) << 20)
            | (((word >>> 12) & 0xff) << 12)
            | (((word >>> 20) & 1) << 11)
            | (((word >>> 21) & 0x3ff) << 1);
      default:
        return 0;
    }
  }
}
