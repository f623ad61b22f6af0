package dev.rivet.isa;

/**
 * The guest address space, as the machine specification lays it out: part of the machine's
 * definition, like the instruction set, so the ELF loader, the executor and the memory circuits
 * read one map.
 *
 * <pre>
 * | range                     | name           | guest access                          |
 * |---------------------------|----------------|---------------------------------------|
 * | 0x00000000 - 0x0000FFFF   | invalid page   | none: a NULL dereference traps        |
 * | 0x00010000 - 0xBFFFFFFF   | user memory    | code, heap and stack                  |
 * | 0xC0000000 - 0xFEFFFFFF   | kernel memory  | none; the words below live at its top |
 * |   0xFEFFFF78 - 0xFEFFFF7B | end of input   | none; the read ECALL uses it          |
 * |   0xFEFFFF7C - 0xFEFFFF7F | journal cursor | none; commit and halt ECALLs use it   |
 * |   0xFEFFFF80 - 0xFEFFFFFF | registers      | none; x0 to x31                       |
 * | 0xFF000000 - 0xFFFFFFFF   | unmapped       | none                                  |
 * </pre>
 *
 * <p>Guest loads, stores and ECALL buffers must lie in user memory. The 32 registers are given
 * addresses at the top of kernel memory ({@link #registerAddress}) so that the memory argument
 * can treat a register access like any other memory access; guest code can never reach them
 * through a load or store.
 *
 * <p>The journal cursor ({@link #JOURNAL_CURSOR}) is a kernel word holding the journal's length
 * so far: the commit ECALL reads it and writes it advanced by the bytes it commits, and halt
 * reads it, so the memory argument orders commits (the journal comes out in execution order)
 * and the halt circuit can output the journal's length. It starts at 0, like every word outside
 * the image.
 *
 * <p>The end-of-input word ({@link #INPUT_EOF}) is 1 once a read ECALL returned fewer bytes than
 * asked for (the private input is exhausted), 0 before: every read ECALL reads it and writes it
 * back, set if the read was short, so the read circuit can prove that the reads take one input
 * stream in order (after a short read, every read returns nothing). It starts at 0, not in the
 * image.
 *
 * <p>Addresses are Java {@code int}s holding unsigned 32-bit values.
 */
public final class MemoryMap {
  /** First byte of user memory; everything below is the invalid page. */
  public static final int USER_START = 0x0001_0000;
  /** First byte past user memory, where kernel memory starts. */
  public static final int USER_END = 0xC000_0000;
  /** First byte of kernel memory. */
  public static final int KERNEL_START = USER_END;
  /** First byte past kernel memory. */
  public static final int KERNEL_END = 0xFF00_0000;
  /** Address of register x0; register xi lives at {@code REGISTER_BASE + 4 * i}. */
  public static final int REGISTER_BASE = KERNEL_END - 4 * 32;
  /**
   * Address of the journal cursor, the word just below the registers: the journal's length in
   * bytes, read by the commit and halt ECALLs and advanced by commit (see the class comment).
   */
  public static final int JOURNAL_CURSOR = REGISTER_BASE - 4;
  /**
   * Address of the end-of-input word, just below the journal cursor: 1 once a read ECALL came
   * back short, else 0; read and written by every read ECALL (see the class comment).
   */
  public static final int INPUT_EOF = JOURNAL_CURSOR - 4;

  /** Bytes in a page, the unit in which memory is allocated and the image is hashed. */
  public static final int PAGE_BYTES = 4096;

  /** log2 of {@link #PAGE_BYTES}: an address's page number is {@code address >>> PAGE_SHIFT}. */
  public static final int PAGE_SHIFT = 12;
  /** Words in a page. */
  public static final int PAGE_WORDS = PAGE_BYTES / 4;

  private static final int USER_BYTES = USER_END - USER_START;

  private MemoryMap() {}

  /** Whether {@code address} (unsigned) lies in user memory. */
  public static boolean isUser(int address) {
    return Integer.compareUnsigned(address - USER_START, USER_BYTES) < 0;
  }

  /**
   * Whether the {@code length} bytes from {@code address} lie in user memory (an empty range is in
   * user memory when its address is).
   */
  public static boolean isUser(int address, long length) {
    long start = Integer.toUnsignedLong(address);
    return length >= 0
        && start >= Integer.toUnsignedLong(USER_START)
        && start + length <= Integer.toUnsignedLong(USER_END);
  }

  /** The address at which the memory argument keeps register {@code x<index>}. */
  public static int registerAddress(int index) {
    return REGISTER_BASE + 4 * index;
  }
}
