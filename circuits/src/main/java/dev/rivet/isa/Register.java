package dev.rivet.isa;

/**
 * Register numbers under the standard RISC-V ABI names, for code that talks about the calling
 * convention (the ECALL interface, the guest SDK, tests) rather than about raw register fields.
 */
public final class Register {
  public static final int ZERO = 0;
  public static final int RA = 1;
  public static final int SP = 2;
  public static final int GP = 3;
  public static final int TP = 4;
  public static final int T0 = 5;
  public static final int T1 = 6;
  public static final int T2 = 7;
  public static final int S0 = 8;
  public static final int S1 = 9;
  public static final int A0 = 10;
  public static final int A1 = 11;
  public static final int A2 = 12;
  public static final int A3 = 13;
  public static final int A4 = 14;
  public static final int A5 = 15;
  public static final int A6 = 16;
  public static final int A7 = 17;

  /** The number of integer registers, x0 to x31. */
  public static final int COUNT = 32;

  private static final String[] ABI_NAMES = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6"
  };

  private Register() {}

  /** The ABI name of register {@code x<index>}, e.g. {@code "a0"} for 10. */
  public static String abiName(int index) {
    if (index < 0 || index >= COUNT) {
      throw new IllegalArgumentException("not a register: x" + index);
    }
    return ABI_NAMES[index];
  }
}
