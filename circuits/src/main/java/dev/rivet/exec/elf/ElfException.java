package dev.rivet.exec.elf;

/**
 * An ELF file Rivet refuses to load. The message names the file, the byte offset of the field at
 * fault and the problem, e.g. {@code guest.elf: offset 0x12: e_machine is 62 (x86-64), expected
 * 243 (RISC-V)}.
 */
public final class ElfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final String problem;

  ElfException(String file, long offset, String problem) {
    super(String.format("%s: offset 0x%x: %s", file, offset, problem));
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  /** The file name as given to the loader. */
  public String file() {
    return file;
  }

  /** The byte offset in the file of the field or data at fault. */
  public long offset() {
    return offset;
  }

  /** The problem, without file and offset. */
  public String problem() {
    return problem;
  }
}
