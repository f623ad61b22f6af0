package dev.rivet.exec.ecall;

import java.io.OutputStream;

/**
 * What an {@link EcallHandler} may do to the guest and the host.
 *
 * <p>Guest memory is reached only through this interface, so that every address is checked
 * against user memory and the code region (a bad one ends execution with a trap naming the
 * ECALL and the pc) and every access is recorded for the memory argument. Within one ECALL a
 * handler should read its inputs before writing its outputs: the record gives all reads of an
 * ECALL one timestamp and all writes the next.
 */
public interface EcallContext {

  /** Register {@code x<index>}, e.g. {@code register(Register.A0)}. */
  int register(int index);

  /** Sets register {@code x<index>} (a write to x0 is discarded). */
  void setRegister(int index, int value);

  /** The aligned word at {@code address} in user memory. */
  int loadWord(int address);

  /** Stores an aligned word in user memory outside the code region. */
  void storeWord(int address, int value);

  /**
   * Checks, without touching it, that a buffer lies in user memory outside the code region, so a
   * handler can refuse bad arguments before it has any effect.
   */
  void requireWritable(int address, int length);

  /** Reads {@code length} bytes from user memory (any alignment). */
  byte[] readBytes(int address, int length);

  /**
   * Reads {@code length} bytes from user memory (any alignment), checked like {@link #readBytes}
   * but not recorded: for bytes whose content no circuit proves, such as what the write ECALL
   * passes to the host's stdout, so that the memory argument does not carry reads nothing uses.
   * A read changes no word, so leaving it out of the record cannot make a proof lie about
   * memory; but a handler whose circuit does constrain the bytes must use {@link #readBytes}.
   */
  byte[] peekBytes(int address, int length);

  /** Writes bytes to user memory outside the code region (any alignment). */
  void writeBytes(int address, byte[] data, int offset, int length);

  /**
   * Reads up to {@code length} bytes of the private input into {@code buffer}, returning how many
   * were read (0 once the input is exhausted). In the record, the first read of an ECALL (even of
   * 0 bytes) reads the end-of-input word ({@link dev.rivet.isa.MemoryMap#INPUT_EOF}) at that
   * point, and the ECALL writes it after the handler returns, last of all its accesses: 1 once a
   * read returned fewer bytes than asked for.
   */
  int readInput(byte[] buffer, int offset, int length);

  /**
   * Appends bytes to the journal, the public output a receipt commits to. In the record, the
   * first commit of an ECALL (even of 0 bytes) reads the journal cursor ({@link
   * dev.rivet.isa.MemoryMap#JOURNAL_CURSOR}, the journal's length) at that point, and the ECALL
   * writes the cursor's new value after the handler returns, following its other accesses.
   */
  void commit(byte[] data, int offset, int length);

  /** The host's standard output (not part of any proof). */
  OutputStream stdout();

  /** The host's standard error (not part of any proof). */
  OutputStream stderr();

  /**
   * Ends execution with {@code exitCode} once the handler returns. In the record, this reads the
   * journal cursor (unless this ECALL accessed it already), whose value the halt circuit
   * outputs as the journal's length.
   */
  void halt(int exitCode);

  /**
   * An exception to throw when the guest passed bad arguments; execution ends with a trap
   * carrying the pc, the ECALL's name and {@code problem}.
   */
  RuntimeException fault(String problem);
}
